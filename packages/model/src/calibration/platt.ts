// Platt scaling: a logistic regression of the outcome on the model's raw score (log-odds),
// fitted with Platt's smoothed targets by Newton's method with backtracking (Lin, Lin & Weng 2007).

import type { PlattCalibrator } from "./types.ts";

const MAX_ITERATIONS = 100;
const MIN_STEP = 1e-10;
const GRADIENT_TOLERANCE = 1e-10;
/** Tiny ridge on the Hessian so constant scores still give a finite step. */
const HESSIAN_RIDGE = 1e-12;

/** Stable log(1 + e^z). */
function softplus(z: number): number {
  return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
}

/** Fits p = σ(a·score + b) on raw scores against 0/1 `labels`. */
export function fitPlatt(scores: ArrayLike<number>, labels: ArrayLike<number>): PlattCalibrator {
  const n = scores.length;
  if (labels.length !== n) throw new RangeError("scores and labels differ in length");
  const z = new Float64Array(n);
  const t = new Float64Array(n);
  let nPos = 0;
  for (let i = 0; i < n; i++) if ((labels[i] as number) > 0.5) nPos++;
  const nNeg = n - nPos;
  // Platt's targets: a Bayesian prior that keeps the fit finite on separable data.
  const hi = (nPos + 1) / (nPos + 2);
  const lo = 1 / (nNeg + 2);
  for (let i = 0; i < n; i++) {
    z[i] = scores[i] as number;
    t[i] = (labels[i] as number) > 0.5 ? hi : lo;
  }
  const objective = (a: number, b: number): number => {
    let f = 0;
    for (let i = 0; i < n; i++) {
      const s = a * (z[i] as number) + b;
      f += softplus(s) - (t[i] as number) * s;
    }
    return f;
  };
  let a = 1;
  let b = 0;
  let f = objective(a, b);
  for (let iter = 0; iter < MAX_ITERATIONS; iter++) {
    let ga = 0;
    let gb = 0;
    let haa = HESSIAN_RIDGE;
    let hab = 0;
    let hbb = HESSIAN_RIDGE;
    for (let i = 0; i < n; i++) {
      const zi = z[i] as number;
      const p = 1 / (1 + Math.exp(-(a * zi + b)));
      const d = p - (t[i] as number);
      const w = p * (1 - p);
      ga += d * zi;
      gb += d;
      haa += w * zi * zi;
      hab += w * zi;
      hbb += w;
    }
    if (Math.abs(ga) < GRADIENT_TOLERANCE && Math.abs(gb) < GRADIENT_TOLERANCE) break;
    const det = haa * hbb - hab * hab;
    const da = -(hbb * ga - hab * gb) / det;
    const db = -(-hab * ga + haa * gb) / det;
    let step = 1;
    let improved = false;
    while (step >= MIN_STEP) {
      const fa = objective(a + step * da, b + step * db);
      if (fa < f + 1e-4 * step * (ga * da + gb * db)) {
        a += step * da;
        b += step * db;
        f = fa;
        improved = true;
        break;
      }
      step /= 2;
    }
    if (!improved) break;
  }
  return { kind: "platt", a, b };
}

export function applyPlatt(cal: PlattCalibrator, score: number): number {
  return 1 / (1 + Math.exp(-(cal.a * score + cal.b)));
}
