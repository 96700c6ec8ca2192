import { accuracy, f1Score, precision, recall } from "../metrics/classification.ts";
import { brierScore, logLoss } from "../metrics/probabilistic.ts";
import { averagePrecision, rocAuc } from "../metrics/ranking.ts";

export interface CvMetrics {
  auc: number;
  prAuc: number;
  /** F1 / accuracy / precision / recall of the thresholded predictions. */
  f1: number;
  accuracy: number;
  precision: number;
  recall: number;
  brier: number;
  logLoss: number;
}

/** Metrics of probabilities `probs` and 0/1 decisions `decisions` against `labels`. */
export function evaluatePredictions(
  labels: ArrayLike<number>,
  probs: ArrayLike<number>,
  decisions: ArrayLike<number>,
): CvMetrics {
  return {
    auc: rocAuc(labels, probs),
    prAuc: averagePrecision(labels, probs),
    f1: f1Score(labels, decisions, 0.5),
    accuracy: accuracy(labels, decisions, 0.5),
    precision: precision(labels, decisions, 0.5),
    recall: recall(labels, decisions, 0.5),
    brier: brierScore(labels, probs),
    logLoss: logLoss(labels, probs),
  };
}
