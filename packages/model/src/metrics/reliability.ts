import { checkSameLength, isPositive } from "./util.ts";

export const DEFAULT_RELIABILITY_BINS = 10;

export interface ReliabilityBin {
  /** Bin covers [lower, upper); the last bin also includes 1. */
  lower: number;
  upper: number;
  /** Mean predicted probability in the bin (NaN when the bin is empty). */
  meanPredicted: number;
  /** Observed positive rate in the bin (NaN when the bin is empty). */
  observedRate: number;
  count: number;
}

/** Calibration curve over equal-width probability bins. */
export function reliabilityTable(
  labels: ArrayLike<number>,
  probs: ArrayLike<number>,
  nBins = DEFAULT_RELIABILITY_BINS,
): ReliabilityBin[] {
  checkSameLength(labels, probs);
  const sumP = new Float64Array(nBins);
  const sumY = new Float64Array(nBins);
  const count = new Float64Array(nBins);
  for (let i = 0; i < labels.length; i++) {
    const p = probs[i] as number;
    if (Number.isNaN(p)) continue;
    const b = Math.min(nBins - 1, Math.max(0, Math.floor(p * nBins)));
    sumP[b] = (sumP[b] as number) + p;
    sumY[b] = (sumY[b] as number) + (isPositive(labels[i] as number) ? 1 : 0);
    count[b] = (count[b] as number) + 1;
  }
  const out: ReliabilityBin[] = [];
  for (let b = 0; b < nBins; b++) {
    const c = count[b] as number;
    out.push({
      lower: b / nBins,
      upper: (b + 1) / nBins,
      meanPredicted: c === 0 ? Number.NaN : (sumP[b] as number) / c,
      observedRate: c === 0 ? Number.NaN : (sumY[b] as number) / c,
      count: c,
    });
  }
  return out;
}

/** Expected calibration error: count-weighted mean |observed − predicted| over the bins. */
export function expectedCalibrationError(
  labels: ArrayLike<number>,
  probs: ArrayLike<number>,
  nBins = DEFAULT_RELIABILITY_BINS,
): number {
  const table = reliabilityTable(labels, probs, nBins);
  let total = 0;
  let sum = 0;
  for (const bin of table) {
    if (bin.count === 0) continue;
    total += bin.count;
    sum += bin.count * Math.abs(bin.observedRate - bin.meanPredicted);
  }
  return total === 0 ? Number.NaN : sum / total;
}
