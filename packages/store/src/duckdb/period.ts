/**
 * A report period in SQL: the whole local days of the site's time zone that [from, to) touches
 * (from's day up to to's, to's own day included when to is not its start), read from the
 * rollups by day number or from the raw sessions (non-bot) by start time.
 */
import type { Period } from "../queries.ts";
import type { Params } from "./db.ts";
import type { SiteZones } from "./site-zones.ts";

/** Rollup rows of the period (with `days`). */
export const DAYS = "site = $site AND day >= $d0 AND day < $d1";
/** Raw sessions of the same whole days (with `sessionsParams`). */
export const SESSIONS = "site = $site AND started_at >= $t0 AND started_at < $t1 AND NOT bot";

/** The period's local days: [d0, d1). */
export function dayRange(p: Period, zones: SiteZones): { d0: number; d1: number } {
  const z = zones.days(p.site);
  return { d0: z.dayOf(p.from), d1: z.dayAtOrAfter(p.to) };
}

export function days(p: Period, zones: SiteZones): Params {
  return { site: p.site, ...dayRange(p, zones) };
}

export function sessionsParams(p: Period, zones: SiteZones): Params {
  const z = zones.days(p.site);
  const { d0, d1 } = dayRange(p, zones);
  return { site: p.site, t0: z.start(d0), t1: z.start(d1) };
}
