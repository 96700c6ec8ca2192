/**
 * The esbuild half of the dashboard build: the content hash (it covers esbuild's version) and
 * the compilation. build.ts imports this module only when it has to build, so a production
 * build serving a prebuilt folder (`npm run build`, dist/dashboard) never loads esbuild.
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import * as esbuild from "esbuild";
import { type Files, listFiles, type Manifest } from "./files.ts";

/** Bump when the build options below change meaningfully. */
const BUILD_FORMAT = "3";
const APP_DIR = fileURLToPath(new URL("../app/", import.meta.url));
const LIBRARIES = ["react", "react-dom", "uplot"];
/** Modules of other workspace packages the app bundles (plain data), hashed like its sources. */
const BUNDLED_MODULES = ["@intently/integrations/fields"];

export async function contentHash(catalogue: string): Promise<string> {
  const h = createHash("sha256");
  h.update(`format ${BUILD_FORMAT}\nesbuild ${esbuild.version}\n`);
  const require = createRequire(import.meta.url);
  for (const lib of LIBRARIES) {
    const pkg = JSON.parse(await readFile(require.resolve(`${lib}/package.json`), "utf8"));
    h.update(`${lib} ${pkg.version}\n`);
  }
  h.update(catalogue);
  for (const f of await listFiles(APP_DIR)) {
    h.update(`\n${relative(APP_DIR, f).split(sep).join("/")}\n`);
    h.update(await readFile(f));
  }
  for (const m of BUNDLED_MODULES) {
    h.update(`\n${m}\n`);
    h.update(await readFile(require.resolve(m)));
  }
  return h.digest("hex").slice(0, 20);
}

function cataloguePlugin(json: string): esbuild.Plugin {
  return {
    name: "intently-catalogue",
    setup(b) {
      b.onResolve({ filter: /^intently:catalogue$/ }, (a) => ({ path: a.path, namespace: "cat" }));
      b.onLoad({ filter: /.*/, namespace: "cat" }, () => ({ contents: json, loader: "json" }));
    },
  };
}

export async function compile(
  hash: string,
  catalogue: string,
): Promise<{ manifest: Manifest; files: Files }> {
  const result = await esbuild.build({
    entryPoints: { app: join(APP_DIR, "main.tsx") },
    bundle: true,
    minify: true,
    format: "esm",
    target: ["es2020", "chrome100", "firefox100", "safari15"],
    jsx: "automatic",
    outdir: "/out",
    entryNames: "[name]-[hash]",
    assetNames: "[name]-[hash]",
    write: false,
    legalComments: "none",
    logLevel: "silent",
    define: { "process.env.NODE_ENV": '"production"' },
    plugins: [cataloguePlugin(catalogue)],
  });
  const files: Files = new Map();
  let script = "";
  let style: string | null = null;
  for (const f of result.outputFiles) {
    const name = relative("/out", f.path).split(sep).join("/");
    if (name.endsWith(".js")) script = name;
    if (name.endsWith(".css")) style = name;
    const body = Buffer.from(f.contents);
    files.set(name, body);
    const params = {
      [constants.BROTLI_PARAM_QUALITY]: 9,
      [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
    };
    files.set(`${name}.br`, brotliCompressSync(body, { params }));
    files.set(`${name}.gz`, gzipSync(body, { level: 9 }));
  }
  const manifest: Manifest = { hash, script, style };
  files.set("manifest.json", Buffer.from(JSON.stringify(manifest)));
  return { manifest, files };
}
