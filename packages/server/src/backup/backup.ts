/**
 * A consistent copy of a data folder (`intently backup`), made by whoever holds the DuckDB file:
 * the running server (POST /api/admin/backup) or the CLI on a stopped one.
 *
 * Consistency with the server running: within `store.snapshot` no store flush — hence no
 * collector checkpoint — completes, and every connection is closed. There the collector log is
 * sealed at sequence S (later batches go to a new segment), the database file is copied, the
 * log's tombstones are copied and its segments up to S are opened; those sealed bytes are copied
 * after the pause (log-copy.ts), so reports wait for the database copy only. Every row in the copied file comes from
 * a batch ≤ S (a batch is applied after it is durable, and nothing is flushed after the seal),
 * and every checkpoint in the copied log was written after its flush, so it is covered by the
 * copied file. A server started on the restore replays the batches after the last checkpoint
 * (store writes are idempotent by key): the data is exactly that of the batches ≤ S.
 *
 * `secret.key` (which decrypts the integrations' secrets) is left out unless asked for.
 */
import { copyFile, mkdir, readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { LATEST_VERSION, privateDir, type StoreFiles } from "@intently/store";
import type { CollectorLog } from "../collector/log.ts";
import { copyHeld, type HeldLog, holdLog } from "./log-copy.ts";
import {
  type BackupManifest,
  KEY_FILE,
  LOG_DIR,
  listFiles,
  MANIFEST_FORMAT,
  requireEmptyDir,
  writeManifest,
} from "./manifest.ts";

export interface BackupSource {
  /** The embedded store's file (Store.files). */
  store: StoreFiles;
  dataDir: string;
  /** The running collector's log; null when the server is stopped (every segment is closed). */
  log: CollectorLog | null;
}

export interface BackupResult {
  manifest: BackupManifest;
  /** How long connections were closed (reports waited), ms. */
  pausedMs: number;
  totalMs: number;
}

/** Files of the data folder that are never copied: the append probe and DuckDB's own temp. */
const SKIP = new Set([".append-probe", ".tmp", "tmp"]);

export async function backupDataDir(
  src: BackupSource,
  dest: string,
  opts: { withKey?: boolean } = {},
): Promise<BackupResult> {
  const started = performance.now();
  requireEmptyDir(dest);
  privateDir(dest);
  let logUpTo: number | null = null;
  let pausedMs = 0;
  let log: HeldLog | null = null;
  await src.store.snapshot(async (dbFile) => {
    const t = performance.now();
    logUpTo = src.log ? await src.log.seal() : null;
    await copyFile(dbFile, join(dest, "intently.duckdb"));
    const wal = `${dbFile}.wal`;
    if (await exists(wal)) await copyFile(wal, join(dest, "intently.duckdb.wal"));
    // The log's segments are only opened here and copied after the pause (log-copy.ts).
    log = await holdLog(join(src.dataDir, LOG_DIR), join(dest, LOG_DIR), logUpTo);
    pausedMs = performance.now() - t;
  });
  if (log) await copyHeld(log);
  // Anything else of the folder (models, settings files), outside the pause.
  for (const name of await readdir(src.dataDir)) {
    if (name.startsWith("intently.duckdb") || name === LOG_DIR || SKIP.has(name)) continue;
    if (name === KEY_FILE && !opts.withKey) continue;
    await copyTree(join(src.dataDir, name), join(dest, name));
  }
  const manifest: BackupManifest = {
    format: MANIFEST_FORMAT,
    createdAt: new Date().toISOString(),
    schemaVersion: LATEST_VERSION,
    logUpTo,
    withKey: Boolean(opts.withKey),
    files: await listFiles(dest),
  };
  writeManifest(dest, manifest);
  return { manifest, pausedMs, totalMs: performance.now() - started };
}

async function copyTree(from: string, to: string): Promise<void> {
  const s = await stat(from);
  if (s.isFile()) return copyFile(from, to);
  if (!s.isDirectory()) return;
  await mkdir(to, { recursive: true, mode: 0o700 });
  for (const name of await readdir(from)) await copyTree(join(from, name), join(to, name));
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
