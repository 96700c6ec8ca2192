// Per-prediction explanations by tree path attribution (Saabas): walking a row down a tree,
// each split moves the node value from parent to child, and that change is credited to the
// split's feature. Bias + Σ contributions equals the raw score (log-odds) exactly up to rounding.

import type { LogisticModel } from "../linear/logistic.ts";
import type { Model } from "../model.ts";
import { childOf } from "./predict.ts";
import type { GbdtModel, Tree } from "./types.ts";

export interface FeatureContribution {
  feature: string;
  index: number;
  /** Change in log-odds attributed to the feature (positive pushes towards the positive class). */
  contribution: number;
}

export interface Contributions {
  /** The part of the raw score not attributed to any feature (base score + root values). */
  bias: number;
  /** Per-feature contribution in log-odds, indexed like the model's features. */
  values: Float64Array;
}

function gbdtContributions(model: GbdtModel, x: ArrayLike<number>): Contributions {
  const values = new Float64Array(model.featureNames.length);
  let bias = model.baseScore;
  for (const tree of model.trees) {
    bias += tree.value[0] as number;
    addPath(tree, x, values);
  }
  return { bias, values };
}

function addPath(tree: Tree, x: ArrayLike<number>, values: Float64Array): void {
  let n = 0;
  while ((tree.feature[n] as number) >= 0) {
    const f = tree.feature[n] as number;
    const child = childOf(tree, n, x);
    values[f] = (values[f] as number) + (tree.value[child] as number) - (tree.value[n] as number);
    n = child;
  }
}

function logisticContributions(model: LogisticModel, x: ArrayLike<number>): Contributions {
  const values = new Float64Array(model.weights.length);
  for (let j = 0; j < values.length; j++) {
    const v = x[j];
    if (v == null || Number.isNaN(v)) continue;
    values[j] =
      ((model.weights[j] as number) * (v - (model.mean[j] as number))) / (model.scale[j] as number);
  }
  return { bias: model.intercept, values };
}

/** Raw-score decomposition of one prediction. */
export function contributions(model: Model, x: ArrayLike<number>): Contributions {
  return model.kind === "gbdt" ? gbdtContributions(model, x) : logisticContributions(model, x);
}

/**
 * The features that moved this prediction most, sorted by |contribution| (largest first, ties by
 * feature order); features with zero contribution are left out.
 */
export function explain(
  model: Model,
  x: ArrayLike<number>,
  top = Number.POSITIVE_INFINITY,
): FeatureContribution[] {
  const { values } = contributions(model, x);
  const out: FeatureContribution[] = [];
  values.forEach((c, index) => {
    if (c !== 0)
      out.push({ feature: model.featureNames[index] ?? `f${index}`, index, contribution: c });
  });
  out.sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution) || a.index - b.index);
  return out.slice(0, top);
}
