/**
 * One flush: the batch's raw rows and the rollups computed from them, appended in a single
 * transaction, so readers never see sessions without their intervals or rollups. Writes are
 * idempotent by key (replace.ts): a session already stored is replaced, with its intervals and
 * rollups, and an event already stored is not stored again.
 */
import type { EventRow, IntervalRow, SessionRow } from "../rows.ts";
import { appendRows, TABLES, type TableName } from "./columns.ts";
import type { Db } from "./db.ts";
import { dropReplaced, lastPerKey, newEvents } from "./replace.ts";
import { appendRollups } from "./rollup-tables.ts";
import { Rollups } from "./rollups.ts";

/** Sessions before intervals: the order in which raw tables are appended. */
const ORDER: readonly TableName[] = [
  "events",
  "sessions",
  "intervals",
  "page_views",
  "order_events",
];

export async function writeBatch(db: Db, batch: ReadonlyMap<TableName, unknown[]>): Promise<void> {
  const { sessions, intervals } = lastPerKey(
    (batch.get("sessions") ?? []) as SessionRow[],
    (batch.get("intervals") ?? []) as IntervalRow[],
  );
  const r = new Rollups(db.zones);
  r.addSessions(sessions, 1);
  r.addIntervals(intervals, 1);
  await inTransaction(db, async () => {
    await dropReplaced(db, sessions, r);
    const events = await newEvents(db, (batch.get("events") ?? []) as EventRow[]);
    for (const table of ORDER) {
      const rows =
        table === "events"
          ? events
          : table === "sessions"
            ? sessions
            : table === "intervals"
              ? intervals
              : batch.get(table);
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
    // A COMMIT that failed (e.g. its WAL write on a full disk) has already rolled back: keep
    // the error that says why, not "no transaction is active".
    await db.exec("ROLLBACK").catch(() => {});
    throw e;
  }
}
