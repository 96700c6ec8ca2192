/**
 * ReportQueries on DuckDB. Everything additive is read from the write-time rollups (a few
 * hundred rows per day, see rollups.ts); only distinct visitors, the highest xC, experiment
 * arms and the session groups of condition estimates (session-groups.ts) scan the sessions
 * table. Periods are whole local days of the site's time zone (period.ts). Bots are excluded everywhere
 * (rollups never include them).
 */
import { FRAMEWORK_SEGMENT_IDS, SIGNALS, type Signal } from "@intently/engine";
import type {
  ArmRow,
  BreakdownDimension,
  BreakdownRow,
  DailyRow,
  DataQualityRows,
  FlowRow,
  OverlapRow,
  PageRow,
  Period,
  PhaseOutcomeRow,
  ReportQueries,
  SegmentOutcome,
  SegmentTotals,
  SessionAggregate,
  SignalTotals,
} from "../queries.ts";
import type { FieldRead, SessionGroup } from "../session-groups.ts";
import { dataQualityRows } from "./data-quality.ts";
import type { Db, Params, Row } from "./db.ts";
import { DAYS, days, SESSIONS, sessionsParams } from "./period.ts";
import { ALL } from "./rollups.ts";
import { sessionGroups, topValues } from "./session-groups.ts";

const n = (v: unknown) => Number(v ?? 0);
const nN = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const FRAMEWORK_LIST = FRAMEWORK_SEGMENT_IDS.map((id) => `'${id}'`).join(", ");

/**
 * SQL that is true when a session was ever in `segment`: a bit test for framework segments,
 * a list look-up for custom ones (bound as `$param`).
 */
export function memberSql(segment: string, param: string): { sql: string; params: Params } {
  const i = FRAMEWORK_SEGMENT_IDS.indexOf(segment as never);
  if (i >= 0) return { sql: `((framework_seen & ${1 << i}) <> 0)`, params: {} };
  return { sql: `list_contains(custom_segments, $${param})`, params: { [param]: segment } };
}

const OUTCOME = "sum(sessions) AS n, sum(conversions) AS c, sum(revenue) AS r";
const outcome = (r: Row) => ({ sessions: n(r.n), conversions: n(r.c), revenue: n(r.r) });

const SEGMENT_SUMS = `${OUTCOME}, sum(orders) AS o, sum(xc_final_sum) AS xf, sum(xc_max_sum) AS xm,
  sum(frustrated) AS fr, ${SIGNALS.map((s) => `sum(sig_${s}) AS sc_${s}, sum(sigs_${s}) AS ss_${s}`).join(", ")}`;

function aggregateOf(r: Row | undefined, visitors: unknown, maxXc: unknown): SessionAggregate {
  const row = r ?? {};
  const sessions = n(row.n);
  const signals = {} as Record<Signal, SignalTotals>;
  for (const s of SIGNALS) signals[s] = { count: n(row[`sc_${s}`]), sessions: n(row[`ss_${s}`]) };
  return {
    ...outcome(row),
    visitors: n(visitors),
    orders: n(row.o),
    avgXcFinal: sessions === 0 ? null : n(row.xf) / sessions,
    avgXcMax: sessions === 0 ? null : n(row.xm) / sessions,
    maxXc: nN(maxXc),
    frustratedSessions: n(row.fr),
    signals,
  };
}

export class DuckDbQueries implements ReportQueries {
  constructor(private readonly db: Db) {}

  phaseOutcomes(p: Period): Promise<PhaseOutcomeRow[]> {
    return this.phaseRows(p, false);
  }

  phaseOutcomesByDay(p: Period): Promise<(PhaseOutcomeRow & { day: number })[]> {
    return this.phaseRows(p, true) as Promise<(PhaseOutcomeRow & { day: number })[]>;
  }

  /** Phase outcomes over the period, or per (local) day of it. */
  private async phaseRows(p: Period, byDay: boolean): Promise<PhaseOutcomeRow[]> {
    const rows = await this.db.query(
      `SELECT ${byDay ? "day, " : ""}phase, segment, sum(sessions) AS n, sum(revenue) AS r
       FROM phase_daily WHERE ${DAYS} GROUP BY ALL HAVING sum(sessions) <> 0 ORDER BY ALL`,
      days(p, this.db.zones),
    );
    return rows.map((r) => ({
      ...(byDay ? { day: n(r.day) } : {}),
      phase: String(r.phase),
      segment: String(r.segment),
      sessions: n(r.n),
      revenue: n(r.r),
    }));
  }

  private async segmentOutcomes(
    p: Period,
    which: string,
    params: Params = {},
  ): Promise<Map<string, SegmentOutcome>> {
    const rows = await this.db.query(
      `SELECT segment, ${OUTCOME} FROM segment_daily WHERE ${DAYS} AND ${which}
       GROUP BY segment HAVING sum(sessions) <> 0 ORDER BY segment`,
      { ...days(p, this.db.zones), ...params },
    );
    return new Map(
      rows.map((r) => [String(r.segment), { segment: String(r.segment), ...outcome(r) }]),
    );
  }

  async frameworkTotals(p: Period): Promise<SegmentTotals> {
    const m = await this.segmentOutcomes(p, `segment IN ('${ALL}', ${FRAMEWORK_LIST})`);
    const zero = { sessions: 0, conversions: 0, revenue: 0 };
    const { segment: _, ...total } = m.get(ALL) ?? { segment: ALL, ...zero };
    return {
      total,
      segments: FRAMEWORK_SEGMENT_IDS.map((segment) => m.get(segment) ?? { segment, ...zero }),
    };
  }

  async customTotals(p: Period): Promise<SegmentOutcome[]> {
    const m = await this.segmentOutcomes(p, `segment NOT IN ('${ALL}', ${FRAMEWORK_LIST})`);
    return [...m.values()];
  }

  async compare(p: Period, segment: string) {
    const mem = memberSql(segment, "seg");
    const [sums, scan] = await Promise.all([
      this.db.query(
        `SELECT segment, ${SEGMENT_SUMS} FROM segment_daily
         WHERE ${DAYS} AND segment IN ($seg, '${ALL}') GROUP BY segment`,
        { ...days(p, this.db.zones), seg: segment },
      ),
      // Not additive over days or sessions: distinct visitors and the highest xC.
      this.db.query(
        `SELECT count(DISTINCT visitor_key) FILTER (WHERE ${mem.sql}) AS sv,
           max(xc_max) FILTER (WHERE ${mem.sql}) AS sx,
           count(DISTINCT visitor_key) AS av, max(xc_max) AS ax
         FROM sessions WHERE ${SESSIONS}`,
        { ...sessionsParams(p, this.db.zones), ...mem.params },
      ),
    ]);
    const bySeg = new Map(sums.map((r) => [String(r.segment), r]));
    const x = scan[0] ?? {};
    return {
      segment: aggregateOf(bySeg.get(segment), x.sv, x.sx),
      site: aggregateOf(bySeg.get(ALL), x.av, x.ax),
    };
  }

  async daily(p: Period, segment: string): Promise<DailyRow[]> {
    const rows = await this.db.query(
      `SELECT day, ${OUTCOME} FROM segment_daily WHERE ${DAYS} AND segment = $seg
       GROUP BY day HAVING sum(sessions) <> 0 ORDER BY day`,
      { ...days(p, this.db.zones), seg: segment },
    );
    return rows.map((r) => ({ day: n(r.day), ...outcome(r) }));
  }

  async breakdowns(p: Period, segment: string): Promise<BreakdownRow[]> {
    const rows = await this.db.query(
      `SELECT dimension, key, ${OUTCOME} FROM dimension_daily
       WHERE ${DAYS} AND segment = $seg GROUP BY ALL HAVING sum(sessions) <> 0
       ORDER BY n DESC, dimension, key`,
      { ...days(p, this.db.zones), seg: segment },
    );
    return rows.map((r) => ({
      dimension: String(r.dimension) as BreakdownDimension,
      key: String(r.key),
      ...outcome(r),
    }));
  }

  async flow(p: Period, segment: string): Promise<FlowRow[]> {
    const rows = await this.db.query(
      `SELECT GROUPING(prev_segment) AS gp, prev_segment, next_segment, sum(stays) AS t
       FROM flow_daily WHERE ${DAYS} AND segment = $seg
       GROUP BY GROUPING SETS ((prev_segment), (next_segment)) HAVING sum(stays) <> 0
       ORDER BY t DESC`,
      { ...days(p, this.db.zones), seg: segment },
    );
    return rows.map((r) => {
      const from = n(r.gp) === 0;
      const seg = from ? r.prev_segment : r.next_segment;
      return {
        direction: from ? "from" : "to",
        segment: seg === null || seg === undefined ? null : String(seg),
        transitions: n(r.t),
      };
    });
  }

  async topPages(p: Period, segment: string, limit: number): Promise<PageRow[]> {
    const rows = await this.db.query(
      `SELECT path, page_type, sum(views) AS v, sum(sessions) AS s FROM page_views
       WHERE ${DAYS} AND segment = $seg GROUP BY path, page_type HAVING sum(views) <> 0
       ORDER BY v DESC, s DESC, path LIMIT ${Math.max(0, Math.floor(limit))}`,
      { ...days(p, this.db.zones), seg: segment },
    );
    return rows.map((r) => ({
      path: String(r.path),
      pageType: String(r.page_type),
      views: n(r.v),
      sessions: n(r.s),
    }));
  }

  async overlap(p: Period, a: string, b: string): Promise<OverlapRow> {
    const [lo, hi] = a < b ? [a, b] : [b, a];
    const [members, pairs] = await Promise.all([
      this.segmentOutcomes(p, "segment IN ($a, $b)", { a, b }),
      this.db.query(
        `SELECT sum(both_sessions) AS both, sum(concurrent_sessions) AS cs,
           sum(concurrent_ms) AS ms FROM pair_daily WHERE ${DAYS} AND a = $lo AND b = $hi`,
        { ...days(p, this.db.zones), lo, hi },
      ),
    ]);
    const pr = pairs[0] ?? {};
    return {
      a: members.get(a)?.sessions ?? 0,
      b: members.get(b)?.sessions ?? 0,
      both: a === b ? (members.get(a)?.sessions ?? 0) : n(pr.both),
      concurrentSessions: n(pr.cs),
      concurrentMs: n(pr.ms),
    };
  }

  async experimentArms(p: Period, segment: string | null): Promise<ArmRow[]> {
    const m = segment === null ? { sql: "true", params: {} } : memberSql(segment, "seg");
    const rows = await this.db.query(
      `SELECT arm, count(*) AS n, count(*) FILTER (WHERE purchased) AS c,
         coalesce(sum(revenue), 0) AS r, coalesce(sum(revenue * revenue), 0) AS r2 FROM (
         SELECT unnest(experiments) AS arm, purchased, revenue FROM sessions
         WHERE ${SESSIONS} AND len(experiments) > 0 AND ${m.sql})
       GROUP BY arm ORDER BY arm`,
      { ...sessionsParams(p, this.db.zones), ...m.params },
    );
    return rows.map((r) => ({ arm: String(r.arm), ...outcome(r), revenueSq: n(r.r2) }));
  }

  sessionGroups(
    p: Period,
    reads: readonly FieldRead[],
    framework: boolean,
  ): Promise<SessionGroup[]> {
    return sessionGroups(this.db, p, reads, framework);
  }

  topValues(p: Period, fields: readonly string[], limit: number) {
    return topValues(this.db, p, fields, limit);
  }

  dataQuality(p: Period): Promise<DataQualityRows> {
    return dataQualityRows(this.db, p);
  }
}
