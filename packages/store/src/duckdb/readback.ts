/**
 * Reads stored sessions and intervals back into rollup inputs: to subtract what a delete
 * removes, and to rebuild every rollup from the raw tables (migrations, repair).
 */
import { SIGNALS, type Signal } from "@intently/engine";
import type { SessionRow } from "../rows.ts";
import type { Db, Params, Row } from "./db.ts";
import { appendRollups, ROLLUP_SPECS } from "./rollup-tables.ts";
import { type RollupInterval, type RollupSession, Rollups } from "./rollups.ts";

const SESSION_SQL = `SELECT site, started_at, bot, purchased, orders, revenue, xc_final, xc_max,
  persisted_segments, phase::VARCHAR AS phase, final_segment::VARCHAR AS final_segment, device,
  traffic_source, landing_page_type, country, is_returning,
  ${SIGNALS.map((s) => `sig_${s}`).join(", ")} FROM sessions`;
const INTERVAL_SQL = `SELECT site, session, session_start, segment, entered_at, exited_at,
  prev_segment, next_segment, bot FROM intervals`;

function session(r: Row): RollupSession {
  const signals = {} as Record<Signal, number>;
  for (const s of SIGNALS) signals[s] = Number(r[`sig_${s}`] ?? 0);
  return {
    site: String(r.site),
    startedAt: Number(r.started_at),
    bot: Boolean(r.bot),
    purchased: Boolean(r.purchased),
    orders: Number(r.orders),
    revenue: Number(r.revenue),
    xcFinal: Number(r.xc_final),
    xcMax: Number(r.xc_max),
    persistedSegments: r.persisted_segments as string[],
    phase: String(r.phase) as SessionRow["phase"],
    finalSegment: String(r.final_segment) as SessionRow["finalSegment"],
    device: String(r.device),
    trafficSource: String(r.traffic_source),
    landingPageType: String(r.landing_page_type),
    country: String(r.country),
    returning: Boolean(r.is_returning),
    signals,
  };
}

function interval(r: Row): RollupInterval {
  const str = (v: unknown) => (v === null || v === undefined ? null : String(v));
  return {
    site: String(r.site),
    session: String(r.session),
    sessionStart: Number(r.session_start),
    segment: String(r.segment),
    enteredAt: Number(r.entered_at),
    exitedAt: Number(r.exited_at),
    prevSegment: str(r.prev_segment),
    nextSegment: str(r.next_segment),
    bot: Boolean(r.bot),
  };
}

/** Sessions and intervals matching the predicates, on the writer connection. */
export async function readBack(
  db: Db,
  where: { sessions: string; intervals: string },
  params: Params,
): Promise<{ sessions: RollupSession[]; intervals: RollupInterval[] }> {
  const s = await db.exec(`${SESSION_SQL} WHERE ${where.sessions}`, params);
  const i = await db.exec(`${INTERVAL_SQL} WHERE ${where.intervals}`, params);
  return { sessions: s.map(session), intervals: i.map(interval) };
}

/** (site, session) strictly after ($site, $session) / at most ($hiSite, $hiSession). */
const AFTER = "(site > $site OR (site = $site AND session > $session))";
const UPTO = "(site < $hiSite OR (site = $hiSite AND session <= $hiSession))";

/**
 * Recomputes every rollup but page views (which come from events the store may not keep) from
 * the raw tables, `pageSize` sessions at a time in (site, session) order, by each site's local
 * days (db.zones). Runs on the writer connection; the caller owns the transaction.
 */
export async function rebuildRollups(db: Db, pageSize = 50_000): Promise<void> {
  for (const spec of ROLLUP_SPECS) await db.exec(`DELETE FROM ${spec.table}`);
  let after: Params = { site: "", session: "" };
  for (;;) {
    const last = await db.exec(
      `SELECT site, session FROM sessions WHERE ${AFTER}
       ORDER BY site, session LIMIT 1 OFFSET ${Math.max(0, pageSize - 1)}`,
      after,
    );
    const upper = last[0]
      ? { hiSite: String(last[0].site), hiSession: String(last[0].session) }
      : null;
    const range = upper ? `${AFTER} AND ${UPTO}` : AFTER;
    const { sessions, intervals } = await readBack(
      db,
      { sessions: range, intervals: range },
      { ...after, ...(upper ?? {}) },
    );
    const r = new Rollups(db.zones);
    r.addSessions(sessions, 1);
    r.addIntervals(intervals, 1);
    await appendRollups(db, r);
    if (!upper) return;
    after = { site: upper.hiSite, session: upper.hiSession };
  }
}
