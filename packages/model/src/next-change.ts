// How far some features can grow before a model's output may change: what lets the engine
// schedule a session's next re-scoring instead of re-scoring every live session on every tick.

import type { GbdtModel } from "./gbdt/types.ts";
import type { Model } from "./model.ts";

/** Sorted distinct numeric split thresholds per feature, cached per trees array. */
const thresholdCache = new WeakMap<GbdtModel["trees"], Map<number, Float64Array>>();

/** The model's numeric split thresholds on `feature`, ascending and distinct. */
export function splitThresholds(model: GbdtModel, feature: number): Float64Array {
  let byFeature = thresholdCache.get(model.trees);
  if (!byFeature) {
    byFeature = new Map();
    thresholdCache.set(model.trees, byFeature);
  }
  let out = byFeature.get(feature);
  if (!out) {
    const set = new Set<number>();
    for (const t of model.trees) {
      for (let n = 0; n < t.feature.length; n++) {
        // Categorical nodes (catWords > 0) test set membership, not a threshold.
        if (t.feature[n] === feature && t.catWords[n] === 0) set.add(t.threshold[n] as number);
      }
    }
    out = Float64Array.from([...set].filter((v) => !Number.isNaN(v))).sort();
    byFeature.set(feature, out);
  }
  return out;
}

/** The smallest value of the ascending `sorted` that is ≥ x; Infinity when none. */
export function thresholdAtOrAbove(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo < sorted.length ? (sorted[lo] as number) : Number.POSITIVE_INFINITY;
}

/**
 * How much the features `features` of row x can all grow (together, by the same amount) before
 * the model's output may change, every other feature held: the distance to the nearest split
 * threshold at or above the current value for trees (a node sends x ≤ threshold left, so the
 * output changes just past it), 0 for a logistic model that weighs any of them (continuous),
 * Infinity when nothing can change. A missing (NaN) value stays missing, so never changes.
 */
export function nextChangeAlong(
  model: Model,
  x: ArrayLike<number>,
  features: readonly number[],
): number {
  let d = Number.POSITIVE_INFINITY;
  for (const f of features) {
    const v = x[f] as number;
    if (v == null || Number.isNaN(v)) continue;
    if (model.kind === "logistic") {
      if ((model.weights[f] ?? 0) !== 0) return 0;
      continue;
    }
    const thr = thresholdAtOrAbove(splitThresholds(model, f), v);
    if (thr - v < d) d = thr - v;
  }
  return d;
}
