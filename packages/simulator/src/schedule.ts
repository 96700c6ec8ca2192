/**
 * When sessions start: a diurnal curve (quiet at night, busiest in the evening, a little more
 * at weekends) over `days` days, with start times produced in ascending order one at a time
 * (sequential order statistics), so any number of sessions streams in constant memory.
 */
import type { Random } from "./random.ts";

const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

/** Relative traffic per hour of the day (UTC; the default shop is UK-based). */
export const HOURLY_WEIGHTS: readonly number[] = [
  0.35, 0.22, 0.15, 0.12, 0.12, 0.18, 0.32, 0.55, 0.72, 0.8, 0.86, 0.92, 1.0, 0.98, 0.92, 0.9, 0.95,
  1.05, 1.2, 1.42, 1.55, 1.45, 1.05, 0.62,
];
/** Relative traffic per day of the week, Sunday first. */
export const WEEKDAY_WEIGHTS: readonly number[] = [1.15, 0.95, 0.95, 0.97, 1.0, 1.02, 1.1];

/** Hour bins over [start, start + days): cumulative weight at each bin's start. */
function binsOf(start: number, days: number): { edges: number[]; cdf: number[] } {
  const end = start + days * DAY_MS;
  const edges: number[] = [start];
  const cdf: number[] = [0];
  let t = start;
  let acc = 0;
  while (t < end) {
    const next = Math.min(end, (Math.floor(t / HOUR_MS) + 1) * HOUR_MS);
    const d = new Date(t);
    const w = HOURLY_WEIGHTS[d.getUTCHours()]! * WEEKDAY_WEIGHTS[d.getUTCDay()]!;
    acc += (w * (next - t)) / HOUR_MS;
    edges.push(next);
    cdf.push(acc);
    t = next;
  }
  return { edges, cdf };
}

/** `count` start times (integer epoch ms) in ascending order. */
export function* sessionStarts(rng: Random, count: number, start: number, days: number) {
  if (count <= 0) return;
  const { edges, cdf } = binsOf(start, days);
  const total = cdf[cdf.length - 1]!;
  // The k-th largest of n uniforms is the (k+1)-th largest times U^(1/k); 1 - that ascends.
  let top = 1;
  let bin = 0;
  for (let k = count; k >= 1; k--) {
    top *= (1 - rng.next()) ** (1 / k);
    const target = (1 - top) * total;
    while (bin < cdf.length - 2 && cdf[bin + 1]! <= target) bin++;
    const w = cdf[bin + 1]! - cdf[bin]!;
    const f = w > 0 ? (target - cdf[bin]!) / w : 0;
    const t = edges[bin]! + f * (edges[bin + 1]! - edges[bin]!);
    yield Math.min(Math.floor(t), edges[edges.length - 1]! - 1);
  }
}
