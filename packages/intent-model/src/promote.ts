/**
 * Promotion (docs/product/model.md#training-and-promotion): a new model replaces the current one
 * only if it is not worse on the same held-out period — its purchase-confidence AUC is not lower
 * and its Brier score not higher, beyond a small tolerance for noise.
 */
import type { ScoreMetrics } from "./card.ts";

export const PROMOTION_TOLERANCE = { auc: 0.005, brier: 0.002 };

export interface PromotionDecision {
  promote: boolean;
  reason: string;
}

export function decidePromotion(
  current: ScoreMetrics | null,
  candidate: ScoreMetrics,
): PromotionDecision {
  if (!Number.isFinite(candidate.auc))
    return { promote: false, reason: "the candidate has no held-out AUC" };
  if (!current) return { promote: true, reason: "no current model" };
  if (candidate.auc < current.auc - PROMOTION_TOLERANCE.auc) {
    return {
      promote: false,
      reason: `AUC ${candidate.auc.toFixed(4)} < current ${current.auc.toFixed(4)}`,
    };
  }
  if (candidate.brier > current.brier + PROMOTION_TOLERANCE.brier) {
    return {
      promote: false,
      reason: `Brier ${candidate.brier.toFixed(4)} > current ${current.brier.toFixed(4)}`,
    };
  }
  return {
    promote: true,
    reason: `AUC ${candidate.auc.toFixed(4)} vs ${current.auc.toFixed(4)}, Brier ${candidate.brier.toFixed(4)} vs ${current.brier.toFixed(4)}`,
  };
}
