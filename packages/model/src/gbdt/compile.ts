// Converts a tree grown in bin space into the raw-value `Tree` used for prediction, and walks
// the bin-space form for the training rows.

import type { BinnedMatrix } from "./binning.ts";
import type { Tree } from "./types.ts";

/** Node arrays as grown by the tree builder (bin space). */
export interface RawNodes {
  feature: number[];
  thresholdBin: number[];
  leftBins: (Uint8Array | null)[];
  missingLeft: number[];
  left: number[];
  right: number[];
  value: number[];
  count: number[];
  gain: number[];
}

/** Bin thresholds become raw-value thresholds; categorical bin sets become category bitsets. */
export function compileTree(data: BinnedMatrix, nodes: RawNodes): Tree {
  const n = nodes.feature.length;
  const threshold = new Float64Array(n);
  const catStart = new Int32Array(n);
  const catWords = new Int32Array(n);
  const bits: number[] = [];
  for (let k = 0; k < n; k++) {
    const f = nodes.feature[k] as number;
    if (f < 0) continue;
    const binning = data.features[f];
    const lb = nodes.leftBins[k];
    if (binning?.kind === "categorical" && lb) {
      let maxCat = 0;
      for (let b = 0; b < binning.nBins; b++) {
        if (lb[b] === 1)
          for (const c of binning.binCategories[b] ?? []) maxCat = Math.max(maxCat, c);
      }
      const words = (maxCat >>> 5) + 1;
      catStart[k] = bits.length;
      catWords[k] = words;
      const start = bits.length;
      for (let w = 0; w < words; w++) bits.push(0);
      for (let b = 0; b < binning.nBins; b++) {
        if (lb[b] !== 1) continue;
        for (const c of binning.binCategories[b] ?? []) {
          const w = start + (c >>> 5);
          bits[w] = ((bits[w] as number) | (1 << (c & 31))) >>> 0;
        }
      }
    } else if (binning?.kind === "numeric") {
      threshold[k] = binning.upper[nodes.thresholdBin[k] as number] as number;
    }
  }
  return {
    feature: Int32Array.from(nodes.feature),
    threshold,
    left: Int32Array.from(nodes.left),
    right: Int32Array.from(nodes.right),
    missingLeft: Uint8Array.from(nodes.missingLeft),
    catStart,
    catWords,
    catBits: Uint32Array.from(bits),
    value: Float64Array.from(nodes.value),
    count: Int32Array.from(nodes.count),
    gain: Float64Array.from(nodes.gain),
  };
}

/** The bin-space decisions of a built tree, next to its compiled form. */
export interface BinTree {
  tree: Tree;
  /** Numeric nodes: threshold bin; −1 for categorical nodes and leaves. */
  thresholdBin: Int32Array;
  /** Categorical nodes: left-going bins (index nBins = missing); null otherwise. */
  leftBins: (Uint8Array | null)[];
}

/** Leaf value for binned training row i, walking the tree in bin space. */
export function predictBinnedRow(built: BinTree, data: BinnedMatrix, i: number): number {
  const { feature, left, right, missingLeft, value } = built.tree;
  let n = 0;
  for (;;) {
    const f = feature[n] as number;
    if (f < 0) return value[n] as number;
    const bin = data.bins[f * data.nRows + i] as number;
    const lb = built.leftBins[n];
    let goLeft: boolean;
    if (lb) goLeft = lb[bin] === 1;
    else if (bin === (data.features[f] as { nBins: number }).nBins) goLeft = missingLeft[n] === 1;
    else goLeft = bin <= (built.thresholdBin[n] as number);
    n = goLeft ? (left[n] as number) : (right[n] as number);
  }
}
