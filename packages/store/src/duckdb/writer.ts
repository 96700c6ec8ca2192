/**
 * One flush: the batch's raw rows and the rollups computed from them, appended in a single
 * transaction, so readers never see sessions without their intervals or rollups.
 */
import type { IntervalRow, SessionRow } from "../rows.ts";
import { appendRows, TABLES, type TableName } from "./columns.ts";
import type { Db } from "./db.ts";
import { appendRollups } from "./rollup-tables.ts";
import { Rollups } from "./rollups.ts";

/** Sessions before intervals: the order in which raw tables are appended. */
const ORDER: readonly TableName[] = ["events", "sessions", "intervals", "page_views"];

export async function writeBatch(db: Db, batch: ReadonlyMap<TableName, unknown[]>): Promise<void> {
  const r = new Rollups(db.zones);
  r.addSessions((batch.get("sessions") ?? []) as SessionRow[], 1);
  r.addIntervals((batch.get("intervals") ?? []) as IntervalRow[], 1);
  await inTransaction(db, async () => {
    for (const table of ORDER) {
      const rows = batch.get(table);
      if (rows && rows.length > 0) await appendRows(db, table, TABLES[table] as never, rows);
    }
    await appendRollups(db, r);
  });
}

/** Runs `fn` in a transaction on the writer connection. */
export async function inTransaction<T>(db: Db, fn: () => Promise<T>): Promise<T> {
  await db.exec("BEGIN TRANSACTION");
  try {
    const out = await fn();
    await db.exec("COMMIT");
    return out;
  } catch (e) {
    await db.exec("ROLLBACK");
    throw e;
  }
}
