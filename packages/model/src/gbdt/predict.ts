// Inference on the compiled trees: no allocation per call, one pass down each tree.

import { applyCalibrator } from "../calibration/apply.ts";
import type { GbdtModel, Tree } from "./types.ts";

/**
 * All trees of a model concatenated into one set of arrays (child ids and category-bit offsets
 * made absolute), so prediction walks a few typed arrays instead of one object per tree.
 */
export interface PackedForest {
  roots: Int32Array;
  feature: Int32Array;
  threshold: Float64Array;
  left: Int32Array;
  right: Int32Array;
  missingLeft: Uint8Array;
  catStart: Int32Array;
  catWords: Int32Array;
  catBits: Uint32Array;
  value: Float64Array;
}

export function packForest(trees: readonly Tree[]): PackedForest {
  let nodes = 0;
  let words = 0;
  for (const t of trees) {
    nodes += t.feature.length;
    words += t.catBits.length;
  }
  const p: PackedForest = {
    roots: new Int32Array(trees.length),
    feature: new Int32Array(nodes),
    threshold: new Float64Array(nodes),
    left: new Int32Array(nodes),
    right: new Int32Array(nodes),
    missingLeft: new Uint8Array(nodes),
    catStart: new Int32Array(nodes),
    catWords: new Int32Array(nodes),
    catBits: new Uint32Array(words),
    value: new Float64Array(nodes),
  };
  let off = 0;
  let wordOff = 0;
  trees.forEach((t, k) => {
    p.roots[k] = off;
    p.feature.set(t.feature, off);
    p.threshold.set(t.threshold, off);
    p.missingLeft.set(t.missingLeft, off);
    p.catWords.set(t.catWords, off);
    p.value.set(t.value, off);
    p.catBits.set(t.catBits, wordOff);
    for (let n = 0; n < t.feature.length; n++) {
      p.left[off + n] = (t.left[n] as number) + off;
      p.right[off + n] = (t.right[n] as number) + off;
      p.catStart[off + n] = (t.catStart[n] as number) + wordOff;
      // Categorical nodes get a NaN threshold so the numeric comparison fails fast for them.
      if ((t.catWords[n] as number) > 0) p.threshold[off + n] = Number.NaN;
    }
    off += t.feature.length;
    wordOff += t.catBits.length;
  });
  return p;
}

// Packed forms are derived data, cached per trees array (models treat their trees as immutable;
// withCalibration copies share the array and so share the cache entry).
const packedCache = new WeakMap<readonly Tree[], PackedForest>();

function packedOf(model: GbdtModel): PackedForest {
  let p = packedCache.get(model.trees);
  if (p === undefined) {
    p = packForest(model.trees);
    packedCache.set(model.trees, p);
  }
  return p;
}

function inBitset(bits: Uint32Array, start: number, words: number, v: number): boolean {
  if (!Number.isInteger(v) || v < 0 || v >= words * 32) return false;
  return (((bits[start + (v >>> 5)] as number) >>> (v & 31)) & 1) === 1;
}

/** The child of inner node n of `tree` that row x follows. */
export function childOf(tree: Tree, n: number, x: ArrayLike<number>): number {
  const v = x[tree.feature[n] as number];
  let goLeft: boolean;
  // `v == null` also catches an absent column (and null from JSON-encoded rows).
  if (v == null || Number.isNaN(v)) goLeft = tree.missingLeft[n] === 1;
  else {
    const words = tree.catWords[n] as number;
    goLeft =
      words === 0
        ? v <= (tree.threshold[n] as number)
        : inBitset(tree.catBits, tree.catStart[n] as number, words, v);
  }
  return goLeft ? (tree.left[n] as number) : (tree.right[n] as number);
}

/** Leaf node id that row x reaches in the tree. */
export function treeLeaf(tree: Tree, x: ArrayLike<number>): number {
  let n = 0;
  while ((tree.feature[n] as number) >= 0) n = childOf(tree, n, x);
  return n;
}

/** Output of one tree for row x. */
export function predictTree(tree: Tree, x: ArrayLike<number>): number {
  return tree.value[treeLeaf(tree, x)] as number;
}

/** Raw score (log-odds) of the ensemble: base score plus every tree's leaf value. */
export function predictGbdtRaw(model: GbdtModel, x: ArrayLike<number>): number {
  const {
    roots,
    feature,
    threshold,
    left,
    right,
    missingLeft,
    catStart,
    catWords,
    catBits,
    value,
  } = packedOf(model);
  let s = model.baseScore;
  for (let t = 0; t < roots.length; t++) {
    // Same decisions as childOf, inlined: this loop is the hot path.
    let n = roots[t] as number;
    let f = feature[n] as number;
    while (f >= 0) {
      const v = x[f];
      if (v == null || Number.isNaN(v))
        n = missingLeft[n] === 1 ? (left[n] as number) : (right[n] as number);
      else {
        const thr = threshold[n] as number;
        if (v <= thr) n = left[n] as number;
        // A NaN threshold marks a categorical node (see packForest).
        else if (!Number.isNaN(thr)) n = right[n] as number;
        else {
          const inSet = inBitset(catBits, catStart[n] as number, catWords[n] as number, v);
          n = inSet ? (left[n] as number) : (right[n] as number);
        }
      }
      f = feature[n] as number;
    }
    s += value[n] as number;
  }
  return s;
}

export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/** Probability of the positive class, calibrated when the model carries a calibrator. */
export function predictGbdtProba(model: GbdtModel, x: ArrayLike<number>): number {
  const raw = predictGbdtRaw(model, x);
  return model.calibration === null ? sigmoid(raw) : applyCalibrator(model.calibration, raw);
}
