/**
 * Model cards (docs/product/model.md#model-card): what a model was trained on and how well it does
 * on held-out data.
 */
import {
  averagePrecision,
  brierScore,
  type ReliabilityBin,
  reliabilityTable,
  rocAuc,
} from "@intently/model";
import type { Rows } from "./dataset.ts";

export const PREFIX_LENGTHS = [1, 2, 3, 5, 10] as const;

export interface ScoreMetrics {
  rows: number;
  positives: number;
  auc: number;
  prAuc: number;
  brier: number;
  calibration: ReliabilityBin[];
  /** AUC over sessions scored after their k-th event (sessions with ≥ k events before the label). */
  aucByPrefix: Record<string, number | null>;
}

export interface ModelCard {
  trainedAt: string;
  source: "site" | "prior-simulated";
  data: {
    sessions: number;
    trainSessions: number;
    heldOutSessions: number;
    from: string;
    to: string;
    heldOutFrom: string;
  };
  scores: Record<
    "xC" | "xATC" | "xE",
    { model: ScoreMetrics; baseline: Omit<ScoreMetrics, "calibration" | "aucByPrefix"> }
  >;
  params: Record<string, unknown>;
}

const nan2null = (x: number) => (Number.isFinite(x) ? x : null);

export function scoreMetrics(rows: Rows, probs: ArrayLike<number>): ScoreMetrics {
  const byPrefix: Record<string, number | null> = {};
  for (const k of PREFIX_LENGTHS) {
    const ys: number[] = [];
    const ps: number[] = [];
    for (let i = 0; i < rows.y.length; i++) {
      if (rows.prefix[i] === k) {
        ys.push(rows.y[i]!);
        ps.push(probs[i]!);
      }
    }
    const pos = ys.reduce((a, b) => a + b, 0);
    byPrefix[String(k)] = pos > 0 && pos < ys.length ? nan2null(rocAuc(ys, ps)) : null;
  }
  const positives = rows.y.reduce((a, b) => a + b, 0);
  const defined = positives > 0 && positives < rows.y.length;
  return {
    rows: rows.y.length,
    positives,
    auc: defined ? rocAuc(rows.y, probs) : Number.NaN,
    prAuc: defined ? averagePrecision(rows.y, probs) : Number.NaN,
    brier: rows.y.length > 0 ? brierScore(rows.y, probs) : Number.NaN,
    calibration: reliabilityTable(rows.y, probs),
    aucByPrefix: byPrefix,
  };
}
