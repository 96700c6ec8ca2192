/**
 * The dashboard's browser bundle, built with esbuild (compile.ts) once per content hash. The hash
 * covers the app's sources, the catalogue JSON, the versions of esbuild and of the bundled
 * libraries and the build options; a build is kept in `node_modules/.cache/intently-dashboard/
 * <hash>/` (or a private folder in the OS temp folder when that is not writable), so a server
 * start only hashes files when nothing changed, and builds (≈ 0.3 s) when something did. Nothing
 * needs building after `npm ci`. A build that cannot be cached is served from memory.
 *
 * A production build (`npm run build`) writes the bundle into dist/dashboard and names that
 * folder with `usePrebuiltDashboard`: it is then served as is, and neither esbuild nor the app's
 * sources are read at run time.
 */
import { randomBytes } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { cacheRoot } from "./cache-dir.ts";
import { catalogueJson } from "./catalogue.ts";
import { type Files, listFiles, type Manifest } from "./files.ts";

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
  const raw = files.get("manifest.json");
  if (!raw) throw new Error(`no manifest.json in the dashboard build ${dir}`);
  const manifest = JSON.parse(raw.toString("utf8")) as Manifest;
  return assemble(manifest, files, true, started);
}

/** Writes a build's files into `dir` (an empty or new folder): what `npm run build` ships. */
export async function writeDashboardBuild(dir: string): Promise<Manifest> {
  const { contentHash, compile } = await import("./compile.ts");
  const catalogue = catalogueJson();
  const built = await compile(await contentHash(catalogue), catalogue);
  await mkdir(dir, { recursive: true });
  for (const [name, body] of built.files) await writeFile(join(dir, name), body);
  return built.manifest;
}

let prebuiltDir: string | undefined;

/**
 * Serve the build in `dir` (written by writeDashboardBuild) instead of building: every dashboard
 * plugin created without its own `prebuiltDir` uses it. Called by the production entry.
 */
export function usePrebuiltDashboard(dir: string | undefined): void {
  prebuiltDir = dir;
}

export function prebuiltDashboardDir(): string | undefined {
  return prebuiltDir;
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
  // Loaded here, not at the top: a server serving a prebuilt folder never loads esbuild.
  const { contentHash, compile } = await import("./compile.ts");
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

/**
 * One build per process and cache folder (or prebuilt folder), shared by every server started
 * in it.
 */
export function dashboardBuild(root?: string, prebuilt?: string): Promise<DashboardBuild> {
  const key = prebuilt !== undefined ? `prebuilt:${prebuilt}` : (root ?? "");
  let b = builds.get(key);
  if (!b) {
    b =
      prebuilt !== undefined
        ? load(prebuilt, Date.now())
        : buildDashboard(root === undefined ? {} : { root });
    builds.set(key, b);
    b.catch(() => builds.delete(key));
  }
  return b;
}
