/**
 * Custom segments younger than the period a report shows and not back-filled (issue 20, item 6).
 * A segment created live is back-filled from the stored sessions (segments/backfill.ts); one
 * that was not (created paused and made live later, a condition the estimate can only bound) is counted
 * from the moment it went live, so its report starts at 0 while the builder's estimate showed N.
 * Reports carry, for such a segment, when counting started and that estimate over the last 7
 * days, so the card and the report can say so instead of showing "0".
 */
import type { SegmentCounting } from "@intently/api-contract";
import type { Site, Store } from "@intently/store";
import { periodOf } from "../period.ts";
import { countMatching } from "../segments/estimate-count.ts";

export const ESTIMATE_DAYS = 7;

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
): Promise<Record<string, SegmentCounting>> {
  const out: Record<string, SegmentCounting> = {};
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
    const p = { site: site.id, from: last7.from, to: last7.to };
    const [count, counted] = await Promise.all([
      countMatching(store, p, condition),
      store.queries.compare(p, seg.id),
    ]);
    // Back-filled when it was saved (segments/backfill.ts): the report already agrees.
    if (counted.segment.sessions >= count.sessions) continue;
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
