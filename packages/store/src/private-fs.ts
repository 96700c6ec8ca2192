/**
 * Private files and folders: everything the server writes (the data folder, the DuckDB file and
 * its WAL, the collector log, secret.key, models, exports) holds shoppers' data or keys, so it
 * is readable by the owner only: folders 0700, files 0600.
 *
 * - Our own files and folders get the mode explicitly when they are created (not via umask).
 * - Files a library creates (DuckDB's database file, its WAL, spill files and COPY outputs) take
 *   the process umask: DuckDB deletes its WAL at every checkpoint and creates it again, so a
 *   chmod after the fact would leave it readable in between. `privateUmask()` adds 077 to the
 *   umask of a process that opens a data folder (as PostgreSQL does at start-up); the files we
 *   can name are chmodded too, so their mode does not depend on the umask.
 * - A folder or file created before this rule, with group/other bits, is tightened when it is
 *   opened, if this process owns it; otherwise a warning names it (we never chmod a folder we do
 *   not own, nor a shared sticky folder such as /tmp).
 */
import { chmodSync, mkdirSync, statSync } from "node:fs";
import { isMainThread } from "node:worker_threads";

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

const STICKY = 0o1000;

function tighten(path: string, mode: number): void {
  // Windows has no such mode bits (ACLs decide); Node reports synthetic ones.
  if (process.platform === "win32") return;
  const st = statSync(path);
  if ((st.mode & 0o077) === 0) return;
  const ours = typeof process.getuid !== "function" || st.uid === process.getuid();
  if (ours && (st.mode & STICKY) === 0) chmodSync(path, mode);
  else
    process.emitWarning(
      `${path} is readable by other users (mode ${(st.mode & 0o777).toString(8)}); make it ${mode.toString(8)}`,
      { code: "INTENTLY_LOOSE_MODE" },
    );
}

/** Creates `dir` (and missing parents) 0700, or tightens it if it exists with looser bits. */
export function privateDir(dir: string): string {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  tighten(dir, PRIVATE_DIR_MODE);
  return dir;
}

/** Tightens a file that a library created (or an older version left) to 0600. */
export function privateFile(path: string): string {
  tighten(path, PRIVATE_FILE_MODE);
  return path;
}

/** Makes files that libraries create in this process private (umask |= 077). */
export function privateUmask(): void {
  // process.umask cannot be set in a worker; the main thread's setting covers the process.
  if (!isMainThread) return;
  // Setting is the only way to read it (reading alone is deprecated): set, then keep old bits.
  const old = process.umask(0o077);
  process.umask(old | 0o077);
}
