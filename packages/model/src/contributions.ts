// Why a prediction moved from x0 to x1: exact Shapley values of the change, split among the
// features that changed ("baseline Shapley" with x0 as the only background point).
//
// - treeChangeShapley: per tree, the hybrid points z_S (features in S taken from x1, the others
//   from x0) reach a leaf iff the features whose split sends x1 one way and x0 the other are
//   chosen consistently: A (x1's side) ⊆ S and B (x0's side) ∩ S = ∅. The Shapley value of that
//   indicator game is (|A|−1)!|B|!/(|A|+|B|)! for each feature of A and −|A|!(|B|−1)!/(|A|+|B|)!
//   for each of B (the interventional TreeSHAP identity), so one walk of the leaves both paths
//   can reach gives exact log-odds values; they sum to raw(x1) − raw(x0).
// - shapleyChange: the same game on any function (e.g. a calibrated probability with certainty
//   overrides) by enumerating the 2^m coalitions of m players (groups of features); exact, and
//   meant for a handful of players (the features treeChangeShapley found involved).
// Both are exact-summing; for a function monotone in a feature, that feature's value has the
// sign of its change (every marginal contribution does).

import { childOf } from "./gbdt/predict.ts";
import type { GbdtModel, Tree } from "./gbdt/types.ts";
import type { Model } from "./model.ts";

/** Whether two feature values differ (NaN, a missing value, equals NaN). */
export function changed(a: number, b: number): boolean {
  return a !== b && !(Number.isNaN(a) && Number.isNaN(b));
}

const factorials = [1];
function fact(n: number): number {
  for (let i = factorials.length; i <= n; i++) factorials.push(factorials[i - 1]! * i);
  return factorials[n]!;
}

/**
 * Exact Shapley values (log-odds, indexed like the features) of raw(x1) − raw(x0) for a tree
 * model; a linear model's are w_j·(x1_j − x0_j)/scale_j. Zero for features that did not change
 * or that no split between the two paths tests.
 */
export function changeShapley(model: Model, x0: ArrayLike<number>, x1: ArrayLike<number>) {
  if (model.kind === "gbdt") return treeChangeShapley(model, x0, x1);
  const out = new Float64Array(model.weights.length);
  for (let j = 0; j < out.length; j++) {
    const a = x0[j]!;
    const b = x1[j]!;
    // A missing value adds nothing to the linear score (explain.ts), so it counts as the mean.
    const va = Number.isNaN(a) ? model.mean[j]! : a;
    const vb = Number.isNaN(b) ? model.mean[j]! : b;
    out[j] = (model.weights[j]! * (vb - va)) / model.scale[j]!;
  }
  return out;
}

export function treeChangeShapley(
  model: GbdtModel,
  x0: ArrayLike<number>,
  x1: ArrayLike<number>,
): Float64Array {
  const out = new Float64Array(model.featureNames.length);
  const a: number[] = [];
  const b: number[] = [];
  for (const tree of model.trees) walk(tree, 0, x0, x1, a, b, out);
  return out;
}

function walk(
  tree: Tree,
  n: number,
  x0: ArrayLike<number>,
  x1: ArrayLike<number>,
  a: number[],
  b: number[],
  out: Float64Array,
): void {
  const f = tree.feature[n]!;
  if (f < 0) {
    const na = a.length;
    const nb = b.length;
    if (na + nb === 0) return;
    const v = tree.value[n]!;
    const whole = fact(na + nb);
    if (na > 0) {
      const wa = (v * fact(na - 1) * fact(nb)) / whole;
      for (const j of a) out[j] = out[j]! + wa;
    }
    if (nb > 0) {
      const wb = (v * fact(na) * fact(nb - 1)) / whole;
      for (const j of b) out[j] = out[j]! - wb;
    }
    return;
  }
  const c0 = childOf(tree, n, x0);
  const c1 = childOf(tree, n, x1);
  // Both go the same way, or the feature's side is already chosen higher up: one child.
  const only = c0 === c1 ? c0 : a.includes(f) ? c1 : b.includes(f) ? c0 : -1;
  if (only >= 0) {
    walk(tree, only, x0, x1, a, b, out);
    return;
  }
  a.push(f);
  walk(tree, c1, x0, x1, a, b, out);
  a.pop();
  b.push(f);
  walk(tree, c0, x0, x1, a, b, out);
  b.pop();
}

/**
 * Exact Shapley values of f(x1) − f(x0) among `players`, each a group of feature indices that
 * move together from x0 to x1 (features in no group stay at x0's values; give every changed
 * feature a group for the values to sum to the whole change). 2^players evaluations of f.
 */
export function shapleyChange(
  f: (x: Float64Array) => number,
  x0: ArrayLike<number>,
  x1: ArrayLike<number>,
  players: readonly (readonly number[])[],
): number[] {
  const m = players.length;
  if (m > 16) throw new RangeError(`shapleyChange: ${m} players (at most 16)`);
  const z = Float64Array.from(x0);
  const v = new Float64Array(1 << m);
  for (let mask = 0; mask < 1 << m; mask++) {
    for (let i = 0; i < m; i++) {
      const from = mask & (1 << i) ? x1 : x0;
      for (const j of players[i]!) z[j] = from[j]!;
    }
    v[mask] = f(z);
  }
  const out = new Array<number>(m).fill(0);
  for (let i = 0; i < m; i++) {
    const bit = 1 << i;
    for (let mask = 0; mask < 1 << m; mask++) {
      if (mask & bit) continue;
      const s = popcount(mask);
      const w = (fact(s) * fact(m - s - 1)) / fact(m);
      out[i] = out[i]! + w * (v[mask | bit]! - v[mask]!);
    }
  }
  return out;
}

function popcount(x: number): number {
  let c = 0;
  for (let y = x; y; y &= y - 1) c++;
  return c;
}
