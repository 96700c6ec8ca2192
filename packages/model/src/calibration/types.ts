// Calibrators map a model's raw score (log-odds, as from predictRaw) to a calibrated probability.
// Raw scores rather than probabilities: σ saturates to exactly 0 or 1 in floating point for
// confident models, which would make distinct scores indistinguishable to the calibrator.

/**
 * Isotonic calibration: a monotone piecewise-linear map from raw score `x` to calibrated
 * probability `y` through the given knots (constant outside them).
 */
export interface IsotonicCalibrator {
  kind: "isotonic";
  x: number[];
  y: number[];
}

/** Platt scaling: p = σ(a · score + b). */
export interface PlattCalibrator {
  kind: "platt";
  a: number;
  b: number;
}

export type Calibrator = IsotonicCalibrator | PlattCalibrator;
