/**
 * The data folder `bench dashboard` serves: a workspace and site with the demo's custom
 * segments, N simulated sessions (through the engine and the recorder, as `intently demo` loads
 * history) over the D whole UTC days before today, the bench's admin account, and the aggregate
 * tables compacted. 1,000,000 sessions take a few minutes, so the folder is cached:
 * `node_modules/.cache/intently-bench/dashboard-<sessions>-<days>d-seed<S>-v<schema>-<day>/`
 * (or under `--cache DIR`), built in a temporary folder renamed into place (an interrupted
 * build is never reused) and reused while the parameters, the store's schema version and the
 * UTC day are the same — the overview shows the last 7 days, so another day's folder would not
 * match; those are removed.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { writeDemoFolder } from "@intently/demo-data";
import { ensureAdmin } from "@intently/server";
import { LATEST_VERSION } from "@intently/store";

export const BENCH_SITE = {
  id: "bench",
  workspaceId: "bench",
  name: "Bench shop",
  publicKey: "pk_bench_dashboard",
};
export const BENCH_ADMIN = { email: "bench@intently.local", password: "intently-bench-dashboard" };
const DAY = 86_400_000;
const META = "bench-meta.json";

export interface BenchDataOptions {
  sessions: number;
  days: number;
  seed: number;
  /** Folder holding the cached data folders (default: see defaultCacheRoot). */
  root?: string;
  onProgress?: (ended: number) => void;
}

export interface BenchData {
  dir: string;
  /** Whether an existing folder was reused. */
  cached: boolean;
  /** Seconds spent building it (0 when cached). */
  buildSec: number;
  /** Sessions in the store. */
  sessions: number;
}

/** `node_modules/.cache/intently-bench` nearest this package, else the OS temp folder. */
export function defaultCacheRoot(): string {
  for (let d = fileURLToPath(new URL("../../", import.meta.url)); ; d = dirname(d)) {
    if (existsSync(join(d, "node_modules")))
      return join(d, "node_modules", ".cache", "intently-bench");
    if (dirname(d) === d) return join(tmpdir(), `intently-bench-${process.getuid?.() ?? 0}`);
  }
}

const today = () => Math.floor(Date.now() / DAY) * DAY;

/** The cached folder for the options (built now when missing). */
export async function benchData(o: BenchDataOptions): Promise<BenchData> {
  const root = o.root ?? defaultCacheRoot();
  mkdirSync(root, { recursive: true });
  const day = new Date(today()).toISOString().slice(0, 10);
  const prefix = `dashboard-${o.sessions}-${o.days}d-seed${o.seed}-`;
  const name = `${prefix}v${LATEST_VERSION}-${day}`;
  const dir = join(root, name);
  // Folders of the same parameters for another day or schema will not be used again.
  for (const other of readdirSync(root)) {
    if (other.startsWith(prefix) && other !== name && !other.endsWith(".tmp"))
      rmSync(join(root, other), { recursive: true, force: true });
  }
  if (existsSync(join(dir, META))) {
    const meta = JSON.parse(readFileSync(join(dir, META), "utf8")) as { sessions: number };
    return { dir, cached: true, buildSec: 0, sessions: meta.sessions };
  }
  const tmp = `${dir}.${process.pid}.tmp`;
  rmSync(tmp, { recursive: true, force: true });
  const t0 = performance.now();
  const sessions = await build(tmp, o);
  const meta = { sessions, simulated: o.sessions, days: o.days, seed: o.seed, day };
  await writeFile(join(tmp, META), JSON.stringify(meta));
  try {
    renameSync(tmp, dir);
  } catch (e) {
    // Another bench built the same folder meanwhile: use theirs.
    rmSync(tmp, { recursive: true, force: true });
    if (!existsSync(join(dir, META))) throw e;
  }
  return { dir, cached: false, buildSec: (performance.now() - t0) / 1000, sessions };
}

function build(dir: string, o: BenchDataOptions): Promise<number> {
  const env = {
    INTENTLY_ADMIN_EMAIL: BENCH_ADMIN.email,
    INTENTLY_ADMIN_PASSWORD: BENCH_ADMIN.password,
  };
  return writeDemoFolder(dir, {
    site: { ...BENCH_SITE, allowedOrigins: ["loopback"] },
    workspaceName: "Bench",
    author: "bench",
    prepare: (store) => ensureAdmin(store, env, () => {}),
    history: {
      sessions: o.sessions,
      seed: o.seed,
      days: o.days,
      ...(o.onProgress ? { onProgress: o.onProgress } : {}),
    },
    compact: true,
  });
}
