// L2-regularised logistic regression on standardised features, fitted by Newton's method
// (IRLS) with step halving: deterministic, and exact enough to serve as the reported baseline.

import { applyCalibrator } from "../calibration/apply.ts";
import type { Calibrator } from "../calibration/types.ts";
import type { Matrix } from "../gbdt/types.ts";
import { solveSpd } from "./cholesky.ts";

export const LOGISTIC_FORMAT_VERSION = 1;

export interface LogisticParams {
  /** L2 penalty ½·l2·‖w‖² on the standardised weights (not the intercept), summed loss scale. */
  l2: number;
  maxIterations: number;
  /** Converged when the largest Newton step is below this. */
  tolerance: number;
}

export const DEFAULT_LOGISTIC_PARAMS: Readonly<LogisticParams> = Object.freeze({
  l2: 1,
  maxIterations: 100,
  tolerance: 1e-9,
});

/** Keeps the intercept's Hessian entry positive definite even without a penalty. */
const INTERCEPT_RIDGE = 1e-10;
const MAX_HALVINGS = 30;

export interface LogisticModel {
  kind: "logistic";
  formatVersion: number;
  featureNames: string[];
  /** Standardisation: z = (x − mean) / scale; a missing x contributes 0 (i.e. the mean). */
  mean: number[];
  scale: number[];
  /** Weights on the standardised features. */
  weights: number[];
  intercept: number;
  params: LogisticParams;
  training: { nRows: number; nPositives: number; iterations: number; converged: boolean };
  calibration: Calibrator | null;
}

export interface TrainLogisticInput {
  x: Matrix;
  y: ArrayLike<number>;
  featureNames?: readonly string[];
  params?: Partial<LogisticParams>;
}

function softplus(z: number): number {
  return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
}

export function trainLogistic(input: TrainLogisticInput): LogisticModel {
  const params: LogisticParams = { ...DEFAULT_LOGISTIC_PARAMS };
  for (const [k, v] of Object.entries(input.params ?? {})) {
    if (v !== undefined && k in params) (params as unknown as Record<string, unknown>)[k] = v;
  }
  const { x } = input;
  const n = x.length;
  if (n === 0 || n !== input.y.length) throw new RangeError("need equal, non-zero rows of x and y");
  const d = input.featureNames?.length ?? (x[0] as ArrayLike<number>).length;
  const featureNames = input.featureNames ? [...input.featureNames] : [];
  for (let j = featureNames.length; j < d; j++) featureNames.push(`f${j}`);

  const { mean, scale, columns } = standardise(x, d);
  const y = new Float64Array(n);
  let nPos = 0;
  for (let i = 0; i < n; i++) {
    y[i] = (input.y[i] as number) > 0.5 ? 1 : 0;
    nPos += y[i] as number;
  }
  const { w, iterations, converged } = newton(columns, y, params);
  const out = Array.from(w);
  const intercept = out.pop() as number;
  return {
    kind: "logistic",
    formatVersion: LOGISTIC_FORMAT_VERSION,
    featureNames,
    mean,
    scale,
    weights: out,
    intercept,
    params,
    training: { nRows: n, nPositives: nPos, iterations, converged },
    calibration: null,
  };
}

/** Standardised columns (column-major: the Newton step is made of column dot products). */
function standardise(
  x: Matrix,
  d: number,
): { mean: number[]; scale: number[]; columns: Float64Array[] } {
  const n = x.length;
  const mean: number[] = [];
  const scale: number[] = [];
  const columns: Float64Array[] = [];
  for (let j = 0; j < d; j++) {
    const col = new Float64Array(n);
    let s = 0;
    let m = 0;
    for (let i = 0; i < n; i++) {
      const v = (x[i] as ArrayLike<number>)[j];
      if (v == null || Number.isNaN(v)) col[i] = Number.NaN;
      else {
        col[i] = v;
        s += v;
        m++;
      }
    }
    const mu = m > 0 ? s / m : 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const v = col[i] as number;
      if (!Number.isNaN(v)) s2 += (v - mu) * (v - mu);
    }
    const sd = m > 0 ? Math.sqrt(s2 / m) : 0;
    const sc = sd > 0 ? sd : 1;
    for (let i = 0; i < n; i++) {
      const v = col[i] as number;
      col[i] = Number.isNaN(v) ? 0 : (v - mu) / sc;
    }
    mean.push(mu);
    scale.push(sc);
    columns.push(col);
  }
  return { mean, scale, columns };
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (b[i] as number);
  return s;
}

/** Margins Z·w + b for weights w = [w_0..w_{d−1}, b]. */
function margins(columns: Float64Array[], w: Float64Array, out: Float64Array): Float64Array {
  const d = columns.length;
  out.fill(w[d] as number);
  for (let j = 0; j < d; j++) {
    const wj = w[j] as number;
    if (wj === 0) continue;
    const col = columns[j] as Float64Array;
    for (let i = 0; i < out.length; i++) out[i] = (out[i] as number) + wj * (col[i] as number);
  }
  return out;
}

/** Newton's method (IRLS) with step halving on the penalised log-likelihood. */
function newton(
  columns: Float64Array[],
  y: Float64Array,
  params: LogisticParams,
): { w: Float64Array; iterations: number; converged: boolean } {
  const n = y.length;
  const d = columns.length;
  const p1 = d + 1; // weights then intercept
  const w = new Float64Array(p1);
  const m = new Float64Array(n);
  const objective = (wv: Float64Array): number => {
    margins(columns, wv, m);
    let f = 0;
    for (let i = 0; i < n; i++) f += softplus(m[i] as number) - (y[i] as number) * (m[i] as number);
    for (let j = 0; j < d; j++) f += 0.5 * params.l2 * (wv[j] as number) ** 2;
    return f;
  };
  let f = objective(w);
  let iterations = 0;
  let converged = false;
  const grad = new Float64Array(p1);
  const hess = new Float64Array(p1 * p1);
  const r = new Float64Array(n);
  const h = new Float64Array(n);
  const hz = new Float64Array(n);
  const trial = new Float64Array(p1);
  for (; iterations < params.maxIterations; iterations++) {
    margins(columns, w, m);
    for (let i = 0; i < n; i++) {
      const q = 1 / (1 + Math.exp(-(m[i] as number)));
      r[i] = q - (y[i] as number);
      h[i] = q * (1 - q);
    }
    // Gradient Zᵀr + λw and Hessian ZᵀHZ + λI over the columns plus the all-ones intercept.
    for (let a = 0; a < d; a++) {
      const ca = columns[a] as Float64Array;
      grad[a] = dot(ca, r) + params.l2 * (w[a] as number);
      for (let i = 0; i < n; i++) hz[i] = (h[i] as number) * (ca[i] as number);
      for (let b = 0; b <= a; b++) {
        const v = dot(hz, columns[b] as Float64Array);
        hess[a * p1 + b] = v;
        hess[b * p1 + a] = v;
      }
      let sa = 0;
      for (let i = 0; i < n; i++) sa += hz[i] as number;
      hess[d * p1 + a] = sa;
      hess[a * p1 + d] = sa;
      hess[a * p1 + a] = (hess[a * p1 + a] as number) + params.l2;
    }
    let gb = 0;
    let hb = INTERCEPT_RIDGE;
    for (let i = 0; i < n; i++) {
      gb += r[i] as number;
      hb += h[i] as number;
    }
    grad[d] = gb;
    hess[d * p1 + d] = hb;
    const step = solveSpd(hess, grad, p1);
    if (step === null) break;
    let t = 1;
    let accepted = false;
    for (let k = 0; k < MAX_HALVINGS; k++) {
      for (let a = 0; a < p1; a++) trial[a] = (w[a] as number) - t * (step[a] as number);
      const ft = objective(trial);
      if (ft <= f) {
        f = ft;
        accepted = true;
        break;
      }
      t /= 2;
    }
    if (!accepted) {
      converged = true; // no descent left at machine precision
      break;
    }
    let maxStep = 0;
    for (let a = 0; a < p1; a++) {
      maxStep = Math.max(maxStep, Math.abs((trial[a] as number) - (w[a] as number)));
    }
    w.set(trial);
    if (maxStep < params.tolerance) {
      converged = true;
      iterations++;
      break;
    }
  }
  return { w, iterations, converged };
}

/** Log-odds for row x; missing (NaN/absent) features contribute nothing. */
export function predictLogisticRaw(model: LogisticModel, x: ArrayLike<number>): number {
  const { mean, scale, weights } = model;
  let s = model.intercept;
  for (let j = 0; j < weights.length; j++) {
    const v = x[j];
    if (v == null || Number.isNaN(v)) continue;
    s += ((weights[j] as number) * (v - (mean[j] as number))) / (scale[j] as number);
  }
  return s;
}

export function predictLogisticProba(model: LogisticModel, x: ArrayLike<number>): number {
  const raw = predictLogisticRaw(model, x);
  return model.calibration === null
    ? 1 / (1 + Math.exp(-raw))
    : applyCalibrator(model.calibration, raw);
}
