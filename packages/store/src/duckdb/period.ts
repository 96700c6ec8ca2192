/**
 * A report period in SQL: whole UTC days [floor(from), ceil(to)), read from the rollups by day
 * number or from the raw sessions (non-bot) by start time.
 */
import type { Period } from "../queries.ts";
import { DAY_MS } from "../rows.ts";
import type { Params } from "./db.ts";

/** Rollup rows of the period (with `days`). */
export const DAYS = "site = $site AND day >= $d0 AND day < $d1";
/** Raw sessions of the same whole days (with `sessionsParams`). */
export const SESSIONS = "site = $site AND started_at >= $t0 AND started_at < $t1 AND NOT bot";

export function days(p: Period): Params {
  const d0 = Math.floor(p.from / DAY_MS);
  const d1 = Math.ceil(p.to / DAY_MS);
  return { site: p.site, d0, d1 };
}

export function sessionsParams(p: Period): Params {
  const d = days(p);
  return { site: p.site, t0: Number(d.d0) * DAY_MS, t1: Number(d.d1) * DAY_MS };
}
