// Best split of one node from its histogram: numeric features scan bin thresholds with missing
// values tried on both sides; categorical features use one-vs-rest (few categories) or the
// LightGBM-style scan over categories sorted by gradient/hessian ratio.

import type { BinnedMatrix } from "./binning.ts";
import { HIST_STRIDE } from "./histogram.ts";
import type { GbdtParams } from "./params.ts";

export interface SplitCandidate {
  feature: number;
  gain: number;
  categorical: boolean;
  /** Numeric: value bins ≤ thresholdBin go left. */
  thresholdBin: number;
  /** Categorical: leftBins[b] = 1 when bin b (including the missing bin) goes left. */
  leftBins: Uint8Array | null;
  missingLeft: boolean;
  gl: number;
  hl: number;
  cl: number;
  gr: number;
  hr: number;
  cr: number;
}

export interface NodeTotals {
  g: number;
  h: number;
  c: number;
}

/**
 * Monotone constraints (XGBoost's and LightGBM's "basic" method): a leaf's weight must stay in
 * [lo, hi], the bounds its ancestors' splits on constrained features set; a split on a feature
 * constrained +1 (−1) must give the lower (higher) values the lower weight. Then every tree, and
 * so their sum, never moves the wrong way when the feature grows.
 */
export interface Bounds {
  lo: number;
  hi: number;
}

export const UNBOUNDED: Bounds = { lo: Number.NEGATIVE_INFINITY, hi: Number.POSITIVE_INFINITY };

/** The Newton weight of a node, kept within its bounds (before the learning rate). */
export function boundedWeight(g: number, h: number, lambda: number, b: Bounds): number {
  const w = -g / Math.max(h + lambda, 1e-12);
  return w < b.lo ? b.lo : Math.min(w, b.hi);
}

/** The loss reduction a weight gives (equal to score() at the unbounded optimum). */
function gainAt(g: number, h: number, lambda: number, w: number): number {
  return -(2 * g * w + (h + lambda) * w * w);
}

/** Half the loss reduction of the Newton step (XGBoost's split gain without γ). */
function score(g: number, h: number, lambda: number): number {
  return (g * g) / (h + lambda);
}

function splitNumeric(
  hist: Float64Array,
  base: number,
  nBins: number,
  feature: number,
  t: NodeTotals,
  p: GbdtParams,
  best: SplitCandidate | null,
  mono: number,
  bounds: Bounds,
): SplitCandidate | null {
  const lambda = p.lambda;
  const minC = p.minSamplesLeaf;
  const minH = p.minHessianLeaf;
  const constrained = mono !== 0 || bounds.lo > Number.NEGATIVE_INFINITY || bounds.hi < Infinity;
  const parentScore = constrained
    ? gainAt(t.g, t.h, lambda, boundedWeight(t.g, t.h, lambda, bounds))
    : score(t.g, t.h, lambda);
  const m = base + nBins * HIST_STRIDE;
  const gm = hist[m] as number;
  const hm = hist[m + 1] as number;
  const cm = hist[m + 2] as number;
  let bestGain = best === null ? p.minSplitGain : Math.max(best.gain, p.minSplitGain);
  let found = false;
  let bestT = 0;
  let bestMissingLeft = false;
  let bgl = 0;
  let bhl = 0;
  let bcl = 0;
  const consider = (gl: number, hl: number, cl: number, thr: number, missingLeft: boolean) => {
    const cr = t.c - cl;
    const hr = t.h - hl;
    if (cl < minC || cr < minC || hl < minH || hr < minH) return;
    let gain: number;
    if (!constrained) {
      gain = 0.5 * (score(gl, hl, lambda) + score(t.g - gl, hr, lambda) - parentScore);
    } else {
      const wl = boundedWeight(gl, hl, lambda, bounds);
      const wr = boundedWeight(t.g - gl, hr, lambda, bounds);
      // Values ≤ threshold go left: +1 wants wl ≤ wr, −1 wants wl ≥ wr. The split that sends
      // every value left and only missing ones right orders nothing, so it is free.
      if (thr < nBins - 1 && ((mono > 0 && wl > wr) || (mono < 0 && wl < wr))) return;
      gain = 0.5 * (gainAt(gl, hl, lambda, wl) + gainAt(t.g - gl, hr, lambda, wr) - parentScore);
    }
    if (gain > bestGain) {
      bestGain = gain;
      found = true;
      bestT = thr;
      bestMissingLeft = missingLeft;
      bgl = gl;
      bhl = hl;
      bcl = cl;
    }
  };
  let gl = 0;
  let hl = 0;
  let cl = 0;
  for (let b = 0; b < nBins - 1; b++) {
    const q = base + b * HIST_STRIDE;
    const c = hist[q + 2] as number;
    if (c === 0) continue;
    gl += hist[q] as number;
    hl += hist[q + 1] as number;
    cl += c;
    if (t.c - cl - cm < 1) break; // nothing but missing values left on the right
    consider(gl, hl, cl, b, false);
    if (cm > 0) consider(gl + gm, hl + hm, cl + cm, b, true);
  }
  // Every value left, missing right: a "was it recorded at all?" split.
  if (cm > 0 && t.c - cm >= 1) consider(t.g - gm, t.h - hm, t.c - cm, nBins - 1, false);
  if (!found) return best;
  return {
    feature,
    gain: bestGain,
    categorical: false,
    thresholdBin: bestT,
    leftBins: null,
    // With no missing values in this node, send future ones the way most rows went.
    missingLeft: cm > 0 ? bestMissingLeft : bhl >= t.h - bhl,
    gl: bgl,
    hl: bhl,
    cl: bcl,
    gr: t.g - bgl,
    hr: t.h - bhl,
    cr: t.c - bcl,
  };
}

function splitCategorical(
  hist: Float64Array,
  base: number,
  nBins: number,
  feature: number,
  t: NodeTotals,
  p: GbdtParams,
  best: SplitCandidate | null,
): SplitCandidate | null {
  const used: number[] = [];
  for (let b = 0; b <= nBins; b++)
    if ((hist[base + b * HIST_STRIDE + 2] as number) > 0) used.push(b);
  if (used.length < 2) return best;
  const lambda = p.lambda + p.catL2;
  const minC = p.minSamplesLeaf;
  const minH = p.minHessianLeaf;
  const parentScore = score(t.g, t.h, lambda);
  let bestGain = best === null ? p.minSplitGain : Math.max(best.gain, p.minSplitGain);
  let bestSet: number[] | null = null;
  let bgl = 0;
  let bhl = 0;
  let bcl = 0;
  const consider = (gl: number, hl: number, cl: number, set: () => number[]) => {
    const cr = t.c - cl;
    const hr = t.h - hl;
    if (cl < minC || cr < minC || hl < minH || hr < minH) return;
    const gain = 0.5 * (score(gl, hl, lambda) + score(t.g - gl, hr, lambda) - parentScore);
    if (gain > bestGain) {
      bestGain = gain;
      bestSet = set();
      bgl = gl;
      bhl = hl;
      bcl = cl;
    }
  };
  const g = (b: number) => hist[base + b * HIST_STRIDE] as number;
  const h = (b: number) => hist[base + b * HIST_STRIDE + 1] as number;
  const c = (b: number) => hist[base + b * HIST_STRIDE + 2] as number;
  if (used.length <= p.maxCatOneHot) {
    for (const b of used) consider(g(b), h(b), c(b), () => [b]);
  } else {
    // Sorting categories by mean gradient makes the best binary partition (nearly) a prefix of
    // the order (Fisher 1958); smoothing keeps rare categories from jumping to the ends.
    const cand = used.filter((b) => c(b) >= p.minDataPerCategory);
    const ratio = (b: number) => g(b) / (h(b) + p.catSmooth);
    cand.sort((a, b) => ratio(a) - ratio(b) || a - b);
    const maxK = Math.min(p.maxCatThreshold, Math.floor((cand.length + 1) / 2));
    for (const order of [cand, [...cand].reverse()]) {
      let gl = 0;
      let hl = 0;
      let cl = 0;
      for (let k = 0; k < maxK && k < order.length - 1; k++) {
        const b = order[k] as number;
        gl += g(b);
        hl += h(b);
        cl += c(b);
        consider(gl, hl, cl, () => order.slice(0, k + 1));
      }
    }
  }
  const set = bestSet as number[] | null;
  if (set === null) return best;
  const leftBins = new Uint8Array(nBins + 1);
  for (const b of set) leftBins[b] = 1;
  return {
    feature,
    gain: bestGain,
    categorical: true,
    thresholdBin: -1,
    leftBins,
    missingLeft: leftBins[nBins] === 1,
    gl: bgl,
    hl: bhl,
    cl: bcl,
    gr: t.g - bgl,
    hr: t.h - bhl,
    cr: t.c - bcl,
  };
}

/**
 * The best split over the sampled features, or null when none beats minSplitGain. `monotone[f]`
 * (−1, 0, +1) constrains numeric feature f; `bounds` are the node's weight bounds.
 */
export function findBestSplit(
  hist: Float64Array,
  data: BinnedMatrix,
  features: Int32Array,
  totals: NodeTotals,
  params: GbdtParams,
  monotone: Int8Array | null = null,
  bounds: Bounds = UNBOUNDED,
): SplitCandidate | null {
  let best: SplitCandidate | null = null;
  for (let k = 0; k < features.length; k++) {
    const f = features[k] as number;
    const binning = data.features[f];
    if (binning === undefined) continue;
    const base = (data.offsets[f] as number) * HIST_STRIDE;
    best =
      binning.kind === "numeric"
        ? splitNumeric(
            hist,
            base,
            binning.nBins,
            f,
            totals,
            params,
            best,
            monotone?.[f] ?? 0,
            bounds,
          )
        : splitCategorical(hist, base, binning.nBins, f, totals, params, best);
  }
  return best;
}
