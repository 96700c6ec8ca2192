/**
 * sessionGroups and topValues on ClickHouse (see ../session-groups.ts and the DuckDB version,
 * duckdb/session-groups.ts, whose answers these match): one scan of the period's non-bot
 * sessions grouped by one expression per read field. Keys come back as DuckDB gives them:
 * numbers as numbers (ClickHouse sends 64-bit integers as text), `identified` and `isBot` as
 * booleans (UInt8 here), text as text.
 */
import { SIGNAL_DATA_POINT_IDS, SIGNALS, STRUGGLE_SIGNALS } from "@intently/engine";
import type { FieldRead, SessionGroup } from "../session-groups.ts";
import { type Ch, n, type Row } from "./client.ts";
import type { PeriodSql } from "./period.ts";
import { num, strs } from "./sql.ts";

/** Text data points: their keys stay text, and topValues lists them. */
const TEXT: Readonly<Record<string, string>> = {
  trafficSource: "traffic_source",
  sourceName: "source_name",
  medium: "medium",
  campaign: "campaign",
  landingPage: "landing_page",
  landingPageType: "landing_page_type",
  deviceType: "device",
  browser: "browser",
  os: "os",
  country: "country",
  language: "language",
  visitorType: "if(is_returning = 1, 'returning', 'new')",
  intentLevel: "intent",
  stage: "stage",
};

const BOOLEAN: Readonly<Record<string, string>> = {
  identified: "isNotNull(identified_hash)",
  isBot: "bot",
};

const NUMBER: Readonly<Record<string, string>> = {
  previousSessions: "previous_sessions",
  previousPurchases: "previous_purchases",
  pageViews: "page_views",
  // As the engine reads it at the session's last event: max(0, now − start) / 1000.
  timeOnSiteSec: "toFloat64(greatest(0, last_event_at - started_at)) / 1000",
  productViews: "product_views",
  searches: "searches",
  cartAdds: "cart_adds",
  purchases: "orders",
  revenue: "revenue",
  ...Object.fromEntries(SIGNALS.map((s) => [SIGNAL_DATA_POINT_IDS[s], `sig_${s}`])),
  frustrationCount: `(${STRUGGLE_SIGNALS.map((s) => `sig_${s}`).join(" + ")})`,
  xC: "xc_final",
  xCInitial: "xc_initial",
  xCMax: "xc_max",
  xATC: "xatc_final",
  xATCInitial: "xatc_initial",
  xATCMax: "xatc_max",
  xE: "xe_final",
  xEInitial: "xe_initial",
  xEMax: "xe_max",
};

const LIST: Readonly<Record<string, string>> = { experiments: "experiments" };

function sqlOf(field: string): string {
  const sql = TEXT[field] ?? BOOLEAN[field] ?? NUMBER[field] ?? LIST[field];
  if (sql === undefined) throw new Error(`the sessions row does not record "${field}"`);
  return sql;
}

/** The key expression of one read (see FieldRead). */
function keyOf(r: FieldRead): string {
  const v = sqlOf(r.field);
  if (r.cuts) {
    if (r.cuts.length === 0) return "0";
    const arms = r.cuts.flatMap((c, j) => [
      `${v} < ${num(c)}`,
      `${2 * j}`,
      `${v} = ${num(c)}`,
      `${2 * j + 1}`,
    ]);
    return `multiIf(${arms.join(", ")}, ${2 * r.cuts.length})`;
  }
  if (r.values) {
    if (r.values.length === 0) return "CAST(NULL AS Nullable(String))";
    return `if(has(${strs(r.values)}, ${v}), ${v}, NULL)`;
  }
  return v;
}

/** A key as DuckDB gives it. */
function keyValue(r: FieldRead, v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (r.cuts) return Number(v);
  if (r.values) return v;
  if (BOOLEAN[r.field] !== undefined) return Number(v) !== 0;
  if (NUMBER[r.field] !== undefined) return Number(v);
  return v;
}

/** The group key expressions of the reads (`k0`, `k1`, …) and the framework bitmask (`fs`). */
export function groupKeysSql(reads: readonly FieldRead[], framework: boolean): string[] {
  const keys = reads.map((r, i) => `${keyOf(r)} AS k${i}`);
  if (framework) keys.push("framework_seen AS fs");
  return keys;
}

/** A result row's group (keys as DuckDB gives them). */
export function groupOf(
  r: Row,
  reads: readonly FieldRead[],
  framework: boolean,
  sessions: number,
): SessionGroup {
  return {
    sessions,
    keys: reads.map((read, i) => keyValue(read, r[`k${i}`])),
    frameworkSeen: framework ? n(r.fs) : 0,
  };
}

export async function sessionGroups(
  ch: Ch,
  q: PeriodSql,
  reads: readonly FieldRead[],
  framework: boolean,
): Promise<SessionGroup[]> {
  const keys = groupKeysSql(reads, framework);
  const names = keys.map((k) => k.slice(k.lastIndexOf(" AS ") + 4));
  const group = names.length > 0 ? ` GROUP BY ${names.join(", ")}` : "";
  const rows = await ch.rows(
    `SELECT ${[...keys, "count() AS n"].join(", ")} FROM sessions FINAL WHERE ${q.sessions}${group}`,
  );
  return rows.filter((r) => n(r.n) > 0).map((r) => groupOf(r, reads, framework, n(r.n)));
}

export async function topValues(
  ch: Ch,
  q: PeriodSql,
  fields: readonly string[],
  limit: number,
): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  await Promise.all(
    fields.map(async (f) => {
      const v = sqlOf(f);
      out[f] = [];
      // Only text values are listed (DuckDB's answer for numbers, booleans and lists is empty).
      if (TEXT[f] === undefined) return;
      const rows = await ch.rows(
        `SELECT ${v} AS v, count() AS n FROM sessions FINAL WHERE ${q.sessions} AND ${v} != ''
         GROUP BY v`,
      );
      out[f] = rows
        .map((r) => [String(r.v), n(r.n)] as [string, number])
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        .slice(0, limit)
        .map(([value]) => value);
    }),
  );
  return Object.fromEntries(fields.map((f) => [f, out[f] ?? []]));
}
