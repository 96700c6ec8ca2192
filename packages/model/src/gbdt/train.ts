// The boosting loop for binary log-loss: Newton steps fitted by histogram trees on the
// gradients p − y and hessians p(1 − p), with row/column subsampling and early stopping.

import { createRng, sampleIndices } from "../random.ts";
import { binMatrix } from "./binning.ts";
import { predictBinnedRow } from "./compile.ts";
import { type GbdtParams, resolveGbdtParams } from "./params.ts";
import { predictTree, sigmoid } from "./predict.ts";
import { type BuilderContext, buildTree } from "./tree-builder.ts";
import type { GbdtModel, Matrix, Tree } from "./types.ts";

export const GBDT_FORMAT_VERSION = 1;
/** Hessians are floored so saturated rows cannot make a Newton step blow up. */
const MIN_HESSIAN = 1e-16;
/** The base rate is clamped before taking its logit (all-positive / all-negative data). */
const BASE_RATE_CLAMP = 1e-6;

export interface TrainGbdtInput {
  /** Rows of features; NaN (or null/undefined) is missing. */
  x: Matrix;
  /** 0/1 labels (> 0.5 counts as positive). */
  y: ArrayLike<number>;
  featureNames?: readonly string[];
  /** Which features are categorical (integer codes ≥ 0): a flag per feature or their indices. */
  categorical?: readonly boolean[] | readonly number[];
  /** Held-out rows for early stopping. */
  valid?: { x: Matrix; y: ArrayLike<number> };
  /**
   * Monotone constraints on numeric features, by name (or index as a string): +1 = the score
   * never falls when the feature grows, −1 = never rises (as xgboost's monotone_constraints).
   */
  monotone?: Readonly<Record<string, 1 | -1>>;
  params?: Partial<GbdtParams>;
}

function categoricalFlags(spec: TrainGbdtInput["categorical"], nFeatures: number): boolean[] {
  const flags = new Array<boolean>(nFeatures).fill(false);
  if (!spec) return flags;
  spec.forEach((v: boolean | number, k: number) => {
    if (typeof v === "boolean") flags[k] = v;
    else if (v >= 0 && v < nFeatures) flags[v] = true;
  });
  return flags;
}

function monotoneFlags(
  spec: TrainGbdtInput["monotone"],
  names: readonly string[],
  categorical: readonly boolean[],
): Int8Array | null {
  if (!spec || Object.keys(spec).length === 0) return null;
  const out = new Int8Array(names.length);
  for (const [name, dir] of Object.entries(spec)) {
    const k = names.indexOf(name) >= 0 ? names.indexOf(name) : Number(name);
    if (!Number.isInteger(k) || k < 0 || k >= names.length)
      throw new RangeError(`monotone: no feature "${name}"`);
    if (categorical[k]) throw new RangeError(`monotone: "${name}" is categorical`);
    if (dir !== 1 && dir !== -1) throw new RangeError(`monotone: "${name}" must be 1 or -1`);
    out[k] = dir;
  }
  return out;
}

function labels01(y: ArrayLike<number>): Float64Array {
  const out = new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) out[i] = (y[i] as number) > 0.5 ? 1 : 0;
  return out;
}

function meanLogLoss(y: Float64Array, raw: Float64Array): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) {
    const z = raw[i] as number;
    // log(1 + e^z) − y·z, computed stably.
    s += Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))) - (y[i] as number) * z;
  }
  return y.length === 0 ? Number.NaN : s / y.length;
}

export function trainGbdt(input: TrainGbdtInput): GbdtModel {
  const p = resolveGbdtParams(input.params);
  const { x } = input;
  const n = x.length;
  if (n !== input.y.length) throw new RangeError("x and y differ in length");
  if (n === 0) throw new RangeError("no training rows");
  const nFeatures = input.featureNames?.length ?? (x[0] as ArrayLike<number>).length;
  const featureNames = input.featureNames ? [...input.featureNames] : [];
  for (let j = featureNames.length; j < nFeatures; j++) featureNames.push(`f${j}`);
  const categorical = categoricalFlags(input.categorical, nFeatures);
  const monotone = monotoneFlags(input.monotone, featureNames, categorical);
  const y = labels01(input.y);
  const rng = createRng(p.seed);

  const data = binMatrix(x, categorical, p.maxBins);
  let nPos = 0;
  for (let i = 0; i < n; i++) nPos += y[i] as number;
  const rate = Math.min(1 - BASE_RATE_CLAMP, Math.max(BASE_RATE_CLAMP, nPos / n));
  const baseScore = Math.log(rate / (1 - rate));

  const raw = new Float64Array(n).fill(baseScore);
  const grad = new Float64Array(n);
  const hess = new Float64Array(n);
  const ctx: BuilderContext = {
    data,
    params: p,
    grad,
    hess,
    rows: new Uint32Array(n),
    scratch: new Uint32Array(n),
    ordered: new Float64Array(2 * n),
    histPool: [],
    monotone,
  };
  const valid = input.valid && input.valid.x.length > 0 ? input.valid : undefined;
  const validY = valid ? labels01(valid.y) : new Float64Array(0);
  const validRaw = new Float64Array(validY.length).fill(baseScore);

  const trees: Tree[] = [];
  const trainLoss: number[] = [];
  const validLoss: number[] = [];
  let best = Number.POSITIVE_INFINITY;
  let bestIteration = 0;
  const nSampled = Math.max(1, Math.round(n * p.subsample));
  const nCols = Math.max(1, Math.round(nFeatures * p.colsample));

  for (let round = 0; round < p.numRounds; round++) {
    for (let i = 0; i < n; i++) {
      const q = sigmoid(raw[i] as number);
      grad[i] = q - (y[i] as number);
      hess[i] = Math.max(q * (1 - q), MIN_HESSIAN);
    }
    // Both samples are drawn every round, even at fraction 1, so the PRNG stream (and therefore
    // the model) depends only on the seed and the data.
    const sampledRows = sampleIndices(n, nSampled, rng);
    ctx.rows.set(sampledRows);
    const features = Int32Array.from(sampleIndices(nFeatures, nCols, rng));
    const built = buildTree(ctx, nSampled, features);
    if (built.tree.feature.length === 1 && p.subsample === 1 && p.colsample === 1) break;
    trees.push(built.tree);
    for (let i = 0; i < n; i++) raw[i] = (raw[i] as number) + predictBinnedRow(built, data, i);
    trainLoss.push(meanLogLoss(y, raw));
    if (valid) {
      for (let i = 0; i < validY.length; i++) {
        validRaw[i] =
          (validRaw[i] as number) + predictTree(built.tree, valid.x[i] as ArrayLike<number>);
      }
      const loss = meanLogLoss(validY, validRaw);
      validLoss.push(loss);
      if (loss < best) {
        best = loss;
        bestIteration = trees.length;
      } else if (
        p.earlyStoppingRounds > 0 &&
        trees.length - bestIteration >= p.earlyStoppingRounds
      ) {
        break;
      }
    }
  }
  const roundsRun = trees.length;
  const keep = valid && p.earlyStoppingRounds > 0 ? bestIteration : trees.length;
  trees.length = keep;

  return {
    kind: "gbdt",
    formatVersion: GBDT_FORMAT_VERSION,
    featureNames,
    categorical,
    baseScore,
    trees,
    params: p,
    training: {
      nRows: n,
      nPositives: nPos,
      nValid: validY.length,
      roundsRun,
      bestIteration: keep,
      trainLoss,
      validLoss,
    },
    calibration: null,
  };
}
