import { checkSameLength, isPositive } from "./util.ts";

/** Probabilities are clipped to [ε, 1−ε] in log-loss so a confident miss is large, not ∞. */
export const LOG_LOSS_EPSILON = 1e-15;

/** Mean squared error of probabilities against 0/1 outcomes. */
export function brierScore(labels: ArrayLike<number>, probs: ArrayLike<number>): number {
  checkSameLength(labels, probs);
  const n = labels.length;
  if (n === 0) return Number.NaN;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const d = (probs[i] as number) - (isPositive(labels[i] as number) ? 1 : 0);
    sum += d * d;
  }
  return sum / n;
}

/** Mean negative log-likelihood (natural log) of 0/1 outcomes. */
export function logLoss(labels: ArrayLike<number>, probs: ArrayLike<number>): number {
  checkSameLength(labels, probs);
  const n = labels.length;
  if (n === 0) return Number.NaN;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const p = Math.min(1 - LOG_LOSS_EPSILON, Math.max(LOG_LOSS_EPSILON, probs[i] as number));
    sum -= isPositive(labels[i] as number) ? Math.log(p) : Math.log(1 - p);
  }
  return sum / n;
}
