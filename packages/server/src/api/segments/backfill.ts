/**
 * A new live custom segment is back-filled from the stored sessions of the last
 * `BACKFILL_DAYS` local days (issue 20, item 6): the sessions the builder's estimate counts
 * become members, so the segment's report over those days agrees with its estimate instead of
 * starting at 0. Only when the estimate is exact: a condition on fields a stored session does not
 * record (an upper bound), or one that depends on a converted session's unknown state, is not
 * back-filled, and the segment counts from the moment it went live (reports/counting.ts says so).
 */
import type { Site, Store } from "@intently/store";
import { periodOf } from "../period.ts";
import { groupMatcher } from "./estimate-count.ts";

export const BACKFILL_DAYS = 90;

export interface Backfill {
  /** Sessions made members; null when the condition could not be back-filled exactly. */
  sessions: number | null;
  from: number;
  to: number;
}

export async function backfillNewSegment(
  store: Store,
  site: Site,
  segment: string,
  condition: unknown,
  now = Date.now(),
): Promise<Backfill> {
  const { from, to } = periodOf({}, site, now, BACKFILL_DAYS);
  const m = groupMatcher(condition);
  if (m.relaxed.length > 0) return { sessions: null, from, to };
  let unsure = false;
  const sessions = await store.backfillSegment({
    segment,
    period: { site: site.id, from, to },
    reads: m.reads,
    framework: m.framework,
    matches: (g) => {
      const r = m.match(g);
      if (r === "maybe") unsure = true;
      return r === "sure";
    },
  });
  return { sessions: unsure ? null : sessions, from, to };
}
