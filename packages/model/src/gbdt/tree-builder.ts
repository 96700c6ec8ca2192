// Grows one regression tree on gradient/hessian statistics in bin space, leaf-wise (best gain
// first) or depth-wise, then compiles it to the flat raw-value `Tree` used for prediction.

import type { BinnedMatrix } from "./binning.ts";
import { type BinTree, compileTree } from "./compile.ts";
import { buildHistogram, histogramSize, subtractHistogram } from "./histogram.ts";
import type { GbdtParams } from "./params.ts";
import {
  type Bounds,
  boundedWeight,
  findBestSplit,
  type NodeTotals,
  type SplitCandidate,
  UNBOUNDED,
} from "./split.ts";

/** Smallest hessian denominator, so a pure node cannot produce an infinite leaf. */
const MIN_DENOMINATOR = 1e-12;

/** Per-training scratch shared by all trees (allocated once). */
export interface BuilderContext {
  data: BinnedMatrix;
  params: GbdtParams;
  grad: Float64Array;
  hess: Float64Array;
  /** Row ids; [0, nSampled) are this tree's rows and are permuted in place. */
  rows: Uint32Array;
  scratch: Uint32Array;
  /** Gathered gradient/hessian pairs of the node being histogrammed (2 · rows slots). */
  ordered: Float64Array;
  histPool: Float64Array[];
  /** Monotone constraint per feature (−1, 0, +1), or null for none. */
  monotone: Int8Array | null;
}

interface Leaf {
  node: number;
  start: number;
  end: number;
  depth: number;
  totals: NodeTotals;
  hist: Float64Array | null;
  split: SplitCandidate | null;
  bounds: Bounds;
}

function takeHist(ctx: BuilderContext): Float64Array {
  return ctx.histPool.pop() ?? new Float64Array(histogramSize(ctx.data));
}

function leafValue(t: NodeTotals, p: GbdtParams, b: Bounds): number {
  const v =
    b === UNBOUNDED
      ? (-t.g / Math.max(t.h + p.lambda, MIN_DENOMINATOR)) * p.learningRate
      : boundedWeight(t.g, t.h, p.lambda, b) * p.learningRate;
  return v === 0 ? 0 : v; // normalise −0 so JSON round-trips are exact
}

/**
 * The children's weight bounds after `split`: on a constrained feature, the midpoint of the
 * two weights separates them (left below for +1, above for −1); otherwise they inherit.
 */
function childBounds(
  split: SplitCandidate,
  parent: Bounds,
  monotone: Int8Array | null,
  p: GbdtParams,
  nBins: number,
): [Bounds, Bounds] {
  const mono = split.categorical ? 0 : (monotone?.[split.feature] ?? 0);
  if (mono === 0 || split.thresholdBin >= nBins - 1) return [parent, parent];
  const wl = boundedWeight(split.gl, split.hl, p.lambda, parent);
  const wr = boundedWeight(split.gr, split.hr, p.lambda, parent);
  const mid = (wl + wr) / 2;
  return mono > 0
    ? [
        { lo: parent.lo, hi: Math.min(parent.hi, mid) },
        { lo: Math.max(parent.lo, mid), hi: parent.hi },
      ]
    : [
        { lo: Math.max(parent.lo, mid), hi: parent.hi },
        { lo: parent.lo, hi: Math.min(parent.hi, mid) },
      ];
}

/** Stable partition of rows[start..end) by the split; returns the number going left. */
function partition(ctx: BuilderContext, leaf: Leaf, split: SplitCandidate): number {
  const { rows, scratch, data } = ctx;
  const f = split.feature;
  const nBins = (data.features[f] as { nBins: number }).nBins;
  // Decide per bin once, then partition by table lookup.
  const left = new Uint8Array(nBins + 1);
  if (split.leftBins !== null) left.set(split.leftBins);
  else {
    for (let b = 0; b <= split.thresholdBin && b < nBins; b++) left[b] = 1;
    left[nBins] = split.missingLeft ? 1 : 0;
  }
  const bins = data.bins;
  const colBase = f * data.nRows;
  let nl = leaf.start;
  let nr = 0;
  for (let r = leaf.start; r < leaf.end; r++) {
    const i = rows[r] as number;
    if (left[bins[colBase + i] as number] === 1) rows[nl++] = i;
    else scratch[nr++] = i;
  }
  rows.set(scratch.subarray(0, nr), nl);
  return nl - leaf.start;
}

function canSplit(leaf: { depth: number; totals: NodeTotals }, p: GbdtParams): boolean {
  return leaf.depth < p.maxDepth && leaf.totals.c >= 2 * p.minSamplesLeaf;
}

export function buildTree(ctx: BuilderContext, nSampled: number, features: Int32Array): BinTree {
  const { data, params: p, grad, hess, rows } = ctx;
  const feature: number[] = [];
  const thresholdBin: number[] = [];
  const leftBins: (Uint8Array | null)[] = [];
  const missingLeft: number[] = [];
  const left: number[] = [];
  const right: number[] = [];
  const value: number[] = [];
  const count: number[] = [];
  const gain: number[] = [];
  const addNode = (t: NodeTotals, b: Bounds): number => {
    feature.push(-1);
    thresholdBin.push(-1);
    leftBins.push(null);
    missingLeft.push(0);
    left.push(-1);
    right.push(-1);
    value.push(leafValue(t, p, b));
    count.push(t.c);
    gain.push(0);
    return feature.length - 1;
  };

  let g = 0;
  let h = 0;
  for (let r = 0; r < nSampled; r++) {
    const i = rows[r] as number;
    g += grad[i] as number;
    h += hess[i] as number;
  }
  const rootTotals = { g, h, c: nSampled };
  const root: Leaf = {
    node: addNode(rootTotals, UNBOUNDED),
    start: 0,
    end: nSampled,
    depth: 0,
    totals: rootTotals,
    hist: null,
    split: null,
    bounds: UNBOUNDED,
  };
  if (canSplit(root, p)) {
    root.hist = takeHist(ctx);
    buildHistogram(root.hist, data, features, rows, 0, nSampled, grad, hess, ctx.ordered);
    root.split = findBestSplit(root.hist, data, features, root.totals, p, ctx.monotone);
  }
  const leaves: Leaf[] = [root];

  while (leaves.length < p.maxLeaves) {
    // Leaf-wise: the largest gain; depth-wise: the shallowest splittable leaf (creation order).
    let pick = -1;
    for (let k = 0; k < leaves.length; k++) {
      const s = (leaves[k] as Leaf).split;
      if (s === null) continue;
      if (pick < 0) {
        pick = k;
        continue;
      }
      const cur = leaves[pick] as Leaf;
      const better =
        p.growth === "leafwise"
          ? s.gain > (cur.split as SplitCandidate).gain
          : (leaves[k] as Leaf).depth < cur.depth;
      if (better) pick = k;
    }
    if (pick < 0) break;
    const leaf = leaves[pick] as Leaf;
    const split = leaf.split as SplitCandidate;
    const nl = partition(ctx, leaf, split);
    const lt: NodeTotals = { g: split.gl, h: split.hl, c: split.cl };
    const rt: NodeTotals = { g: split.gr, h: split.hr, c: split.cr };
    const nBins = (data.features[split.feature] as { nBins: number }).nBins;
    const [lb, rb] = childBounds(split, leaf.bounds, ctx.monotone, p, nBins);
    const ln = addNode(lt, lb);
    const rn = addNode(rt, rb);
    const n = leaf.node;
    feature[n] = split.feature;
    thresholdBin[n] = split.thresholdBin;
    leftBins[n] = split.leftBins;
    missingLeft[n] = split.missingLeft ? 1 : 0;
    left[n] = ln;
    right[n] = rn;
    gain[n] = split.gain;
    const depth = leaf.depth + 1;
    const lLeaf: Leaf = {
      node: ln,
      start: leaf.start,
      end: leaf.start + nl,
      depth,
      totals: lt,
      hist: null,
      split: null,
      bounds: lb,
    };
    const rLeaf: Leaf = {
      node: rn,
      start: leaf.start + nl,
      end: leaf.end,
      depth,
      totals: rt,
      hist: null,
      split: null,
      bounds: rb,
    };
    const lOk = canSplit(lLeaf, p);
    const rOk = canSplit(rLeaf, p);
    const parentHist = leaf.hist as Float64Array;
    if (lOk || rOk) {
      const [small, large] = nl <= leaf.end - leaf.start - nl ? [lLeaf, rLeaf] : [rLeaf, lLeaf];
      small.hist = takeHist(ctx);
      buildHistogram(
        small.hist,
        data,
        features,
        rows,
        small.start,
        small.end,
        grad,
        hess,
        ctx.ordered,
      );
      if (canSplit(large, p)) {
        subtractHistogram(parentHist, small.hist, data, features);
        large.hist = parentHist;
      } else ctx.histPool.push(parentHist);
      if (!canSplit(small, p)) {
        ctx.histPool.push(small.hist);
        small.hist = null;
      }
    } else ctx.histPool.push(parentHist);
    leaf.hist = null;
    for (const child of [lLeaf, rLeaf]) {
      if (child.hist !== null)
        child.split = findBestSplit(
          child.hist,
          data,
          features,
          child.totals,
          p,
          ctx.monotone,
          child.bounds,
        );
    }
    leaves.splice(pick, 1, lLeaf, rLeaf);
  }
  for (const leaf of leaves) if (leaf.hist !== null) ctx.histPool.push(leaf.hist);

  return {
    tree: compileTree(data, {
      feature,
      thresholdBin,
      leftBins,
      missingLeft,
      left,
      right,
      value,
      count,
      gain,
    }),
    thresholdBin: Int32Array.from(thresholdBin),
    leftBins,
  };
}
