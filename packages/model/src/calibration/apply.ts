import { applyIsotonic, fitIsotonic } from "./isotonic.ts";
import { applyPlatt, fitPlatt } from "./platt.ts";
import type { Calibrator } from "./types.ts";

export type CalibrationMethod = Calibrator["kind"];

/** Maps a raw score (log-odds) to a calibrated probability. */
export function applyCalibrator(cal: Calibrator, score: number): number {
  return cal.kind === "platt" ? applyPlatt(cal, score) : applyIsotonic(cal, score);
}

/** Fits either calibrator on held-out raw scores (log-odds) and outcomes. */
export function fitCalibrator(
  method: CalibrationMethod,
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
): Calibrator {
  return method === "platt" ? fitPlatt(scores, labels) : fitIsotonic(scores, labels);
}
