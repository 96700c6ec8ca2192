/**
 * Compaction of the store's file (issue 22): DuckDB reuses freed blocks but does not wipe them,
 * so values deleted by an erasure can stay readable in `intently.duckdb` until overwritten. An
 * erasure asks for a compaction (a marker file); the next open copies the whole database into
 * a fresh file (`COPY FROM DATABASE`: schema, data, sequences) and swaps it in, so the deleted
 * values are in neither the file nor its WAL. It runs before the store is opened, while nothing
 * else uses the file (DuckDB allows one process per file), and costs one copy of the data.
 */
import { existsSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { PRIVATE_FILE_MODE } from "../private-fs.ts";
import { DB_FILE } from "./db.ts";

export const COMPACT_MARKER = "compact.pending";

/** Asks for a compaction of the store's file at its next open. */
export function requestFileCompaction(dir: string): void {
  writeFileSync(join(dir, COMPACT_MARKER), "", { mode: PRIVATE_FILE_MODE, flush: true });
}

export function compactionRequested(dir: string): boolean {
  return existsSync(join(dir, COMPACT_MARKER));
}

/** Compacts the file if asked to; returns whether it did. */
export async function compactFileIfRequested(dir: string): Promise<boolean> {
  const marker = join(dir, COMPACT_MARKER);
  if (!existsSync(marker)) return false;
  const path = join(dir, DB_FILE);
  const tmp = join(dir, `${DB_FILE}.compacting`);
  if (existsSync(path)) {
    rmSync(tmp, { force: true });
    rmSync(`${tmp}.wal`, { force: true });
    const instance = await DuckDBInstance.create(path);
    try {
      const c = await instance.connect();
      try {
        const rows = (await c.runAndReadAll("SELECT current_database() AS d")).getRowObjectsJS();
        const name = String(rows[0]?.d).replaceAll('"', '""');
        await c.run(`ATTACH '${tmp.replaceAll("'", "''")}' AS compacted`);
        await c.run(`COPY FROM DATABASE "${name}" TO compacted`);
        await c.run("DETACH compacted");
      } finally {
        c.closeSync();
      }
    } finally {
      // Closing checkpoints the old file's WAL into it; the copy already holds everything.
      instance.closeSync();
    }
    rmSync(`${path}.wal`, { force: true });
    renameSync(tmp, path);
  }
  rmSync(marker, { force: true });
  return true;
}
