// Isotonic regression by pool-adjacent-violators: the best non-decreasing fit of outcomes
// against scores, used as a monotone map from raw score to calibrated probability.

import type { IsotonicCalibrator } from "./types.ts";

/** Calibrated outputs are kept inside [ε, 1 − ε]: a hard 0 or 1 is never a credible forecast. */
export const ISOTONIC_EPSILON = 1e-6;

/**
 * Fits a non-decreasing step fit by PAV (tied scores are pooled first), keeping each block's
 * lowest and highest score as knots so prediction interpolates linearly between blocks.
 */
export function fitIsotonic(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
  weights?: ArrayLike<number>,
): IsotonicCalibrator {
  const n = scores.length;
  if (labels.length !== n) throw new RangeError("scores and labels differ in length");
  const idx: number[] = [];
  for (let i = 0; i < n; i++) if (Number.isFinite(scores[i] as number)) idx.push(i);
  idx.sort((a, b) => (scores[a] as number) - (scores[b] as number) || a - b);
  // Blocks on a stack: [xmin, xmax, weighted sum of y, weight].
  const xmin: number[] = [];
  const xmax: number[] = [];
  const sumY: number[] = [];
  const sumW: number[] = [];
  for (const i of idx) {
    const x = scores[i] as number;
    const w = weights ? (weights[i] as number) : 1;
    if (!(w > 0)) continue;
    const y = (labels[i] as number) > 0.5 ? 1 : 0;
    const top = xmin.length - 1;
    if (top >= 0 && xmax[top] === x) {
      sumY[top] = (sumY[top] as number) + w * y;
      sumW[top] = (sumW[top] as number) + w;
    } else {
      xmin.push(x);
      xmax.push(x);
      sumY.push(w * y);
      sumW.push(w);
    }
    // Pool while the last block's mean is below the previous block's mean.
    while (xmin.length > 1) {
      const k = xmin.length - 1;
      const meanK = (sumY[k] as number) / (sumW[k] as number);
      const meanP = (sumY[k - 1] as number) / (sumW[k - 1] as number);
      if (meanP <= meanK) break;
      xmax[k - 1] = xmax[k] as number;
      sumY[k - 1] = (sumY[k - 1] as number) + (sumY[k] as number);
      sumW[k - 1] = (sumW[k - 1] as number) + (sumW[k] as number);
      xmin.pop();
      xmax.pop();
      sumY.pop();
      sumW.pop();
    }
  }
  const kx: number[] = [];
  const ky: number[] = [];
  for (let k = 0; k < xmin.length; k++) {
    const raw = (sumY[k] as number) / (sumW[k] as number);
    const y = Math.min(1 - ISOTONIC_EPSILON, Math.max(ISOTONIC_EPSILON, raw));
    kx.push(xmin[k] as number);
    ky.push(y);
    if ((xmax[k] as number) > (xmin[k] as number)) {
      kx.push(xmax[k] as number);
      ky.push(y);
    }
  }
  return { kind: "isotonic", x: kx, y: ky };
}

/** Piecewise-linear interpolation through the knots, constant beyond the ends. */
export function applyIsotonic(cal: IsotonicCalibrator, score: number): number {
  const p = score;
  const { x, y } = cal;
  const m = x.length;
  if (m === 0 || Number.isNaN(p)) return p;
  if (p <= (x[0] as number)) return y[0] as number;
  if (p >= (x[m - 1] as number)) return y[m - 1] as number;
  // Largest k with x[k] ≤ p.
  let lo = 0;
  let hi = m - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if ((x[mid] as number) <= p) lo = mid;
    else hi = mid;
  }
  const x0 = x[lo] as number;
  const x1 = x[hi] as number;
  const y0 = y[lo] as number;
  const y1 = y[hi] as number;
  return y0 + ((y1 - y0) * (p - x0)) / (x1 - x0);
}
