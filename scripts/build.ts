/**
 * `npm run build`: the production build in dist/ (git-ignored).
 *
 * - dist/intently.js: the CLI and server as one ES module bundle for Node 20 (esbuild), from
 *   scripts/build-entry.ts. One bundle rather than a per-package compile: the workspaces export
 *   their TypeScript sources (`"exports": "./src/index.ts"`), so compiled packages would need
 *   rewritten exports; a bundle needs none and starts faster. Native packages (NATIVE) and
 *   playwright-core (UNBUNDLED) stay external and load from node_modules; the build tools
 *   (esbuild, tsx) are replaced by stubs that fail clearly (STUBBED), so the bundle never
 *   imports one.
 * - dist/dashboard: the dashboard's browser build (manifest.json, hashed assets, .br/.gz copies).
 * - dist/tag: the tag bundles and their manifest, and the Shopify pixel's template.
 * - dist/package.json: `"type": "module"`, so the bundle loads as an ES module wherever dist/ is.
 * - dist/build.json: what was built, its sizes and times (read by the packaging test).
 *
 * Usage: node --import tsx scripts/build.ts [--out DIR]   (default: dist)
 */
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { build, type Plugin } from "esbuild";
import { writeDashboardBuild } from "../packages/dashboard/src/server/build.ts";
import { writeShopifyPixelTemplate, writeTagBuild } from "../packages/server/src/tag-route.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
/** Native addons (and their platform packages): loaded from node_modules at run time. */
export const NATIVE = ["@duckdb/node-api", "@duckdb/node-bindings", "@node-rs/argon2"];
/** Large packages only the bench and browser commands use: loaded from node_modules. */
export const UNBUNDLED = ["playwright-core"];
/** Build-time tools: never loaded by the production build (stubbed). */
export const BUILD_ONLY = ["esbuild", "tsx"];

/**
 * The build tools, in the bundle, are stubs with the real package's export names (read at build
 * time): their functions throw, their other values are undefined. Whatever imports them (the
 * dashboard's and the tag's builders, the bench) is bundled, but only the commands that build
 * reach a stub; `start` serves the prebuilt folders. So the bundle never imports a build tool.
 */
const STUBBED = new RegExp(`^(?:${BUILD_ONLY.join("|")})(?:/.*)?$`);

const stubPlugin: Plugin = {
  name: "intently-build-only",
  setup(b) {
    b.onResolve({ filter: STUBBED }, async (a) => {
      if (a.pluginData === "real") return undefined;
      const real = await b.resolve(a.path, {
        kind: a.kind,
        resolveDir: a.resolveDir,
        pluginData: "real",
      });
      if (real.errors.length > 0) return { errors: real.errors };
      return { path: real.path, namespace: "build-only", pluginData: a.path };
    });
    b.onLoad({ filter: /.*/, namespace: "build-only" }, async (a) => {
      const real = (await import(pathToFileURL(a.path).href)) as Record<string, unknown>;
      const message = `${a.pluginData} is not in the production build: run this command from a source checkout`;
      const names = Object.keys(real).filter(
        (n) => n !== "default" && /^[A-Za-z_$][\w$]*$/.test(n),
      );
      const lines = names.map((name) =>
        typeof real[name] === "function"
          ? `export function ${name}() { throw new Error(${JSON.stringify(message)}); }`
          : `export const ${name} = undefined;`,
      );
      lines.push(`export default { ${names.join(", ")} };`);
      return { loader: "js", contents: lines.join("\n") };
    });
  },
};

function sizeOf(path: string): number {
  const s = statSync(path);
  if (!s.isDirectory()) return s.size;
  return readdirSync(path).reduce((n, f) => n + sizeOf(join(path, f)), 0);
}

export interface BuildReport {
  node: string;
  ms: { bundle: number; dashboard: number; tag: number; total: number };
  bytes: { bundle: number; dashboard: number; tag: number };
  external: string[];
  /** The bundle's largest parts (npm package or workspace), bytes in the output. */
  largest: { part: string; bytes: number }[];
}

function largestParts(inputs: Record<string, { bytesInOutput: number }>, n: number) {
  const by = new Map<string, number>();
  for (const [file, i] of Object.entries(inputs)) {
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file) ?? /^(packages\/[^/]+)/.exec(file);
    const part = m?.[1] ?? file;
    by.set(part, (by.get(part) ?? 0) + i.bytesInOutput);
  }
  return [...by]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([part, bytes]) => ({ part, bytes }));
}

export async function buildDist(out: string): Promise<BuildReport> {
  const t0 = Date.now();
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const result = await build({
    metafile: true,
    entryPoints: [join(ROOT, "scripts", "build-entry.ts")],
    outfile: join(out, "intently.js"),
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    external: [...NATIVE, ...UNBUNDLED],
    plugins: [stubPlugin],
    // CommonJS dependencies call require(): give the ES module bundle one.
    banner: {
      js: 'import { createRequire as __intentlyRequire } from "node:module";\nconst require = __intentlyRequire(import.meta.url);',
    },
    legalComments: "none",
    logLevel: "warning",
  });
  writeFileSync(
    join(out, "package.json"),
    `${JSON.stringify({ type: "module", private: true })}\n`,
  );
  const t1 = Date.now();
  await writeDashboardBuild(join(out, "dashboard"));
  const t2 = Date.now();
  mkdirSync(join(out, "tag"), { recursive: true });
  await writeTagBuild(join(out, "tag"));
  await writeShopifyPixelTemplate(join(out, "tag"));
  const t3 = Date.now();
  const report: BuildReport = {
    node: "node20",
    ms: { bundle: t1 - t0, dashboard: t2 - t1, tag: t3 - t2, total: t3 - t0 },
    bytes: {
      bundle: sizeOf(join(out, "intently.js")),
      dashboard: sizeOf(join(out, "dashboard")),
      tag: sizeOf(join(out, "tag")),
    },
    external: NATIVE,
    largest: largestParts(Object.values(result.metafile.outputs)[0]?.inputs ?? {}, 12),
  };
  writeFileSync(join(out, "build.json"), `${JSON.stringify(report, null, 2)}\n`);
  return report;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { out: { type: "string" } }, strict: true });
  const out = resolve(values.out ?? join(ROOT, "dist"));
  const r = await buildDist(out);
  process.stdout.write(
    `built ${out} in ${r.ms.total} ms: intently.js ${(r.bytes.bundle / 1024).toFixed(0)} KB, dashboard ${(r.bytes.dashboard / 1024).toFixed(0)} KB, tag ${(r.bytes.tag / 1024).toFixed(0)} KB\n`,
  );
}
