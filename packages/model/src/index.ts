// @intently/model — gradient-boosted trees, logistic regression, calibration, metrics and
// tabular utilities for the intent scores. Pure: functions take arrays and strings, never files.

export * from "./calibration/apply.ts";
export * from "./calibration/isotonic.ts";
export * from "./calibration/platt.ts";
export type * from "./calibration/types.ts";
export * from "./gbdt/binning.ts";
export * from "./gbdt/codegen.ts";
export * from "./gbdt/explain.ts";
export * from "./gbdt/importance.ts";
export * from "./gbdt/params.ts";
export * from "./gbdt/predict.ts";
export * from "./gbdt/serialize.ts";
export * from "./gbdt/train.ts";
export type * from "./gbdt/types.ts";
export * from "./linear/logistic.ts";
export * from "./metrics/index.ts";
export * from "./model.ts";
export * from "./random.ts";
export * from "./tabular/csv.ts";
export * from "./tabular/cv.ts";
export * from "./tabular/encode.ts";
export * from "./tabular/evaluate.ts";
export * from "./tabular/folds.ts";
export * from "./tabular/table.ts";
