/**
 * Measured overlap between two segments (docs/product/segments.md#conflicts) over a period's
 * non-bot sessions:
 * - both: sessions ever in A and ever in B (not necessarily at the same time);
 *   shareOfA = both / A, shareOfB = both / B, jaccard = both / (A + B − both);
 * - concurrent: sessions in which A and B were matched at the same moment (a stay in A and a
 *   stay in B overlapping in time), their shares of A and B, and the summed time matched
 *   together (ms) with its mean per concurrent session. Two framework segments are never
 *   concurrent (a session is in exactly one at a time).
 */
import type { Period } from "../queries.ts";
import type { Store } from "../store.ts";
import { lookUpName, ratio, wholeDays } from "./common.ts";

export interface OverlapReport {
  site: string;
  period: { from: number; to: number };
  a: { segment: string; name: string; sessions: number };
  b: { segment: string; name: string; sessions: number };
  both: number;
  shareOfA: number | null;
  shareOfB: number | null;
  jaccard: number | null;
  concurrent: {
    sessions: number;
    shareOfA: number | null;
    shareOfB: number | null;
    totalMs: number;
    meanMs: number | null;
  };
}

export async function measuredOverlap(
  store: Store,
  opts: Period & { a: string; b: string },
): Promise<OverlapReport> {
  const p: Period = await wholeDays(store, { site: opts.site, from: opts.from, to: opts.to });
  const [r, nameA, nameB] = await Promise.all([
    store.queries.overlap(p, opts.a, opts.b),
    lookUpName(store, p.site, opts.a),
    lookUpName(store, p.site, opts.b),
  ]);
  return {
    site: p.site,
    period: { from: p.from, to: p.to },
    a: { segment: opts.a, name: nameA, sessions: r.a },
    b: { segment: opts.b, name: nameB, sessions: r.b },
    both: r.both,
    shareOfA: ratio(r.both, r.a),
    shareOfB: ratio(r.both, r.b),
    jaccard: ratio(r.both, r.a + r.b - r.both),
    concurrent: {
      sessions: r.concurrentSessions,
      shareOfA: ratio(r.concurrentSessions, r.a),
      shareOfB: ratio(r.concurrentSessions, r.b),
      totalMs: r.concurrentMs,
      meanMs: ratio(r.concurrentMs, r.concurrentSessions),
    },
  };
}
