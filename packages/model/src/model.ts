// One entry point for every model kind: prediction, calibration attachment.

import type { Calibrator } from "./calibration/types.ts";
import { predictGbdtProba, predictGbdtRaw } from "./gbdt/predict.ts";
import type { GbdtModel } from "./gbdt/types.ts";
import { type LogisticModel, predictLogisticProba, predictLogisticRaw } from "./linear/logistic.ts";

export type Model = GbdtModel | LogisticModel;

/** Uncalibrated log-odds of the positive class. Allocation-free. */
export function predictRaw(model: Model, x: ArrayLike<number>): number {
  return model.kind === "gbdt" ? predictGbdtRaw(model, x) : predictLogisticRaw(model, x);
}

/** Probability of the positive class, through the model's calibrator when it has one. */
export function predictProba(model: Model, x: ArrayLike<number>): number {
  return model.kind === "gbdt" ? predictGbdtProba(model, x) : predictLogisticProba(model, x);
}

/** Probabilities for many rows. */
export function predictProbaBatch(model: Model, rows: readonly ArrayLike<number>[]): Float64Array {
  const out = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = predictProba(model, rows[i] as ArrayLike<number>);
  return out;
}

/** Raw scores (log-odds) for many rows: what a calibrator is fitted on. */
export function predictRawBatch(model: Model, rows: readonly ArrayLike<number>[]): Float64Array {
  const out = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = predictRaw(model, rows[i] as ArrayLike<number>);
  return out;
}

/** A copy of the model that applies `calibration` (or none) in predictProba. */
export function withCalibration<M extends Model>(model: M, calibration: Calibrator | null): M {
  return { ...model, calibration };
}
