// @intently/model — gradient-boosted trees, logistic regression, calibration, metrics and
// tabular utilities for the intent scores. Pure: functions take arrays and strings, never files.

export { fitCalibrator } from "./calibration/apply.ts";
export { changed, changeShapley, shapleyChange, treeChangeShapley } from "./contributions.ts";
export { compileGbdtProba } from "./gbdt/codegen.ts";
export { explain } from "./gbdt/explain.ts";
export type { GbdtParams } from "./gbdt/params.ts";
export type { ModelJson } from "./gbdt/serialize.ts";
export { fromJSON, toJSON } from "./gbdt/serialize.ts";
export { trainGbdt } from "./gbdt/train.ts";
export { trainLogistic } from "./linear/logistic.ts";
export { brierScore } from "./metrics/probabilistic.ts";
export { averagePrecision, rocAuc } from "./metrics/ranking.ts";
export type { ReliabilityBin } from "./metrics/reliability.ts";
export { reliabilityTable } from "./metrics/reliability.ts";
export type { Model } from "./model.ts";
export { predictProba, predictProbaBatch, predictRawBatch, withCalibration } from "./model.ts";
export { nextChangeAlong, splitThresholds } from "./next-change.ts";
export { crossValidate } from "./tabular/cv.ts";
export { readCsvTable } from "./tabular/table.ts";
