/**
 * One flush of the write buffer into ClickHouse: a JSONEachRow insert per table, naming its
 * columns. ClickHouse has no transactions: tables are inserted one after another (sessions before
 * their intervals), each insert atomic on its own. Writes are idempotent by key (schema.ts): a
 * flush written again after a failure or by a replaying worker replaces the same rows.
 */
import { createHash } from "node:crypto";
import { lastPerKey } from "../duckdb/replace.ts";
import type { OrderEventRow } from "../orders.ts";
import {
  type EventRow,
  eventKey,
  type IntervalRow,
  type PageViewRow,
  type SessionRow,
} from "../rows.ts";
import type { Ch } from "./client.ts";
import {
  type Column,
  EVENT_COLUMNS,
  type EventInsert,
  INTERVAL_COLUMNS,
  ORDER_EVENT_COLUMNS,
  PAGE_VIEW_COLUMNS,
  SESSION_COLUMNS,
  type TableName,
  toJson,
} from "./schema.ts";

/** The event's identity (rows.ts, as the DuckDB store's) hashed to a fixed-size key. */
function contentKey(e: EventRow): string {
  return createHash("sha256").update(eventKey(e)).digest("hex").slice(0, 32);
}

/** What data-quality reads of an event's JSON, read once here (18.16 has no JSONExtract). */
function dataFacts(e: EventRow): { source: string | null; ambiguous: boolean } {
  let source: string | null = null;
  let ambiguous = e.items?.includes('"price_raw"') ?? false;
  if (e.data !== null) {
    try {
      const d: unknown = JSON.parse(e.data);
      if (d !== null && typeof d === "object" && !Array.isArray(d)) {
        const o = d as Record<string, unknown>;
        const s = o.source;
        if (typeof s === "string") source = s;
        else if (s !== undefined && s !== null) source = JSON.stringify(s);
        if ("value_raw" in o) ambiguous = true;
      }
    } catch {
      // Not JSON: nothing to read (the format counts as the tag's own).
    }
  }
  return { source, ambiguous };
}

/** Events with their content hash and occurrence number within this flush. */
export function eventInserts(events: readonly EventRow[]): EventInsert[] {
  const seen = new Map<string, number>();
  return events.map((e) => {
    const ek = contentKey(e);
    const copy = seen.get(ek) ?? 0;
    seen.set(ek, copy + 1);
    return { ...e, t: Math.round(e.t), ek, copy, ...dataFacts(e) };
  });
}

export async function writeBatch(ch: Ch, batch: ReadonlyMap<TableName, unknown[]>): Promise<void> {
  const { sessions, intervals } = lastPerKey(
    (batch.get("sessions") ?? []) as SessionRow[],
    (batch.get("intervals") ?? []) as IntervalRow[],
  );
  const events = eventInserts((batch.get("events") ?? []) as EventRow[]);
  const pageViews = (batch.get("page_views") ?? []) as PageViewRow[];
  const orders = (batch.get("order_events") ?? []) as OrderEventRow[];
  await put(ch, "events", EVENT_COLUMNS, events);
  await put(ch, "sessions", SESSION_COLUMNS, sessions);
  await put(ch, "intervals", INTERVAL_COLUMNS, intervals);
  await put(ch, "page_views", PAGE_VIEW_COLUMNS, pageViews);
  await put(ch, "order_events", ORDER_EVENT_COLUMNS, orders);
}

function put<T>(ch: Ch, table: TableName, cols: readonly Column<T>[], rows: readonly T[]) {
  return ch.insert(
    table,
    cols.map((c) => c.name),
    toJson(cols, rows),
  );
}
