/**
 * The variants of the tag-cost visit: no tag (the baseline), Intently (the real built core and
 * lazy bundle) and peer tags installed from npm (devDependencies of @intently/bench), each
 * installed the way its documentation says and pointed at the bench server's 204 sink
 * (`/sink/<variant>/…`). The shop's add-to-cart `dataLayer` push is forwarded to each peer's own
 * custom-event call, as a shop would wire it; Intently reads `dataLayer` itself.
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { buildTag, CORE_FILE, LAZY_FILE } from "@intently/tag/build";
import { build } from "esbuild";

export const VARIANTS = ["none", "intently", "plausible", "clarity"] as const;
export type VariantName = (typeof VARIANTS)[number];

export interface Variant {
  name: VariantName;
  /** Package and version measured (empty for the baseline). */
  label: string;
  /** Files served at /tags/<name>/<file>. */
  files: Map<string, Buffer>;
  /** The page's <head> part that installs the tag, given the sink's URL. */
  head(sink: string): string;
}

const here = fileURLToPath(new URL(".", import.meta.url));
const require = createRequire(import.meta.url);
const version = (pkg: string): string =>
  (require(`${pkg}/package.json`) as { version: string }).version;

/** gzip (level 9) bytes of a variant's files: what a compressing CDN would transfer. */
export const gzipBytes = (v: Variant): number =>
  [...v.files.values()].reduce((n, b) => n + gzipSync(b, { level: 9 }).length, 0);

/** Calls `fn(event)` for every `dataLayer.push` of an add_to_cart (inline script text). */
const forwardAddToCart = (fn: string): string =>
  `(function(){var d=window.dataLayer=window.dataLayer||[],p=d.push;d.push=function(){for(var i=0;i<arguments.length;i++){var e=arguments[i];if(e&&e.event==="add_to_cart")(${fn})(e)}return p.apply(d,arguments)}})();`;

const none = (): Variant => ({ name: "none", label: "", files: new Map(), head: () => "" });

async function intently(dir: string): Promise<Variant> {
  const b = await buildTag(dir);
  const files = new Map<string, Buffer>();
  for (const f of [CORE_FILE, LAZY_FILE]) files.set(f, await readFile(join(dir, f)));
  return {
    name: "intently",
    label: `@intently/tag ${b.version}`,
    files,
    head: (sink) =>
      `<script>window.intently=${JSON.stringify({ site: "pk_bench", endpoint: sink })}</script>` +
      `<script async src="/tags/intently/${CORE_FILE}?v=${b.version}"></script>`,
  };
}

/** plausible-tracker is a library: bundled (minified) with the calls its README shows. */
async function plausible(): Promise<Variant> {
  const entry = `import Plausible from "plausible-tracker";
var s = document.currentScript;
var p = Plausible({ domain: "shop.test", apiHost: s.dataset.sink, trackLocalhost: true });
p.enableAutoPageviews();
p.enableAutoOutboundTracking();
window.__plausible = p;`;
  const out = await build({
    stdin: { contents: entry, resolveDir: join(here, "../.."), loader: "js" },
    bundle: true,
    minify: true,
    format: "iife",
    target: ["es2020"],
    write: false,
    logLevel: "silent",
  });
  const js = out.outputFiles[0];
  if (!js) throw new Error("esbuild produced no plausible bundle");
  return {
    name: "plausible",
    label: `plausible-tracker ${version("plausible-tracker")}`,
    files: new Map([["plausible.js", Buffer.from(js.contents)]]),
    head: (sink) =>
      `<script>${forwardAddToCart('function(){window.__plausible&&window.__plausible.trackEvent("add_to_cart")}')}</script>` +
      `<script async data-sink="${sink}" src="/tags/plausible/plausible.js"></script>`,
  };
}

/** clarity-js's browser build, started through its documented queue with `upload` at the sink. */
async function clarity(): Promise<Variant> {
  const file = await readFile(require.resolve("clarity-js/build/clarity.min.js"));
  return {
    name: "clarity",
    label: `clarity-js ${version("clarity-js")}`,
    files: new Map([["clarity.js", file]]),
    head: (sink) =>
      `<script>window.clarity=window.clarity||function(){(window.clarity.q=window.clarity.q||[]).push(arguments)};` +
      `clarity("start",${JSON.stringify({ projectId: "bench", upload: `${sink}/collect`, track: true, content: true })});` +
      `${forwardAddToCart('function(){window.clarity("event","add_to_cart")}')}</script>` +
      `<script async src="/tags/clarity/clarity.js"></script>`,
  };
}

export async function loadVariants(dir: string): Promise<Variant[]> {
  return [none(), await intently(dir), await plausible(), await clarity()];
}
