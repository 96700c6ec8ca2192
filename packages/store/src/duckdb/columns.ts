/**
 * Row → appender mappings, one per table, in the tables' column order. `checkColumns` compares
 * them with the database at open, so a schema change without its migration (or an engine that
 * grew a new signal) fails loudly instead of appending into the wrong columns.
 */
import { type DuckDBAppender, LIST, VARCHAR } from "@duckdb/node-api";
import { SIGNALS } from "@intently/engine";
import type { OrderEventRow } from "../orders.ts";
import type { EventRow, IntervalRow, PageViewRow, SessionRow } from "../rows.ts";
import type { Db } from "./db.ts";
import { visitorKey } from "./keys.ts";

export interface Column<T> {
  name: string;
  append(ap: DuckDBAppender, row: T): void;
}

const VARCHAR_LIST = LIST(VARCHAR);

type Get<T, V> = (r: T) => V;
const str = <T>(name: string, get: Get<T, string>): Column<T> => ({
  name,
  append: (ap, r) => ap.appendVarchar(get(r)),
});
const strN = <T>(name: string, get: Get<T, string | null>): Column<T> => ({
  name,
  append: (ap, r) => {
    const v = get(r);
    if (v === null) ap.appendNull();
    else ap.appendVarchar(v);
  },
});
const big = <T>(name: string, get: Get<T, number>): Column<T> => ({
  name,
  append: (ap, r) => ap.appendBigInt(BigInt(Math.round(get(r)))),
});
const int = <T>(name: string, get: Get<T, number>): Column<T> => ({
  name,
  append: (ap, r) => ap.appendInteger(Math.round(get(r))),
});
const dbl = <T>(name: string, get: Get<T, number>): Column<T> => ({
  name,
  append: (ap, r) => ap.appendDouble(get(r)),
});
const dblN = <T>(name: string, get: Get<T, number | null>): Column<T> => ({
  name,
  append: (ap, r) => {
    const v = get(r);
    if (v === null) ap.appendNull();
    else ap.appendDouble(v);
  },
});
const bool = <T>(name: string, get: Get<T, boolean>): Column<T> => ({
  name,
  append: (ap, r) => ap.appendBoolean(get(r)),
});
const strList = <T>(name: string, get: Get<T, readonly string[]>): Column<T> => ({
  name,
  append: (ap, r) => ap.appendList(get(r) as string[], VARCHAR_LIST),
});

export const EVENT_COLUMNS: Column<EventRow>[] = [
  str("site", (r) => r.site),
  str("session", (r) => r.session),
  str("visitor", (r) => r.visitor),
  big("t", (r) => r.t),
  str("type", (r) => r.type),
  strN("page_url", (r) => r.pageUrl),
  strN("page_type", (r) => r.pageType),
  strN("items", (r) => r.items),
  dblN("value", (r) => r.value),
  strN("data", (r) => r.data),
  bool("bot", (r) => r.bot),
];

export const SESSION_COLUMNS: Column<SessionRow>[] = [
  str("site", (r) => r.site),
  str("session", (r) => r.session),
  str("visitor", (r) => r.visitor),
  big("started_at", (r) => r.startedAt),
  big("last_event_at", (r) => r.lastEventAt),
  big("ended_at", (r) => r.endedAt),
  str("device", (r) => r.device),
  str("browser", (r) => r.browser),
  str("os", (r) => r.os),
  str("country", (r) => r.country),
  str("language", (r) => r.language),
  str("traffic_source", (r) => r.trafficSource),
  str("source_name", (r) => r.sourceName),
  str("medium", (r) => r.medium),
  str("campaign", (r) => r.campaign),
  str("landing_page", (r) => r.landingPage),
  str("landing_page_type", (r) => r.landingPageType),
  bool("is_returning", (r) => r.returning),
  int("previous_sessions", (r) => r.previousSessions),
  int("previous_purchases", (r) => r.previousPurchases),
  int("events", (r) => r.events),
  int("page_views", (r) => r.pageViews),
  int("product_views", (r) => r.productViews),
  int("searches", (r) => r.searches),
  int("cart_adds", (r) => r.cartAdds),
  str("stage", (r) => r.stage),
  str("phase", (r) => r.phase),
  str("state", (r) => r.state),
  str("intent", (r) => r.intent),
  str("final_segment", (r) => r.finalSegment),
  { name: "framework_seen", append: (ap, r) => ap.appendUSmallInt(r.frameworkSeen) },
  strList("persisted_segments", (r) => r.persistedSegments),
  strList("custom_segments", (r) => r.customSegments),
  strList("custom_final", (r) => r.customFinal),
  dbl("xc_initial", (r) => r.xcInitial),
  dbl("xc_final", (r) => r.xcFinal),
  dbl("xc_max", (r) => r.xcMax),
  dbl("xatc_initial", (r) => r.xatcInitial),
  dbl("xatc_final", (r) => r.xatcFinal),
  dbl("xatc_max", (r) => r.xatcMax),
  dbl("xe_initial", (r) => r.xeInitial),
  dbl("xe_final", (r) => r.xeFinal),
  dbl("xe_max", (r) => r.xeMax),
  dbl("revenue", (r) => r.revenue),
  int("orders", (r) => r.orders),
  bool("purchased", (r) => r.purchased),
  bool("added_to_cart", (r) => r.addedToCart),
  bool("bot", (r) => r.bot),
  strN("bot_reason", (r) => r.botReason),
  strN("identified_hash", (r) => r.identifiedHash),
  strList("experiments", (r) => r.experiments),
  ...SIGNALS.map((s) => int<SessionRow>(`sig_${s}`, (r) => r.signals[s] ?? 0)),
  big("visitor_key", (r) => visitorKey(r.visitor)),
];

export const INTERVAL_COLUMNS: Column<IntervalRow>[] = [
  str("site", (r) => r.site),
  str("session", (r) => r.session),
  str("visitor", (r) => r.visitor),
  big("session_start", (r) => r.sessionStart),
  str("segment", (r) => r.segment),
  big("entered_at", (r) => r.enteredAt),
  big("exited_at", (r) => r.exitedAt),
  strN("prev_segment", (r) => r.prevSegment),
  strN("next_segment", (r) => r.nextSegment),
  bool("bot", (r) => r.bot),
];

export const PAGE_VIEW_COLUMNS: Column<PageViewRow>[] = [
  str("site", (r) => r.site),
  int("day", (r) => r.day),
  str("segment", (r) => r.segment),
  str("path", (r) => r.path),
  str("page_type", (r) => r.pageType),
  big("views", (r) => r.views),
  big("sessions", (r) => r.sessions),
];

export const ORDER_EVENT_COLUMNS: Column<OrderEventRow>[] = [
  str("site", (r) => r.site),
  str("transaction_id", (r) => r.transactionId),
  str("kind", (r) => r.kind),
  strN("key", (r) => r.key),
  str("session", (r) => r.session),
  str("visitor", (r) => r.visitor),
  big("t", (r) => r.t),
  dbl("value", (r) => r.value),
  strN("currency", (r) => r.currency),
  dblN("amount", (r) => r.amount),
];

export const TABLES = {
  events: EVENT_COLUMNS,
  sessions: SESSION_COLUMNS,
  intervals: INTERVAL_COLUMNS,
  page_views: PAGE_VIEW_COLUMNS,
  order_events: ORDER_EVENT_COLUMNS,
} as const;
export type TableName = keyof typeof TABLES;

export async function checkColumns(db: Db): Promise<void> {
  for (const [table, cols] of Object.entries(TABLES)) {
    const rows = await db.exec(
      `SELECT column_name AS c FROM information_schema.columns
       WHERE table_name = $t ORDER BY ordinal_position`,
      { t: table },
    );
    const actual = rows.map((r) => String(r.c)).join(",");
    const expected = cols.map((c) => c.name).join(",");
    if (actual !== expected)
      throw new Error(`table ${table} does not match this build: [${actual}] ≠ [${expected}]`);
  }
}

/** Rows appended between two yields to the event loop (a few ms of appender calls). */
const YIELD_EVERY_ROWS = 500;

/** Appends rows through one appender and commits them. */
export async function appendRows<T>(
  db: Db,
  table: TableName,
  cols: readonly Column<T>[],
  rows: readonly T[],
): Promise<void> {
  if (rows.length === 0) return;
  const ap = await db.writer.createAppender(table);
  try {
    let n = 0;
    for (const r of rows) {
      for (const c of cols) c.append(ap, r);
      ap.endRow();
      // The appender's calls are synchronous: a big batch (a flush after a slow checkpoint)
      // held the event loop for tens of ms at a time (issue 24). The transaction spans turns
      // of the loop already (every await in writeBatch); this only adds turns.
      if (++n % YIELD_EVERY_ROWS === 0) await new Promise<void>((r) => setImmediate(r));
    }
    ap.closeSync(); // flushes and commits
  } catch (e) {
    // Drop the partial batch rather than committing half a row.
    try {
      ap.clear();
      ap.closeSync();
    } catch {}
    throw e;
  }
}
