import { checkSameLength, isPositive, orderByScoreDesc, scoreKey } from "./util.ts";

/**
 * Exact ROC-AUC via the Mann–Whitney U statistic with midranks for tied scores, i.e. a tied
 * positive/negative pair counts ½. NaN when only one class is present.
 */
export function rocAuc(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  checkSameLength(labels, scores);
  const n = labels.length;
  const order = orderByScoreDesc(scores);
  let nPos = 0;
  let rankSumPos = 0;
  // Walk groups of equal score from the highest; ranks are ascending, so the highest score
  // holds rank n.
  let i = 0;
  while (i < n) {
    const s = scoreKey(scores[order[i] as number] as number);
    let j = i;
    let posInGroup = 0;
    while (j < n && scoreKey(scores[order[j] as number] as number) === s) {
      if (isPositive(labels[order[j] as number] as number)) posInGroup++;
      j++;
    }
    // Ranks of this group (ascending numbering) are n-j+1 .. n-i; midrank is their mean.
    const midrank = (n - j + 1 + (n - i)) / 2;
    rankSumPos += posInGroup * midrank;
    nPos += posInGroup;
    i = j;
  }
  const nNeg = n - nPos;
  if (nPos === 0 || nNeg === 0) return Number.NaN;
  return (rankSumPos - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}

/**
 * Average precision (area under the precision–recall curve, step-wise as in scikit-learn):
 * Σ (Rₖ − Rₖ₋₁)·Pₖ over distinct score thresholds, tied scores entering together.
 * NaN when there are no positives.
 */
export function averagePrecision(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  checkSameLength(labels, scores);
  const n = labels.length;
  let nPos = 0;
  for (let i = 0; i < n; i++) if (isPositive(labels[i] as number)) nPos++;
  if (nPos === 0) return Number.NaN;
  const order = orderByScoreDesc(scores);
  let tp = 0;
  let fp = 0;
  let prevRecall = 0;
  let ap = 0;
  let i = 0;
  while (i < n) {
    const s = scoreKey(scores[order[i] as number] as number);
    while (i < n && scoreKey(scores[order[i] as number] as number) === s) {
      if (isPositive(labels[order[i] as number] as number)) tp++;
      else fp++;
      i++;
    }
    const recall = tp / nPos;
    ap += (recall - prevRecall) * (tp / (tp + fp));
    prevRecall = recall;
  }
  return ap;
}

/** Alias: PR-AUC as average precision. */
export const prAuc = averagePrecision;
