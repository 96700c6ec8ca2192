/**
 * Statistics for experiment reports: Wald intervals for differences in conversion and revenue
 * per session, and the Bayesian probability that a variant beats control under a Beta-Binomial
 * model with a uniform Beta(1, 1) prior.
 */

/** The 97.5th percentile of the standard normal: 95 % two-sided intervals. */
export const Z95 = 1.959963984540054;

/** ln Γ(x) for x > 0 (Lanczos, g = 7, 9 terms; relative error ≈ 1e-15). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const c = [
    0.9999999999998099, 676.5203681218851, -1259.1392167224028, 771.3234287776531,
    -176.6150291621406, 12.507343278686905, -0.13857109526572012, 9.984369578019572e-6,
    1.5056327351493116e-7,
  ];
  const z = x - 1;
  let a = c[0]!;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += c[i]! / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

export function logBeta(a: number, b: number): number {
  return logGamma(a) + logGamma(b) - logGamma(a + b);
}

/** Standard normal CDF (Abramowitz–Stegun 7.1.26 erf; absolute error < 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly =
    t *
    (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-x * x);
  return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

/** Beyond this many terms the exact sum gives way to the normal approximation. */
const MAX_TERMS = 200_000;

/**
 * P(p_B > p_A) for p_A ~ Beta(aA, bA), p_B ~ Beta(aB, bB) with integer aB: the exact closed form
 * Σ_{i=0}^{aB−1} B(aA+i, bA+bB) / ((bB+i) B(1+i, bB) B(aA, bA)) (Evan Miller, "Formulas for
 * Bayesian A/B testing"), each term in log space. Deterministic — no sampling, no grid.
 */
function exactProbability(aA: number, bA: number, aB: number, bB: number): number {
  const base = logBeta(aA, bA);
  let total = 0;
  for (let i = 0; i < aB; i++)
    total += Math.exp(logBeta(aA + i, bA + bB) - Math.log(bB + i) - logBeta(1 + i, bB) - base);
  return total;
}

function betaMoments(a: number, b: number): { mean: number; variance: number } {
  const s = a + b;
  return { mean: a / s, variance: (a * b) / (s * s * (s + 1)) };
}

/**
 * Probability that variant B's conversion rate beats control A's, from conversions and
 * sessions, with a uniform prior: posteriors Beta(1 + c, 1 + n − c). Sums over the arm with
 * fewer conversions (P(B > A) = 1 − P(A > B)); falls back to a normal approximation of the two
 * posteriors only past MAX_TERMS terms.
 */
export function probabilityToBeat(
  control: { sessions: number; conversions: number },
  variant: { sessions: number; conversions: number },
): number {
  const aA = 1 + control.conversions;
  const bA = 1 + control.sessions - control.conversions;
  const aB = 1 + variant.conversions;
  const bB = 1 + variant.sessions - variant.conversions;
  let p: number;
  if (Math.min(aA, aB) > MAX_TERMS) {
    const A = betaMoments(aA, bA);
    const B = betaMoments(aB, bB);
    p = normalCdf((B.mean - A.mean) / Math.sqrt(A.variance + B.variance));
  } else if (aB <= aA) p = exactProbability(aA, bA, aB, bB);
  else p = 1 - exactProbability(aB, bB, aA, bA);
  return Math.min(1, Math.max(0, p));
}

export interface Difference {
  /** variant − control. */
  difference: number;
  /** 95 % interval of the difference. */
  interval: [number, number];
  /** difference / control, or null when control is 0. */
  uplift: number | null;
  /** The interval divided by the control value (control treated as known), or null. */
  upliftInterval: [number, number] | null;
}

function difference(control: number, variant: number, se: number): Difference {
  const d = variant - control;
  const interval: [number, number] = [d - Z95 * se, d + Z95 * se];
  return {
    difference: d,
    interval,
    uplift: control === 0 ? null : d / control,
    upliftInterval: control === 0 ? null : [interval[0] / control, interval[1] / control],
  };
}

/** Difference in conversion rate with a Wald (unpooled) interval. Sessions must be > 0. */
export function conversionDifference(
  control: { sessions: number; conversions: number },
  variant: { sessions: number; conversions: number },
): Difference {
  const pA = control.conversions / control.sessions;
  const pB = variant.conversions / variant.sessions;
  const se = Math.sqrt((pA * (1 - pA)) / control.sessions + (pB * (1 - pB)) / variant.sessions);
  return difference(pA, pB, se);
}

/** Sample variance from n, Σx and Σx² (0 below two observations). */
export function sampleVariance(n: number, sum: number, sumSq: number): number {
  if (n < 2) return 0;
  return Math.max(0, (sumSq - (sum * sum) / n) / (n - 1));
}

/** Difference in mean revenue per session with a Welch (unequal variances) normal interval. */
export function meanDifference(
  control: { sessions: number; revenue: number; revenueSq: number },
  variant: { sessions: number; revenue: number; revenueSq: number },
): Difference {
  const mA = control.revenue / control.sessions;
  const mB = variant.revenue / variant.sessions;
  const vA = sampleVariance(control.sessions, control.revenue, control.revenueSq);
  const vB = sampleVariance(variant.sessions, variant.revenue, variant.revenueSq);
  return difference(mA, mB, Math.sqrt(vA / control.sessions + vB / variant.sessions));
}
