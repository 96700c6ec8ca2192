// Gradient histograms: for each (feature, bin) the sums of gradient, hessian and row count over
// the rows of one node. Interleaved [g, h, count] per bin keeps one bin's sums in one cache line.

import type { BinnedMatrix } from "./binning.ts";

/** Slots per bin: gradient sum, hessian sum, row count. */
export const HIST_STRIDE = 3;

export function histogramSize(data: BinnedMatrix): number {
  return data.totalBins * HIST_STRIDE;
}

/**
 * Fills `hist` for the sampled features from rows[start..end). Other features are left stale.
 * The node's gradients are first gathered into contiguous "ordered" arrays (as LightGBM does), so
 * the per-feature loops read them sequentially; `ordered` must hold 2·(end − start) slots.
 */
export function buildHistogram(
  hist: Float64Array,
  data: BinnedMatrix,
  features: Int32Array,
  rows: Uint32Array,
  start: number,
  end: number,
  grad: Float64Array,
  hess: Float64Array,
  ordered: Float64Array,
): void {
  const { bins, nRows, offsets, features: binning } = data;
  const m = end - start;
  for (let r = 0; r < m; r++) {
    const i = rows[start + r] as number;
    ordered[2 * r] = grad[i] as number;
    ordered[2 * r + 1] = hess[i] as number;
  }
  for (let k = 0; k < features.length; k++) {
    const f = features[k] as number;
    const from = (offsets[f] as number) * HIST_STRIDE;
    hist.fill(0, from, from + ((binning[f] as { nBins: number }).nBins + 1) * HIST_STRIDE);
  }
  // Two features per pass over the rows: the row id and gradient loads are shared.
  let k = 0;
  for (; k + 1 < features.length; k += 2) {
    const f1 = features[k] as number;
    const f2 = features[k + 1] as number;
    const from1 = (offsets[f1] as number) * HIST_STRIDE;
    const from2 = (offsets[f2] as number) * HIST_STRIDE;
    const col1 = f1 * nRows;
    const col2 = f2 * nRows;
    for (let r = 0; r < m; r++) {
      const i = rows[start + r] as number;
      const g = ordered[2 * r] as number;
      const h = ordered[2 * r + 1] as number;
      const p = from1 + (bins[col1 + i] as number) * HIST_STRIDE;
      hist[p] = (hist[p] as number) + g;
      hist[p + 1] = (hist[p + 1] as number) + h;
      hist[p + 2] = (hist[p + 2] as number) + 1;
      const q = from2 + (bins[col2 + i] as number) * HIST_STRIDE;
      hist[q] = (hist[q] as number) + g;
      hist[q + 1] = (hist[q + 1] as number) + h;
      hist[q + 2] = (hist[q + 2] as number) + 1;
    }
  }
  if (k < features.length) {
    const f = features[k] as number;
    const from = (offsets[f] as number) * HIST_STRIDE;
    const col = f * nRows;
    for (let r = 0; r < m; r++) {
      const p = from + (bins[col + (rows[start + r] as number)] as number) * HIST_STRIDE;
      hist[p] = (hist[p] as number) + (ordered[2 * r] as number);
      hist[p + 1] = (hist[p + 1] as number) + (ordered[2 * r + 1] as number);
      hist[p + 2] = (hist[p + 2] as number) + 1;
    }
  }
}

/**
 * The histogram subtraction trick: a node's histogram minus one child's is the other child's, so
 * only the smaller child is ever built from rows. Writes parent − child into `parent`.
 */
export function subtractHistogram(
  parent: Float64Array,
  child: Float64Array,
  data: BinnedMatrix,
  features: Int32Array,
): void {
  for (let k = 0; k < features.length; k++) {
    const f = features[k] as number;
    const from = (data.offsets[f] as number) * HIST_STRIDE;
    const to = from + ((data.features[f] as { nBins: number }).nBins + 1) * HIST_STRIDE;
    for (let p = from; p < to; p++) parent[p] = (parent[p] as number) - (child[p] as number);
  }
}
