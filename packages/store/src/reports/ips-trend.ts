/**
 * The IPS trend: the Intent Performance Score and sessions of every local day of the period
 * (zero days included), from one query of the phase rollups; each day's score is the IPS report
 * of that day alone (ipsOf). A day that has not ended yet is marked incomplete: its sessions
 * are counted as they end.
 */
import type { Period, PhaseOutcomeRow } from "../queries.ts";
import type { Store } from "../store.ts";
import { DEFAULT_IPS_BENCHMARKS } from "./benchmarks.ts";
import { isoDay, siteZone, wholeDaysIn } from "./common.ts";
import { ipsOf } from "./ips.ts";

export interface IpsTrendDay {
  date: string;
  day: number;
  /** Start of the local day, epoch ms. */
  start: number;
  ips: number | null;
  sessions: number;
  /** The day has ended (at `now`). */
  complete: boolean;
}

export interface IpsTrend {
  site: string;
  timeZone: string;
  from: number;
  to: number;
  days: IpsTrendDay[];
}

export async function ipsTrend(store: Store, p: Period, now = Date.now()): Promise<IpsTrend> {
  const z = await siteZone(store, p.site);
  p = wholeDaysIn(p, z);
  const [rows, site] = await Promise.all([
    store.queries.phaseOutcomesByDay(p),
    store.config.getSite(p.site),
  ]);
  const benchmarks = site?.settings.ipsBenchmarks ?? DEFAULT_IPS_BENCHMARKS;
  const byDay = new Map<number, PhaseOutcomeRow[]>();
  for (const r of rows) {
    const list = byDay.get(r.day);
    if (list) list.push(r);
    else byDay.set(r.day, [r]);
  }
  const days: IpsTrendDay[] = [];
  for (let d = z.dayOf(p.from); z.start(d) < p.to; d++) {
    const outcomes = byDay.get(d) ?? [];
    // Every session has one furthest phase: the phase rows of a day add up to its sessions.
    const sessions = outcomes.reduce((s, r) => s + r.sessions, 0);
    const total = { sessions, conversions: 0, revenue: 0 };
    const day = { site: p.site, from: z.start(d), to: z.start(d + 1) };
    const r = ipsOf(day, outcomes, { total, segments: [] }, benchmarks);
    days.push({
      date: isoDay(d),
      day: d,
      start: day.from,
      ips: r.ips,
      sessions,
      complete: day.to <= now,
    });
  }
  return { site: p.site, timeZone: z.zone, from: p.from, to: p.to, days };
}
