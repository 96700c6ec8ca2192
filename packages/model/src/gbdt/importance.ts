import type { GbdtModel } from "./types.ts";

export interface FeatureImportance {
  feature: string;
  index: number;
  /** Total loss reduction of the feature's splits. */
  gain: number;
  /** Number of splits on the feature. */
  splits: number;
}

/** Gain and split-count importance, sorted by gain (largest first). */
export function featureImportance(model: GbdtModel): FeatureImportance[] {
  const out = model.featureNames.map((feature, index) => ({ feature, index, gain: 0, splits: 0 }));
  for (const tree of model.trees) {
    for (let n = 0; n < tree.feature.length; n++) {
      const entry = out[tree.feature[n] as number];
      if (entry === undefined) continue;
      entry.gain += tree.gain[n] as number;
      entry.splits++;
    }
  }
  return out.sort((a, b) => b.gain - a.gain || a.index - b.index);
}
