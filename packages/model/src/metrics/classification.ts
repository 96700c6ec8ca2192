import { checkSameLength, isPositive, orderByScoreDesc, scoreKey } from "./util.ts";

export const DEFAULT_THRESHOLD = 0.5;

export interface ConfusionMatrix {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

/** Counts with "predicted positive" meaning score ≥ threshold. */
export function confusionMatrix(
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
  threshold = DEFAULT_THRESHOLD,
): ConfusionMatrix {
  checkSameLength(labels, scores);
  const m: ConfusionMatrix = { tp: 0, fp: 0, tn: 0, fn: 0 };
  for (let i = 0; i < labels.length; i++) {
    const predicted = (scores[i] as number) >= threshold;
    if (isPositive(labels[i] as number)) {
      if (predicted) m.tp++;
      else m.fn++;
    } else if (predicted) m.fp++;
    else m.tn++;
  }
  return m;
}

export function accuracy(
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
  threshold = DEFAULT_THRESHOLD,
): number {
  const m = confusionMatrix(labels, scores, threshold);
  const n = m.tp + m.fp + m.tn + m.fn;
  return n === 0 ? Number.NaN : (m.tp + m.tn) / n;
}

/** Precision of the positive class; 0 when nothing is predicted positive. */
export function precision(
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
  threshold = DEFAULT_THRESHOLD,
): number {
  const m = confusionMatrix(labels, scores, threshold);
  return m.tp + m.fp === 0 ? 0 : m.tp / (m.tp + m.fp);
}

/** Recall of the positive class; NaN when there are no positives. */
export function recall(
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
  threshold = DEFAULT_THRESHOLD,
): number {
  const m = confusionMatrix(labels, scores, threshold);
  return m.tp + m.fn === 0 ? Number.NaN : m.tp / (m.tp + m.fn);
}

/** F1 of the positive class: 2TP / (2TP + FP + FN); 0 when TP = 0. */
export function f1FromConfusion(m: ConfusionMatrix): number {
  return m.tp === 0 ? 0 : (2 * m.tp) / (2 * m.tp + m.fp + m.fn);
}

export function f1Score(
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
  threshold = DEFAULT_THRESHOLD,
): number {
  return f1FromConfusion(confusionMatrix(labels, scores, threshold));
}

export interface ThresholdChoice {
  /** Predict positive when score ≥ threshold. */
  threshold: number;
  f1: number;
  precision: number;
  recall: number;
}

/**
 * The threshold maximising F1 over all distinct cut points. The returned threshold lies halfway
 * between the lowest score predicted positive and the next lower score, so it transfers to new
 * scores more sensibly than the boundary score itself. Among equal F1s the highest threshold wins.
 */
export function bestF1Threshold(
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
): ThresholdChoice {
  checkSameLength(labels, scores);
  const n = labels.length;
  let nPos = 0;
  for (let i = 0; i < n; i++) if (isPositive(labels[i] as number)) nPos++;
  const order = orderByScoreDesc(scores);
  const best: ThresholdChoice = {
    threshold: Number.POSITIVE_INFINITY,
    f1: 0,
    precision: 0,
    recall: 0,
  };
  if (nPos === 0 || n === 0) return best;
  let tp = 0;
  let fp = 0;
  let i = 0;
  while (i < n) {
    const s = scoreKey(scores[order[i] as number] as number);
    while (i < n && scoreKey(scores[order[i] as number] as number) === s) {
      if (isPositive(labels[order[i] as number] as number)) tp++;
      else fp++;
      i++;
    }
    const f1 = (2 * tp) / (tp + fp + nPos);
    if (f1 > best.f1) {
      let threshold = s;
      if (i < n) {
        const next = scoreKey(scores[order[i] as number] as number);
        const mid = s / 2 + next / 2;
        if (mid > next && mid <= s) threshold = mid;
      }
      best.threshold = threshold;
      best.f1 = f1;
      best.precision = tp / (tp + fp);
      best.recall = tp / nPos;
    }
  }
  return best;
}
