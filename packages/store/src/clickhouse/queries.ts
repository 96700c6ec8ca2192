/**
 * ReportQueries on ClickHouse. Where the DuckDB store reads write-time rollups, this reads the
 * raw tables with FINAL (one row per key, so a replayed batch never counts twice: rollups kept
 * by materialized views would count it again) and aggregates them in the query, which is what a
 * column store is for. Each figure is defined as the DuckDB rollup defines it (duckdb/rollups.ts):
 * segment sums over the segments a session was ever in (`persisted_segments`), distinct visitors
 * and the highest xC over the segment's members (framework bitmask, custom list), flows and
 * overlaps from the intervals of the period's sessions. Periods are whole local days of the
 * site's zone (period.ts); bots are left out everywhere. SQL is what ClickHouse 18.16 and current
 * versions share: no CTEs, window functions or GROUPING SETS.
 */
import { FRAMEWORK_SEGMENT_IDS, SIGNALS, type Signal, STRUGGLE_SIGNALS } from "@intently/engine";
import {
  type ArmRow,
  BREAKDOWN_DIMENSIONS,
  type BreakdownDimension,
  type BreakdownRow,
  type DailyRow,
  type DataQualityRows,
  type FlowRow,
  type OverlapRow,
  type PageRow,
  type Period,
  type PhaseOutcomeRow,
  type ReportQueries,
  type SegmentOutcome,
  type SegmentTotals,
  type SessionAggregate,
  type SignalTotals,
} from "../queries.ts";
import type { FieldRead, SessionGroup } from "../session-groups.ts";
import { type Ch, n, type Row } from "./client.ts";
import { dataQualityRows } from "./data-quality.ts";
import { type PeriodSql, periodSql } from "./period.ts";
import { sessionGroups, topValues } from "./session-groups.ts";
import type { SiteCache } from "./sites.ts";
import { int, str, strs } from "./sql.ts";

/** The rollups' segment of all sessions (duckdb/rollups.ts ALL). */
const ALL = "*";

/** True when a session was ever in `segment` by the framework bitmask or the custom list. */
export function memberSql(segment: string): string {
  const i = FRAMEWORK_SEGMENT_IDS.indexOf(segment as never);
  if (i >= 0) return `bitAnd(framework_seen, ${1 << i}) != 0`;
  return `has(custom_segments, ${str(segment)})`;
}

/** The rollups' membership: `segment` among the segments the session was ever in. */
const inSegment = (segment: string) =>
  segment === ALL ? "1" : `has(persisted_segments, ${str(segment)})`;

const OUTCOME = "count() AS n, countIf(purchased = 1) AS c, sum(revenue) AS r";
const outcome = (r: Row) => ({ sessions: n(r.n), conversions: n(r.c), revenue: n(r.r) });

/** The sums of a segment report over the sessions where `c` holds, columns prefixed `p`. */
function segmentSums(c: string, p: string): string {
  const frustrated = STRUGGLE_SIGNALS.map((s) => `sig_${s} > 0`).join(" OR ");
  return [
    `countIf(${c}) AS ${p}n`,
    `countIf((${c}) AND purchased = 1) AS ${p}c`,
    `sumIf(revenue, ${c}) AS ${p}r`,
    `sumIf(orders, ${c}) AS ${p}o`,
    `sumIf(xc_final, ${c}) AS ${p}xf`,
    `sumIf(xc_max, ${c}) AS ${p}xm`,
    `countIf((${c}) AND (${frustrated})) AS ${p}fr`,
    ...SIGNALS.flatMap((s) => [
      `sumIf(sig_${s}, ${c}) AS ${p}sc_${s}`,
      `countIf((${c}) AND sig_${s} > 0) AS ${p}ss_${s}`,
    ]),
  ].join(", ");
}

function aggregateOf(r: Row, p: string, visitors: unknown, maxXc: number | null): SessionAggregate {
  const sessions = n(r[`${p}n`]);
  const signals = {} as Record<Signal, SignalTotals>;
  for (const s of SIGNALS)
    signals[s] = { count: n(r[`${p}sc_${s}`]), sessions: n(r[`${p}ss_${s}`]) };
  return {
    sessions,
    conversions: n(r[`${p}c`]),
    revenue: n(r[`${p}r`]),
    visitors: n(visitors),
    orders: n(r[`${p}o`]),
    avgXcFinal: sessions === 0 ? null : n(r[`${p}xf`]) / sessions,
    avgXcMax: sessions === 0 ? null : n(r[`${p}xm`]) / sessions,
    maxXc,
    frustratedSessions: n(r[`${p}fr`]),
    signals,
  };
}

const DIMENSION_SQL: Record<BreakdownDimension, string> = {
  device: "device",
  trafficSource: "traffic_source",
  landingPageType: "landing_page_type",
  country: "country",
  visitorType: "if(is_returning = 1, 'returning', 'new')",
};

export class ClickHouseQueries implements ReportQueries {
  constructor(
    private readonly ch: Ch,
    private readonly sites: SiteCache,
  ) {}

  private async period(p: Period): Promise<PeriodSql> {
    return periodSql(p, await this.sites.days(p.site));
  }

  phaseOutcomes(p: Period): Promise<PhaseOutcomeRow[]> {
    return this.phaseRows(p, false);
  }

  phaseOutcomesByDay(p: Period): Promise<(PhaseOutcomeRow & { day: number })[]> {
    return this.phaseRows(p, true) as Promise<(PhaseOutcomeRow & { day: number })[]>;
  }

  private async phaseRows(p: Period, byDay: boolean): Promise<PhaseOutcomeRow[]> {
    const q = await this.period(p);
    const day = byDay ? `${q.dayOf("started_at")} AS day, ` : "";
    const rows = await this.ch.rows(
      `SELECT ${day}phase, final_segment AS segment, count() AS n, sum(revenue) AS r
       FROM sessions FINAL WHERE ${q.sessions}
       GROUP BY ${byDay ? "day, " : ""}phase, segment ORDER BY ${byDay ? "day, " : ""}phase, segment`,
    );
    return rows.map((r) => ({
      ...(byDay ? { day: n(r.day) } : {}),
      phase: String(r.phase),
      segment: String(r.segment),
      sessions: n(r.n),
      revenue: n(r.r),
    }));
  }

  /** Sessions ever in each segment (by `persisted_segments`) that `which` (on `seg`) keeps. */
  private async segmentOutcomes(q: PeriodSql, which: string): Promise<Map<string, SegmentOutcome>> {
    const rows = await this.ch.rows(
      `SELECT seg, ${OUTCOME} FROM sessions FINAL ARRAY JOIN persisted_segments AS seg
       WHERE ${q.sessions} AND (${which}) GROUP BY seg ORDER BY seg`,
    );
    return new Map(rows.map((r) => [String(r.seg), { segment: String(r.seg), ...outcome(r) }]));
  }

  async frameworkTotals(p: Period): Promise<SegmentTotals> {
    const q = await this.period(p);
    const [m, total] = await Promise.all([
      this.segmentOutcomes(q, `seg IN ${list(FRAMEWORK_SEGMENT_IDS)}`),
      this.ch.row(`SELECT ${OUTCOME} FROM sessions FINAL WHERE ${q.sessions}`),
    ]);
    const zero = { sessions: 0, conversions: 0, revenue: 0 };
    return {
      total: outcome(total),
      segments: FRAMEWORK_SEGMENT_IDS.map((segment) => m.get(segment) ?? { segment, ...zero }),
    };
  }

  async customTotals(p: Period): Promise<SegmentOutcome[]> {
    const q = await this.period(p);
    const m = await this.segmentOutcomes(q, `seg NOT IN ${list([ALL, ...FRAMEWORK_SEGMENT_IDS])}`);
    return [...m.values()];
  }

  async compare(p: Period, segment: string) {
    const q = await this.period(p);
    const mem = memberSql(segment);
    const r = await this.ch.row(
      `SELECT ${segmentSums(inSegment(segment), "s_")}, ${segmentSums("1", "a_")},
         uniqExactIf(visitor_key, ${mem}) AS sv, maxIf(xc_max, ${mem}) AS sx, countIf(${mem}) AS sm,
         uniqExact(visitor_key) AS av, max(xc_max) AS ax
       FROM sessions FINAL WHERE ${q.sessions}`,
    );
    // max over no rows is 0 in ClickHouse, NULL in SQL: no member, no highest xC.
    const maxOf = (count: unknown, v: unknown) => (n(count) === 0 ? null : n(v));
    return {
      segment: aggregateOf(r, "s_", r.sv, maxOf(r.sm, r.sx)),
      site: aggregateOf(r, "a_", r.av, maxOf(r.a_n, r.ax)),
    };
  }

  async daily(p: Period, segment: string): Promise<DailyRow[]> {
    const q = await this.period(p);
    const rows = await this.ch.rows(
      `SELECT ${q.dayOf("started_at")} AS day, ${OUTCOME} FROM sessions FINAL
       WHERE ${q.sessions} AND ${inSegment(segment)} GROUP BY day ORDER BY day`,
    );
    return rows.map((r) => ({ day: n(r.day), ...outcome(r) }));
  }

  async breakdowns(p: Period, segment: string): Promise<BreakdownRow[]> {
    const q = await this.period(p);
    const dims = BREAKDOWN_DIMENSIONS;
    const rows = await this.ch.rows(
      `SELECT dim, k, ${OUTCOME} FROM sessions FINAL
       ARRAY JOIN ${strs(dims)} AS dim, [${dims.map((d) => DIMENSION_SQL[d]).join(", ")}] AS k
       WHERE ${q.sessions} AND ${inSegment(segment)}
       GROUP BY dim, k ORDER BY n DESC, dim, k`,
    );
    return rows.map((r) => ({
      dimension: String(r.dim) as BreakdownDimension,
      key: String(r.k),
      ...outcome(r),
    }));
  }

  async flow(p: Period, segment: string): Promise<FlowRow[]> {
    const q = await this.period(p);
    const side = async (direction: "from" | "to", col: string) => {
      const rows = await this.ch.rows(
        `SELECT ifNull(${col}, '') AS s, count() AS t FROM intervals FINAL
         WHERE ${q.intervals} AND segment = ${str(segment)} GROUP BY s`,
      );
      // The rollups keep no end as "", read back as null (duckdb/rollups.ts keyParts).
      return rows.map((r) => ({
        direction,
        segment: r.s === "" ? null : String(r.s),
        transitions: n(r.t),
      }));
    };
    const rows = (await Promise.all([side("from", "prev_segment"), side("to", "next_segment")]))
      .flat()
      .filter((r) => r.transitions !== 0);
    return rows.sort(
      (a, b) =>
        b.transitions - a.transitions ||
        (a.direction === b.direction ? 0 : a.direction === "from" ? -1 : 1) ||
        (a.segment ?? "").localeCompare(b.segment ?? ""),
    );
  }

  async topPages(p: Period, segment: string, limit: number): Promise<PageRow[]> {
    const q = await this.period(p);
    const rows = await this.ch.rows(
      `SELECT path, page_type, sum(views) AS v, sum(sessions) AS s FROM page_views
       WHERE ${q.days} AND segment = ${str(segment)} GROUP BY path, page_type
       HAVING sum(views) != 0 ORDER BY v DESC, s DESC, path LIMIT ${int(Math.max(0, Math.floor(limit)))}`,
    );
    return rows.map((r) => ({
      path: String(r.path),
      pageType: String(r.page_type),
      views: n(r.v),
      sessions: n(r.s),
    }));
  }

  async overlap(p: Period, a: string, b: string): Promise<OverlapRow> {
    const q = await this.period(p);
    const stays = (seg: string, e: string, x: string) =>
      `(SELECT session, session_start, entered_at AS ${e}, exited_at AS ${x} FROM intervals FINAL
        WHERE ${q.intervals} AND segment = ${str(seg)})`;
    const [members, pair] = await Promise.all([
      this.segmentOutcomes(q, `seg IN ${list([a, b])}`),
      a === b
        ? Promise.resolve({} as Row)
        : this.ch.row(
            // Per session in both: whether an A stay and a B stay overlapped ([entered, exited)),
            // and for how long in all (as duckdb/rollups.ts addPairs).
            `SELECT count() AS nb, countIf(conc = 1) AS cs, sum(ms) AS cms FROM (
               SELECT session, session_start, max(ov > 0) AS conc, sum(ov) AS ms FROM (
                 SELECT session, session_start,
                   if(ae < bx AND be < ax, least(ax, bx) - greatest(ae, be), 0) AS ov
                 FROM ${stays(a, "ae", "ax")} AS x
                 ALL INNER JOIN ${stays(b, "be", "bx")} AS y USING (session, session_start)
               ) GROUP BY session, session_start
             )`,
          ),
    ]);
    return {
      a: members.get(a)?.sessions ?? 0,
      b: members.get(b)?.sessions ?? 0,
      both: a === b ? (members.get(a)?.sessions ?? 0) : n(pair.nb),
      concurrentSessions: n(pair.cs),
      concurrentMs: n(pair.cms),
    };
  }

  async experimentArms(p: Period, segment: string | null): Promise<ArmRow[]> {
    const q = await this.period(p);
    const m = segment === null ? "1" : memberSql(segment);
    const rows = await this.ch.rows(
      `SELECT arm, ${OUTCOME}, sum(revenue * revenue) AS r2
       FROM sessions FINAL ARRAY JOIN experiments AS arm
       WHERE ${q.sessions} AND ${m} GROUP BY arm ORDER BY arm`,
    );
    return rows.map((r) => ({ arm: String(r.arm), ...outcome(r), revenueSq: n(r.r2) }));
  }

  async sessionGroups(
    p: Period,
    reads: readonly FieldRead[],
    framework: boolean,
  ): Promise<SessionGroup[]> {
    return sessionGroups(this.ch, await this.period(p), reads, framework);
  }

  async topValues(
    p: Period,
    fields: readonly string[],
    limit: number,
  ): Promise<Record<string, string[]>> {
    return topValues(this.ch, await this.period(p), fields, limit);
  }

  dataQuality(p: Period): Promise<DataQualityRows> {
    return dataQualityRows(this.ch, p);
  }
}

/** A parenthesised list of string literals for IN. */
function list(xs: readonly string[]): string {
  return `(${xs.map(str).join(", ")})`;
}
