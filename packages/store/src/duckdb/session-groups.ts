/**
 * sessionGroups and topValues on DuckDB (see ../session-groups.ts): one scan of the period's
 * non-bot sessions, grouped by one SQL expression per read field. Sessions belong to the period
 * in which they started, over whole UTC days, as in every report.
 */
import { SIGNAL_DATA_POINT_IDS, SIGNALS, STRUGGLE_SIGNALS } from "@intently/engine";
import type { Period } from "../queries.ts";
import type { FieldRead, SessionGroup } from "../session-groups.ts";
import type { Db, Params } from "./db.ts";
import { SESSIONS, sessionsParams } from "./period.ts";

const sig = (s: string) => `coalesce(sig_${s}, 0)`;

/** Each recorded data point as an expression over a sessions row (the value at session end). */
export const FIELD_SQL: Readonly<Record<string, string>> = {
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
  visitorType: "CASE WHEN is_returning THEN 'returning' ELSE 'new' END",
  previousSessions: "previous_sessions",
  previousPurchases: "previous_purchases",
  identified: "(identified_hash IS NOT NULL)",
  isBot: "bot",
  pageViews: "page_views",
  // As the engine reads it at the session's last event: max(0, now − start) / 1000.
  timeOnSiteSec: "(greatest(0, last_event_at - started_at)::DOUBLE / 1000)",
  productViews: "product_views",
  searches: "searches",
  cartAdds: "cart_adds",
  purchases: "orders",
  revenue: "revenue",
  ...Object.fromEntries(SIGNALS.map((s) => [SIGNAL_DATA_POINT_IDS[s], sig(s)])),
  frustrationCount: `(${STRUGGLE_SIGNALS.map(sig).join(" + ")})`,
  xC: "xc_final",
  xCInitial: "xc_initial",
  xCMax: "xc_max",
  xATC: "xatc_final",
  xATCInitial: "xatc_initial",
  xATCMax: "xatc_max",
  xE: "xe_final",
  xEInitial: "xe_initial",
  xEMax: "xe_max",
  intentLevel: "intent::VARCHAR",
  stage: "stage::VARCHAR",
  experiments: "experiments",
};

function sqlOf(field: string): string {
  const sql = FIELD_SQL[field];
  if (sql === undefined) throw new Error(`the sessions row does not record "${field}"`);
  return sql;
}

/** A double as SQL: parsed from its shortest round-trip text, so it is the same double. */
function double(x: number): string {
  if (!Number.isFinite(x)) throw new Error(`cut point ${x} is not a finite number`);
  return `'${String(x)}'::DOUBLE`;
}

/** The key expression of one read (see FieldRead), with its parameters. */
function keyOf(r: FieldRead, i: number, params: Params): string {
  const v = sqlOf(r.field);
  if (r.cuts) {
    const arms = r.cuts.flatMap((c, j) => [
      `WHEN ${v} < ${double(c)} THEN ${2 * j}`,
      `WHEN ${v} = ${double(c)} THEN ${2 * j + 1}`,
    ]);
    return arms.length === 0 ? "0" : `CASE ${arms.join(" ")} ELSE ${2 * r.cuts.length} END`;
  }
  if (r.values) {
    params[`v${i}`] = [...r.values];
    return `CASE WHEN list_contains($v${i}, ${v}) THEN ${v} END`;
  }
  return v;
}

/**
 * Each session of the period with its group keys (as sessionGroups groups them), for a
 * back-fill that must name the sessions of the groups that match; `where` narrows further.
 */
export async function sessionKeys(
  db: Db,
  p: Period,
  reads: readonly FieldRead[],
  framework: boolean,
  where: { sql: string; params: Params } = { sql: "TRUE", params: {} },
): Promise<{ session: string; startedAt: number; group: SessionGroup }[]> {
  const params = { ...sessionsParams(p, db.zones), ...where.params };
  const keys = reads.map((r, i) => `${keyOf(r, i, params)} AS k${i}`);
  if (framework) keys.push("framework_seen AS fs");
  const select = ["session", "started_at", ...keys].join(", ");
  const rows = await db.query(
    `SELECT ${select} FROM sessions WHERE ${SESSIONS} AND (${where.sql})`,
    params,
  );
  return rows.map((r) => ({
    session: String(r.session),
    startedAt: Number(r.started_at),
    group: {
      sessions: 1,
      keys: reads.map((_, i) => r[`k${i}`] ?? null),
      frameworkSeen: framework ? Number(r.fs) : 0,
    },
  }));
}

export async function sessionGroups(
  db: Db,
  p: Period,
  reads: readonly FieldRead[],
  framework: boolean,
): Promise<SessionGroup[]> {
  const params = sessionsParams(p, db.zones);
  const keys = reads.map((r, i) => `${keyOf(r, i, params)} AS k${i}`);
  if (framework) keys.push("framework_seen AS fs");
  const select = [...keys, "count(*) AS n"].join(", ");
  const group = keys.length > 0 ? " GROUP BY ALL" : "";
  const rows = await db.query(`SELECT ${select} FROM sessions WHERE ${SESSIONS}${group}`, params);
  return rows
    .filter((r) => Number(r.n) > 0)
    .map((r) => ({
      sessions: Number(r.n),
      keys: reads.map((_, i) => r[`k${i}`] ?? null),
      frameworkSeen: framework ? Number(r.fs) : 0,
    }));
}

export async function topValues(
  db: Db,
  p: Period,
  fields: readonly string[],
  limit: number,
): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = Object.fromEntries(fields.map((f) => [f, []]));
  if (fields.length === 0) return out;
  const cols = fields.map((f, i) => `${sqlOf(f)} AS v${i}`);
  const flags = fields.map((_, i) => `grouping(v${i}) AS g${i}`);
  const sets = fields.map((_, i) => `(v${i})`).join(", ");
  const rows = await db.query(
    `SELECT ${[...cols, ...flags].join(", ")}, count(*) AS n FROM sessions WHERE ${SESSIONS}
     GROUP BY GROUPING SETS (${sets})`,
    sessionsParams(p, db.zones),
  );
  const counted = fields.map(() => [] as [string, number][]);
  for (const r of rows) {
    const i = fields.findIndex((_, j) => Number(r[`g${j}`]) === 0);
    const v = r[`v${i}`];
    if (i >= 0 && typeof v === "string" && v !== "") counted[i]!.push([v, Number(r.n)]);
  }
  fields.forEach((f, i) => {
    out[f] = counted[i]!.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, limit)
      .map(([v]) => v);
  });
  return out;
}
