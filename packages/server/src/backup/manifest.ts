/**
 * A backup's manifest (`intently-backup.json`: every file with its size and SHA-256, the schema
 * version, the log sequence it stops at, the time), its verification, and `intently restore`.
 */
import { createHash } from "node:crypto";
import {
  createReadStream,
  existsSync,
  readdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from "node:fs";
import { copyFile, mkdir, readdir, stat } from "node:fs/promises";
import { dirname, join, relative, sep } from "node:path";
import { LATEST_VERSION, PRIVATE_FILE_MODE, privateDir } from "@intently/store";

export const MANIFEST = "intently-backup.json";
export const MANIFEST_FORMAT = 1;
export const LOG_DIR = "log";
/** The integrations' secret key (packages/integrations/src/secrets.ts KEY_FILE). */
export const KEY_FILE = "secret.key";

export interface BackupFile {
  /** Relative to the backup folder, with `/`. */
  path: string;
  bytes: number;
  sha256: string;
}

export interface BackupManifest {
  format: number;
  createdAt: string;
  /** The store's schema version (migrations.ts) at the backup. */
  schemaVersion: number;
  /** The last collector log sequence number included (null: the server was stopped). */
  logUpTo: number | null;
  /** Whether secret.key was included. */
  withKey: boolean;
  files: BackupFile[];
}

/** What a backup's answer says of it (the API route and the CLI alike). */
export function manifestSummary(m: BackupManifest) {
  return {
    files: m.files.length,
    bytes: m.files.reduce((s, f) => s + f.bytes, 0),
    schemaVersion: m.schemaVersion,
    logUpTo: m.logUpTo,
    withKey: m.withKey,
    createdAt: m.createdAt,
  };
}

/** Refuses a destination that exists and is not an empty folder. */
export function requireEmptyDir(dir: string): void {
  if (!existsSync(dir)) return;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    throw new Error(`${dir} exists and is not a folder`);
  }
  if (names.length > 0) throw new Error(`${dir} is not empty: give a new or empty folder`);
}

export async function sha256(path: string): Promise<string> {
  const h = createHash("sha256");
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return h.digest("hex");
}

/** Every file under `dir` but the manifest, sorted, with size and hash. */
export async function listFiles(dir: string): Promise<BackupFile[]> {
  const out: BackupFile[] = [];
  const walk = async (d: string): Promise<void> => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      const path = join(d, e.name);
      if (e.isDirectory()) await walk(path);
      else if (e.isFile() && path !== join(dir, MANIFEST)) {
        const rel = relative(dir, path).split(sep).join("/");
        out.push({ path: rel, bytes: (await stat(path)).size, sha256: await sha256(path) });
      }
    }
  };
  await walk(dir);
  return out.sort((a, b) => (a.path < b.path ? -1 : 1));
}

/** Written last, through a rename: a folder without it is not a (complete) backup. */
export function writeManifest(dir: string, m: BackupManifest): void {
  const tmp = join(dir, `${MANIFEST}.tmp`);
  writeFileSync(tmp, `${JSON.stringify(m, null, 2)}\n`, { mode: PRIVATE_FILE_MODE });
  renameSync(tmp, join(dir, MANIFEST));
}

export function readManifest(dir: string): BackupManifest {
  const path = join(dir, MANIFEST);
  if (!existsSync(path)) throw new Error(`${dir} is not an Intently backup (no ${MANIFEST})`);
  let m: BackupManifest;
  try {
    m = JSON.parse(readFileSync(path, "utf8")) as BackupManifest;
  } catch (e) {
    throw new Error(`${path} is not valid JSON: ${(e as Error).message}`);
  }
  if (m?.format !== MANIFEST_FORMAT || !Array.isArray(m.files))
    throw new Error(`${path}: unknown manifest format ${JSON.stringify(m?.format)}`);
  if (!Number.isInteger(m.schemaVersion) || m.schemaVersion > LATEST_VERSION)
    throw new Error(
      `the backup has schema version ${m.schemaVersion}; this Intently reads up to ${LATEST_VERSION}: restore it with a newer version`,
    );
  for (const f of m.files)
    if (typeof f.path !== "string" || f.path.split("/").some((p) => p === ".." || p === ""))
      throw new Error(`${path}: bad file path ${JSON.stringify(f.path)}`);
  return m;
}

/** Checks every listed file's size and hash, and that no other file is there. */
export async function verifyBackup(dir: string): Promise<BackupManifest> {
  const m = readManifest(dir);
  const found = await listFiles(dir);
  const byPath = new Map(found.map((f) => [f.path, f]));
  const problems: string[] = [];
  for (const f of m.files) {
    const got = byPath.get(f.path);
    if (!got) problems.push(`${f.path}: missing`);
    else if (got.bytes !== f.bytes) problems.push(`${f.path}: ${got.bytes} bytes, not ${f.bytes}`);
    else if (got.sha256 !== f.sha256) problems.push(`${f.path}: SHA-256 differs`);
    byPath.delete(f.path);
  }
  for (const extra of byPath.keys()) problems.push(`${extra}: not in the manifest`);
  if (problems.length > 0)
    throw new Error(`the backup in ${dir} is damaged:\n  ${problems.join("\n  ")}`);
  return m;
}

/** Verifies `src`, copies it into the new or empty folder `dest`, and verifies the copy. */
export async function restoreBackup(src: string, dest: string): Promise<BackupManifest> {
  requireEmptyDir(dest);
  const m = await verifyBackup(src);
  privateDir(dest);
  for (const f of m.files) {
    const to = join(dest, ...f.path.split("/"));
    await mkdir(dirname(to), { recursive: true, mode: 0o700 });
    await copyFile(join(src, ...f.path.split("/")), to);
    if ((await sha256(to)) !== f.sha256) throw new Error(`${f.path}: the copy differs`);
  }
  return m;
}
