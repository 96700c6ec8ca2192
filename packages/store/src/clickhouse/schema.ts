/**
 * The ClickHouse tables, each column once: its name, its type and how a row (rows.ts) fills it,
 * so that CREATE TABLE and every insert come from the same list. Column names are DuckDB's
 * (duckdb/columns.ts). Only types ClickHouse 18.16 has: times are Int64 epoch ms (no
 * DateTime64), booleans UInt8, lists Array(String), no Map, CODEC, TTL or LowCardinality.
 *
 * Idempotent writes (a worker may apply a batch again): every table a row may reach twice is a
 * ReplacingMergeTree whose sorting key is the row's identity, read with FINAL:
 * - sessions by (site, started_at, session), as the DuckDB store replaces them (duckdb/replace.ts);
 * - intervals by (site, session_start, session, segment, entered_at);
 * - events by content: `ek` (a hash of site, session, t, type, page, items, value and data) and
 *   `copy`, the occurrence of that content within its flush, so identical events of one batch are
 *   kept and a batch written again adds nothing;
 * - order_events by (site, transaction_id, kind, session, t, refund key).
 * Page views are additive rollups with no row identity (as in DuckDB): a plain MergeTree, summed.
 */
import { SIGNALS } from "@intently/engine";
import { visitorKey } from "../duckdb/keys.ts";
import type { OrderEventRow } from "../orders.ts";
import type { IntervalRow, PageViewRow, SessionRow } from "../rows.ts";
import type { Row } from "./client.ts";

export interface Column<T> {
  name: string;
  type: string;
  get(r: T): unknown;
}

const col = <T>(name: string, type: string, get: (r: T) => unknown): Column<T> => ({
  name,
  type,
  get,
});
const b = (v: boolean) => (v ? 1 : 0);

/** An event as written: the row, its content hash and its occurrence in the flush. */
export interface EventInsert {
  site: string;
  session: string;
  visitor: string;
  t: number;
  type: string;
  pageUrl: string | null;
  pageType: string | null;
  items: string | null;
  value: number | null;
  data: string | null;
  bot: boolean;
  ek: string;
  copy: number;
  /** data's top-level `source` as text (the dataLayer format), read once at write time. */
  source: string | null;
  /** data has a top-level `value_raw`, or an item a `price_raw` (an ambiguous amount). */
  ambiguous: boolean;
}

export const EVENT_COLUMNS: Column<EventInsert>[] = [
  col("site", "String", (r) => r.site),
  col("session", "String", (r) => r.session),
  col("visitor", "String", (r) => r.visitor),
  col("t", "Int64", (r) => Math.round(r.t)),
  col("type", "String", (r) => r.type),
  col("page_url", "Nullable(String)", (r) => r.pageUrl),
  col("page_type", "Nullable(String)", (r) => r.pageType),
  col("items", "Nullable(String)", (r) => r.items),
  col("value", "Nullable(Float64)", (r) => r.value),
  col("data", "Nullable(String)", (r) => r.data),
  col("bot", "UInt8", (r) => b(r.bot)),
  col("ek", "String", (r) => r.ek),
  col("copy", "UInt32", (r) => r.copy),
  col("source", "Nullable(String)", (r) => r.source),
  col("ambiguous", "UInt8", (r) => b(r.ambiguous)),
];

export const SESSION_COLUMNS: Column<SessionRow>[] = [
  col("site", "String", (r) => r.site),
  col("session", "String", (r) => r.session),
  col("visitor", "String", (r) => r.visitor),
  col("started_at", "Int64", (r) => Math.round(r.startedAt)),
  col("last_event_at", "Int64", (r) => Math.round(r.lastEventAt)),
  col("ended_at", "Int64", (r) => Math.round(r.endedAt)),
  col("device", "String", (r) => r.device),
  col("browser", "String", (r) => r.browser),
  col("os", "String", (r) => r.os),
  col("country", "String", (r) => r.country),
  col("language", "String", (r) => r.language),
  col("traffic_source", "String", (r) => r.trafficSource),
  col("source_name", "String", (r) => r.sourceName),
  col("medium", "String", (r) => r.medium),
  col("campaign", "String", (r) => r.campaign),
  col("landing_page", "String", (r) => r.landingPage),
  col("landing_page_type", "String", (r) => r.landingPageType),
  col("is_returning", "UInt8", (r) => b(r.returning)),
  col("previous_sessions", "Int32", (r) => Math.round(r.previousSessions)),
  col("previous_purchases", "Int32", (r) => Math.round(r.previousPurchases)),
  col("events", "Int32", (r) => Math.round(r.events)),
  col("page_views", "Int32", (r) => Math.round(r.pageViews)),
  col("product_views", "Int32", (r) => Math.round(r.productViews)),
  col("searches", "Int32", (r) => Math.round(r.searches)),
  col("cart_adds", "Int32", (r) => Math.round(r.cartAdds)),
  col("stage", "String", (r) => r.stage),
  col("phase", "String", (r) => r.phase),
  col("state", "String", (r) => r.state),
  col("intent", "String", (r) => r.intent),
  col("final_segment", "String", (r) => r.finalSegment),
  col("framework_seen", "UInt16", (r) => r.frameworkSeen),
  col("persisted_segments", "Array(String)", (r) => r.persistedSegments),
  col("custom_segments", "Array(String)", (r) => r.customSegments),
  col("custom_final", "Array(String)", (r) => r.customFinal),
  col("xc_initial", "Float64", (r) => r.xcInitial),
  col("xc_final", "Float64", (r) => r.xcFinal),
  col("xc_max", "Float64", (r) => r.xcMax),
  col("xatc_initial", "Float64", (r) => r.xatcInitial),
  col("xatc_final", "Float64", (r) => r.xatcFinal),
  col("xatc_max", "Float64", (r) => r.xatcMax),
  col("xe_initial", "Float64", (r) => r.xeInitial),
  col("xe_final", "Float64", (r) => r.xeFinal),
  col("xe_max", "Float64", (r) => r.xeMax),
  col("revenue", "Float64", (r) => r.revenue),
  col("orders", "Int32", (r) => Math.round(r.orders)),
  col("purchased", "UInt8", (r) => b(r.purchased)),
  col("added_to_cart", "UInt8", (r) => b(r.addedToCart)),
  col("bot", "UInt8", (r) => b(r.bot)),
  col("bot_reason", "Nullable(String)", (r) => r.botReason),
  col("identified_hash", "Nullable(String)", (r) => r.identifiedHash),
  col("experiments", "Array(String)", (r) => r.experiments),
  ...SIGNALS.map((s) => col<SessionRow>(`sig_${s}`, "Int32", (r) => r.signals[s] ?? 0)),
  // The DuckDB store's 53-bit visitor key, so distinct visitors are counted the same way.
  col("visitor_key", "Int64", (r) => visitorKey(r.visitor)),
];

export const INTERVAL_COLUMNS: Column<IntervalRow>[] = [
  col("site", "String", (r) => r.site),
  col("session", "String", (r) => r.session),
  col("visitor", "String", (r) => r.visitor),
  col("session_start", "Int64", (r) => Math.round(r.sessionStart)),
  col("segment", "String", (r) => r.segment),
  col("entered_at", "Int64", (r) => Math.round(r.enteredAt)),
  col("exited_at", "Int64", (r) => Math.round(r.exitedAt)),
  col("prev_segment", "Nullable(String)", (r) => r.prevSegment),
  col("next_segment", "Nullable(String)", (r) => r.nextSegment),
  col("bot", "UInt8", (r) => b(r.bot)),
];

export const PAGE_VIEW_COLUMNS: Column<PageViewRow>[] = [
  col("site", "String", (r) => r.site),
  col("day", "Int32", (r) => Math.round(r.day)),
  col("segment", "String", (r) => r.segment),
  col("path", "String", (r) => r.path),
  col("page_type", "String", (r) => r.pageType),
  col("views", "Int64", (r) => Math.round(r.views)),
  col("sessions", "Int64", (r) => Math.round(r.sessions)),
];

export const ORDER_EVENT_COLUMNS: Column<OrderEventRow>[] = [
  col("site", "String", (r) => r.site),
  col("transaction_id", "String", (r) => r.transactionId),
  col("kind", "String", (r) => r.kind),
  // "" for none: a sorting key column cannot be Nullable.
  col("refund_key", "String", (r) => r.key ?? ""),
  col("session", "String", (r) => r.session),
  col("visitor", "String", (r) => r.visitor),
  col("t", "Int64", (r) => Math.round(r.t)),
  col("value", "Float64", (r) => r.value),
  col("currency", "Nullable(String)", (r) => r.currency),
  col("amount", "Nullable(Float64)", (r) => r.amount),
];

interface TableSpec {
  columns: readonly Column<never>[];
  engine: string;
}

const MONTH_MS = 30 * 86_400_000;

export const TABLES = {
  events: {
    columns: EVENT_COLUMNS,
    engine: `ReplacingMergeTree() PARTITION BY intDiv(t, ${MONTH_MS}) ORDER BY (site, t, session, ek, copy)`,
  },
  sessions: {
    columns: SESSION_COLUMNS,
    engine: `ReplacingMergeTree() PARTITION BY intDiv(started_at, ${MONTH_MS}) ORDER BY (site, started_at, session)`,
  },
  intervals: {
    columns: INTERVAL_COLUMNS,
    engine: `ReplacingMergeTree() PARTITION BY intDiv(session_start, ${MONTH_MS}) ORDER BY (site, session_start, session, segment, entered_at)`,
  },
  page_views: {
    columns: PAGE_VIEW_COLUMNS,
    engine: "MergeTree() PARTITION BY intDiv(day, 30) ORDER BY (site, day, segment, path)",
  },
  order_events: {
    columns: ORDER_EVENT_COLUMNS,
    engine: `ReplacingMergeTree() PARTITION BY intDiv(t, ${MONTH_MS}) ORDER BY (site, transaction_id, kind, session, t, refund_key)`,
  },
} satisfies Record<string, TableSpec>;

export type TableName = keyof typeof TABLES;

const TABLE_NAMES = Object.keys(TABLES) as TableName[];

/** CREATE TABLE IF NOT EXISTS statements, one per table. */
export function createStatements(): string[] {
  return TABLE_NAMES.map((name) => {
    const t: TableSpec = TABLES[name];
    const cols = t.columns.map((c) => `${c.name} ${c.type}`).join(", ");
    return `CREATE TABLE IF NOT EXISTS ${name} (${cols}) ENGINE = ${t.engine}`;
  });
}

/** Rows as JSONEachRow objects of a table's columns. */
export function toJson<T>(columns: readonly Column<T>[], rows: readonly T[]): Row[] {
  return rows.map((r) => {
    const o: Row = {};
    for (const c of columns) o[c.name] = c.get(r);
    return o;
  });
}
