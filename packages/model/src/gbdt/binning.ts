// Feature binning: every feature value becomes a small bin index so histograms can replace
// sorting. Numeric features get quantile bins, categorical features one bin per category.
// Bin `nBins` (one past the value bins) always holds missing values (NaN), so the direction of
// missing values can be learned per split like any other bin.

import type { Matrix } from "./types.ts";

/** Categorical feature values must be integer codes in [0, MAX_CATEGORY_CODE). */
export const MAX_CATEGORY_CODE = 1 << 16;

export interface NumericBinning {
  kind: "numeric";
  /** Number of value bins (the missing bin is index nBins). */
  nBins: number;
  /** Inclusive upper bound of each value bin; the last one is +∞. */
  upper: Float64Array;
}

export interface CategoricalBinning {
  kind: "categorical";
  nBins: number;
  /** Category codes held by each value bin (the last bin may pool rare categories). */
  binCategories: number[][];
  catToBin: Map<number, number>;
}

export type FeatureBinning = NumericBinning | CategoricalBinning;

/**
 * The training matrix in bin space, column-major (feature j of row i at j·nRows + i): histogram
 * building scans one feature over a node's rows, which are kept in ascending order.
 */
export interface BinnedMatrix {
  nRows: number;
  nFeatures: number;
  bins: Uint8Array;
  features: FeatureBinning[];
  /** Offset of each feature's first bin in a histogram; a feature has nBins + 1 slots. */
  offsets: Uint32Array;
  totalBins: number;
}

/** Values of one column as a Float64Array; absent entries become NaN. */
export function column(x: Matrix, j: number): Float64Array {
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const v = (x[i] as ArrayLike<number>)[j];
    out[i] = v === undefined || v === null ? Number.NaN : +v;
  }
  return out;
}

function midpoint(a: number, b: number): number {
  const m = a / 2 + b / 2;
  // Adjacent doubles can round the midpoint onto b; a itself is then the only safe boundary.
  return m > a && m < b ? m : a;
}

export function fitNumericBins(values: Float64Array, maxBins: number): NumericBinning {
  let m = 0;
  const sorted = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isNaN(v)) sorted[m++] = v;
  }
  const vals = sorted.subarray(0, m).sort();
  const distinct: number[] = [];
  const counts: number[] = [];
  for (let i = 0; i < m; i++) {
    const v = vals[i] as number;
    if (distinct.length > 0 && distinct[distinct.length - 1] === v) {
      counts[counts.length - 1] = (counts[counts.length - 1] as number) + 1;
    } else {
      distinct.push(v);
      counts.push(1);
    }
  }
  const upper: number[] = [];
  if (distinct.length <= maxBins) {
    for (let k = 0; k + 1 < distinct.length; k++) {
      upper.push(midpoint(distinct[k] as number, distinct[k + 1] as number));
    }
  } else {
    // Greedy quantiles, re-targeting after each bin so a heavy value (e.g. 80 % zeros) takes one
    // bin and the remaining bins still split the rest evenly.
    let remainingCount = m;
    let remainingBins = maxBins;
    let acc = 0;
    for (let k = 0; k < distinct.length; k++) {
      const c = counts[k] as number;
      const target = remainingCount / remainingBins;
      if (acc > 0 && c >= target && remainingBins > 1) {
        upper.push(midpoint(distinct[k - 1] as number, distinct[k] as number));
        remainingCount -= acc;
        remainingBins--;
        acc = 0;
      }
      acc += c;
      if (acc >= remainingCount / remainingBins && k + 1 < distinct.length && remainingBins > 1) {
        upper.push(midpoint(distinct[k] as number, distinct[k + 1] as number));
        remainingCount -= acc;
        remainingBins--;
        acc = 0;
      }
    }
  }
  upper.push(Number.POSITIVE_INFINITY);
  return { kind: "numeric", nBins: upper.length, upper: Float64Array.from(upper) };
}

export function isCategoryCode(v: number): boolean {
  return Number.isInteger(v) && v >= 0 && v < MAX_CATEGORY_CODE;
}

export function fitCategoricalBins(values: Float64Array, maxBins: number): CategoricalBinning {
  const counts = new Map<number, number>();
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (isCategoryCode(v)) counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  const cats = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map((e) => e[0]);
  const binCategories: number[][] = [];
  if (cats.length <= maxBins) {
    for (const c of cats) binCategories.push([c]);
  } else {
    for (let k = 0; k < maxBins - 1; k++) binCategories.push([cats[k] as number]);
    binCategories.push(cats.slice(maxBins - 1).sort((a, b) => a - b));
  }
  if (binCategories.length === 0) binCategories.push([]);
  const catToBin = new Map<number, number>();
  binCategories.forEach((list, b) => {
    for (const c of list) catToBin.set(c, b);
  });
  return { kind: "categorical", nBins: binCategories.length, binCategories, catToBin };
}

/** Bin index of a value; unknown categories and NaN go to the missing bin. */
export function binValue(f: FeatureBinning, v: number): number {
  if (Number.isNaN(v)) return f.nBins;
  if (f.kind === "categorical") return f.catToBin.get(v) ?? f.nBins;
  const upper = f.upper;
  let lo = 0;
  let hi = f.nBins - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (v <= (upper[mid] as number)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Fits bins for every feature and bins the matrix. */
export function binMatrix(
  x: Matrix,
  categorical: readonly boolean[],
  maxBins: number,
): BinnedMatrix {
  const nRows = x.length;
  const nFeatures = categorical.length;
  const bins = new Uint8Array(nRows * nFeatures);
  const features: FeatureBinning[] = [];
  const offsets = new Uint32Array(nFeatures);
  let totalBins = 0;
  for (let j = 0; j < nFeatures; j++) {
    const values = column(x, j);
    const f = categorical[j]
      ? fitCategoricalBins(values, maxBins)
      : fitNumericBins(values, maxBins);
    features.push(f);
    offsets[j] = totalBins;
    totalBins += f.nBins + 1;
    const base = j * nRows;
    for (let i = 0; i < nRows; i++) bins[base + i] = binValue(f, values[i] as number);
  }
  return { nRows, nFeatures, bins, features, offsets, totalBins };
}
