/**
 * Builds the dashboard's browser bundle with esbuild, once per content hash. The hash covers the
 * app's sources, the catalogue JSON, the versions of esbuild and of the bundled libraries and the
 * build options; a build is kept in `node_modules/.cache/intently-dashboard/<hash>/` (or a
 * private folder in the OS temp folder when that is not writable), so a server start only hashes
 * files when nothing changed, and builds (≈ 0.3 s) when something did. Nothing needs building
 * after `npm ci`. A build that cannot be cached is served from memory.
 */
import { createHash, randomBytes } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import * as esbuild from "esbuild";
import { cacheRoot } from "./cache-dir.ts";
import { catalogueJson } from "./catalogue.ts";

/** Bump when the build options below change meaningfully. */
const BUILD_FORMAT = "3";
const APP_DIR = fileURLToPath(new URL("../app/", import.meta.url));
const LIBRARIES = ["react", "react-dom", "uplot"];
const STALE_MS = 14 * 86_400_000;

export interface Asset {
  body: Buffer;
  type: string;
  /** Pre-compressed copies (scripts and stylesheets). */
  br?: Buffer;
  gzip?: Buffer;
}

export interface DashboardBuild {
  hash: string;
  /** File names (under /assets/) of the entry script and stylesheet. */
  script: string;
  style: string | null;
  assets: Map<string, Asset>;
  fromCache: boolean;
  ms: number;
}

const TYPES: Record<string, string> = {
  js: "text/javascript; charset=utf-8",
  css: "text/css; charset=utf-8",
  svg: "image/svg+xml",
  json: "application/json",
};
const typeOf = (name: string) =>
  TYPES[name.slice(name.lastIndexOf(".") + 1)] ?? "application/octet-stream";

async function listFiles(dir: string, out: string[] = []): Promise<string[]> {
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) await listFiles(p, out);
    else out.push(p);
  }
  return out.sort();
}

async function contentHash(catalogue: string): Promise<string> {
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
  return h.digest("hex").slice(0, 20);
}

interface Manifest {
  hash: string;
  script: string;
  style: string | null;
}

type Files = Map<string, Buffer>;

function assemble(m: Manifest, files: Files, fromCache: boolean, started: number): DashboardBuild {
  const assets = new Map<string, Asset>();
  for (const [name, body] of files) {
    if (name === "manifest.json" || name.endsWith(".br") || name.endsWith(".gz")) continue;
    const br = files.get(`${name}.br`);
    const gzip = files.get(`${name}.gz`);
    assets.set(name, {
      body,
      type: typeOf(name),
      ...(br ? { br } : {}),
      ...(gzip ? { gzip } : {}),
    });
  }
  return { ...m, assets, fromCache, ms: Date.now() - started };
}

async function load(dir: string, started: number): Promise<DashboardBuild> {
  const files: Files = new Map();
  for (const f of await listFiles(dir))
    files.set(relative(dir, f).split(sep).join("/"), await readFile(f));
  const manifest = JSON.parse(files.get("manifest.json")!.toString("utf8")) as Manifest;
  return assemble(manifest, files, true, started);
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

async function compile(
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

/** Writes a build into `target` atomically (a temporary folder renamed into place). */
async function persist(files: Files, target: string): Promise<void> {
  const tmp = `${target}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`;
  await mkdir(tmp, { recursive: true });
  try {
    for (const [name, body] of files) await writeFile(join(tmp, name), body);
    await rename(tmp, target);
  } catch (e) {
    await rm(tmp, { recursive: true, force: true });
    // Another process finished the same build first: keep its copy.
    if (!(await stat(join(target, "manifest.json")).catch(() => null))) throw e;
  }
}

async function prune(root: string, keep: string): Promise<void> {
  const now = Date.now();
  for (const name of await readdir(root).catch(() => [])) {
    if (name === keep) continue;
    const p = join(root, name);
    const s = await stat(p).catch(() => null);
    if (s && now - s.mtimeMs > STALE_MS) await rm(p, { recursive: true, force: true });
  }
}

/** The dashboard bundle for the current sources: from the cache, or built now. */
export async function buildDashboard(opts: { root?: string } = {}): Promise<DashboardBuild> {
  const started = Date.now();
  const catalogue = catalogueJson();
  const hash = await contentHash(catalogue);
  const root = opts.root ?? (await cacheRoot());
  const dir = join(root, hash);
  const cached = await stat(join(dir, "manifest.json")).then(
    () => true,
    () => false,
  );
  if (cached) return load(dir, started);
  const built = await compile(hash, catalogue);
  try {
    await persist(built.files, dir);
    await prune(root, hash);
  } catch (e) {
    // Served from memory; the next start builds again.
    process.stderr.write(
      `dashboard: could not cache the build in ${root}: ${(e as Error).message}\n`,
    );
  }
  return assemble(built.manifest, built.files, false, started);
}

const builds = new Map<string, Promise<DashboardBuild>>();

/** One build per process and cache folder, shared by every server started in it. */
export function dashboardBuild(root?: string): Promise<DashboardBuild> {
  const key = root ?? "";
  let b = builds.get(key);
  if (!b) {
    b = buildDashboard(root === undefined ? {} : { root });
    builds.set(key, b);
    b.catch(() => builds.delete(key));
  }
  return b;
}
