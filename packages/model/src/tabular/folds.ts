// Stratified resampling: folds and splits that keep the positive rate of every part close to
// the whole, assigned by a seeded shuffle.

import { createRng, shuffleInPlace } from "../random.ts";

function classIndices(labels: ArrayLike<number>, subset?: ArrayLike<number>): [number[], number[]] {
  const pos: number[] = [];
  const neg: number[] = [];
  const n = subset ? subset.length : labels.length;
  for (let k = 0; k < n; k++) {
    const i = subset ? (subset[k] as number) : k;
    ((labels[i] as number) > 0.5 ? pos : neg).push(i);
  }
  return [pos, neg];
}

/** Fold number (0..k−1) of every row; each class is dealt round-robin after a seeded shuffle. */
export function stratifiedFolds(labels: ArrayLike<number>, k: number, seed: number): Int32Array {
  if (!Number.isInteger(k) || k < 2) throw new RangeError("need at least 2 folds");
  const rng = createRng(seed);
  const fold = new Int32Array(labels.length);
  let next = 0;
  for (const cls of classIndices(labels)) {
    shuffleInPlace(cls, rng);
    // Continue the deal where the previous class stopped so fold sizes stay within one.
    for (const i of cls) {
      fold[i] = next;
      next = (next + 1) % k;
    }
  }
  return fold;
}

/**
 * Splits `indices` into two stratified parts, the second holding about `fraction` of each class.
 * Both parts come back in ascending index order.
 */
export function stratifiedSplit(
  labels: ArrayLike<number>,
  indices: ArrayLike<number>,
  fraction: number,
  seed: number,
): { first: number[]; second: number[] } {
  const rng = createRng(seed);
  const first: number[] = [];
  const second: number[] = [];
  for (const cls of classIndices(labels, indices)) {
    shuffleInPlace(cls, rng);
    const m = Math.round(cls.length * fraction);
    second.push(...cls.slice(0, m));
    first.push(...cls.slice(m));
  }
  first.sort((a, b) => a - b);
  second.sort((a, b) => a - b);
  return { first, second };
}
