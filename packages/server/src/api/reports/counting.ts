/**
 * Custom segments younger than the period a report shows (issue 20, item 6). A saved segment's
 * memberships are recorded from the moment it goes live: sessions stored before are not
 * back-filled, so its report starts at 0 while the builder's estimate (a count over stored
 * sessions) showed N. Reports carry, for such a segment, when counting started and that
 * estimate over the last 7 days, so the card and the report can say so instead of showing "0".
 */
import type { Site, Store } from "@intently/store";
import { periodOf } from "../period.ts";
import { countMatching } from "../segments/estimate-count.ts";

export const ESTIMATE_DAYS = 7;

export interface Counting {
  /** When the segment first went live: sessions ending from then on are counted. */
  since: number;
  /** Stored sessions of the last `ESTIMATE_DAYS` days that match, as the builder estimates. */
  estimate: { sessions: number; exact: boolean; days: number; from: number; to: number };
}

/**
 * The custom segments (all, or `only`) of `site` that went live after `periodFrom`, with when
 * counting started and the estimate; framework segments always count from the start.
 */
export async function youngSegments(
  store: Store,
  site: Site,
  periodFrom: number,
  only?: string,
  now = Date.now(),
): Promise<Record<string, Counting>> {
  const out: Record<string, Counting> = {};
  const latest = await store.config.listSegments(site.id);
  const last7 = periodOf({}, site, now, ESTIMATE_DAYS);
  for (const seg of latest) {
    if (only !== undefined && seg.id !== only) continue;
    const history = await store.config.segmentHistory(site.id, seg.id);
    const live = history.filter((v) => v.status === "live").map((v) => v.createdAt);
    if (live.length === 0) continue;
    const since = Math.min(...live);
    if (since <= periodFrom) continue;
    const condition = (seg.definition as { condition?: unknown }).condition;
    const count = await countMatching(
      store,
      { site: site.id, from: last7.from, to: last7.to },
      condition,
    );
    out[seg.id] = {
      since,
      estimate: {
        sessions: count.sessions,
        exact: count.exact,
        days: ESTIMATE_DAYS,
        from: last7.from,
        to: last7.to,
      },
    };
  }
  return out;
}
