// Stratified k-fold cross-validation of the GBDT and the logistic baseline on tabular rows.
// Everything that is learned — encoding, early stopping, calibration and the F1 threshold — is
// learned inside the training fold (on an inner train/validation split), never on the test fold.

import { applyCalibrator, fitCalibrator } from "../calibration/apply.ts";
import type { Calibrator } from "../calibration/types.ts";
import type { GbdtParams } from "../gbdt/params.ts";
import { trainGbdt } from "../gbdt/train.ts";
import { type LogisticParams, trainLogistic } from "../linear/logistic.ts";
import { bestF1Threshold } from "../metrics/classification.ts";
import { rocAuc } from "../metrics/ranking.ts";
import { type Model, predictRawBatch } from "../model.ts";
import { type EncodedMatrix, encodeForTrees, encodeOneHot, fitEncoder } from "./encode.ts";
import { type CvMetrics, evaluatePredictions } from "./evaluate.ts";
import { stratifiedFolds, stratifiedSplit } from "./folds.ts";
import { parseLabel, type Row } from "./table.ts";

export const DEFAULT_FOLDS = 5;
export const DEFAULT_CV_SEED = 1;
/** Share of each training fold held out for early stopping, calibration and the threshold. */
export const DEFAULT_INNER_VALID_FRACTION = 0.2;
export type CvCalibration = "none" | "platt" | "isotonic";
export const DEFAULT_CV_CALIBRATION: CvCalibration = "none";

export interface CrossValidateOptions {
  rows: readonly Row[];
  /** Label column; TRUE/FALSE, 1/0, yes/no. Rows with an unreadable label are dropped. */
  label: string;
  folds?: number;
  seed?: number;
  params?: Partial<GbdtParams>;
  logisticParams?: Partial<LogisticParams>;
  /** Numeric columns that are really categories (e.g. integer codes). */
  categorical?: readonly string[];
  exclude?: readonly string[];
  innerValidFraction?: number;
  calibration?: CvCalibration;
  /**
   * After early stopping on the inner split, retrain on the whole training fold with the
   * stopping round scaled up to the larger data (default true).
   */
  refit?: boolean;
}

export interface FoldResult {
  fold: number;
  nTrain: number;
  nTest: number;
  trees: number;
  /** F1 thresholds chosen on the inner validation split. */
  threshold: number;
  baselineThreshold: number;
  /** ROC-AUC on this fold's test rows alone (spread across folds shows stability). */
  auc: number;
  baselineAuc: number;
}

export interface CrossValidateResult extends CvMetrics {
  baseline: CvMetrics;
  /** Out-of-fold probabilities (GBDT and baseline) and labels of the rows kept. */
  oof: Float64Array;
  oofBaseline: Float64Array;
  labels: Float64Array;
  folds: FoldResult[];
  /** Rows dropped for an unreadable label. */
  droppedRows: number;
}

interface FittedFold {
  test: Float64Array;
  threshold: number;
  trees: number;
}

function pick<T>(items: readonly T[], idx: readonly number[]): T[] {
  return idx.map((i) => items[i] as T);
}

/** Probabilities from raw scores, through the calibrator when there is one. */
function toProbabilities(raw: Float64Array, calibration: Calibrator | null): Float64Array {
  return raw.map((s) =>
    calibration === null ? 1 / (1 + Math.exp(-s)) : applyCalibrator(calibration, s),
  );
}

function calibrated(
  model: Model,
  calibration: Calibrator | null,
  rows: readonly Float64Array[],
): Float64Array {
  return toProbabilities(predictRawBatch(model, rows), calibration);
}

/** Calibrator (optional) and F1 threshold from the inner validation predictions. */
function fitPostProcessing(
  validRaw: Float64Array,
  validY: Float64Array,
  method: CvCalibration,
): { calibration: Calibrator | null; threshold: number } {
  const calibration = method === "none" ? null : fitCalibrator(method, validRaw, validY);
  const probs = toProbabilities(validRaw, calibration);
  return { calibration, threshold: bestF1Threshold(validY, probs).threshold };
}

export function crossValidate(options: CrossValidateOptions): CrossValidateResult {
  const k = options.folds ?? DEFAULT_FOLDS;
  const seed = options.seed ?? DEFAULT_CV_SEED;
  const fraction = options.innerValidFraction ?? DEFAULT_INNER_VALID_FRACTION;
  const method = options.calibration ?? DEFAULT_CV_CALIBRATION;
  const refit = options.refit ?? true;

  const rows: Row[] = [];
  const yList: number[] = [];
  for (const row of options.rows) {
    const l = parseLabel(row[options.label]);
    if (l === null) continue;
    rows.push(row);
    yList.push(l);
  }
  const y = Float64Array.from(yList);
  const n = rows.length;
  const foldOf = stratifiedFolds(y, k, seed);
  const oof = new Float64Array(n);
  const oofBaseline = new Float64Array(n);
  const oofPred = new Float64Array(n);
  const oofPredBaseline = new Float64Array(n);
  const folds: FoldResult[] = [];

  for (let fold = 0; fold < k; fold++) {
    const trainIdx: number[] = [];
    const testIdx: number[] = [];
    for (let i = 0; i < n; i++) (foldOf[i] === fold ? testIdx : trainIdx).push(i);
    const trainRows = pick(rows, trainIdx);
    const testRows = pick(rows, testIdx);
    const yTrain = Float64Array.from(trainIdx, (i) => y[i] as number);
    const testY = Float64Array.from(testIdx, (i) => y[i] as number);
    // Inner split positions are relative to the training fold.
    const inner = stratifiedSplit(
      yTrain,
      Array.from(trainIdx, (_, p) => p),
      fraction,
      seed * 7919 + fold,
    );
    const enc = fitEncoder(trainRows, {
      label: options.label,
      categorical: options.categorical ?? [],
      exclude: options.exclude ?? [],
    });

    const gbdt = fitGbdtFold(
      encodeForTrees(enc, trainRows),
      encodeForTrees(enc, testRows),
      yTrain,
      inner,
      {
        ...options,
        method,
        refit,
        fraction,
      },
    );
    const lr = fitLogisticFold(
      encodeOneHot(enc, trainRows),
      encodeOneHot(enc, testRows),
      yTrain,
      inner,
      {
        ...options,
        method,
        refit,
      },
    );
    testIdx.forEach((i, t) => {
      oof[i] = gbdt.test[t] as number;
      oofPred[i] = (gbdt.test[t] as number) >= gbdt.threshold ? 1 : 0;
      oofBaseline[i] = lr.test[t] as number;
      oofPredBaseline[i] = (lr.test[t] as number) >= lr.threshold ? 1 : 0;
    });
    folds.push({
      fold,
      nTrain: trainIdx.length,
      nTest: testIdx.length,
      trees: gbdt.trees,
      threshold: gbdt.threshold,
      baselineThreshold: lr.threshold,
      auc: rocAuc(testY, gbdt.test),
      baselineAuc: rocAuc(testY, lr.test),
    });
  }
  return {
    ...evaluatePredictions(y, oof, oofPred),
    baseline: evaluatePredictions(y, oofBaseline, oofPredBaseline),
    oof,
    oofBaseline,
    labels: y,
    folds,
    droppedRows: options.rows.length - n,
  };
}

interface InnerSplit {
  first: number[];
  second: number[];
}

function fitGbdtFold(
  train: EncodedMatrix,
  test: EncodedMatrix,
  y: Float64Array,
  inner: InnerSplit,
  o: CrossValidateOptions & { method: CvCalibration; refit: boolean; fraction: number },
): FittedFold {
  const base = { featureNames: train.featureNames, categorical: train.categorical };
  const validX = pick(train.x, inner.second);
  const validY = Float64Array.from(inner.second, (i) => y[i] as number);
  const stopped = trainGbdt({
    ...base,
    x: pick(train.x, inner.first),
    y: Float64Array.from(inner.first, (i) => y[i] as number),
    valid: { x: validX, y: validY },
    params: o.params ?? {},
  });
  const post = fitPostProcessing(predictRawBatch(stopped, validX), validY, o.method);
  let model = stopped;
  if (o.refit) {
    // More rows support proportionally more rounds at the same learning rate.
    const rounds = Math.max(1, Math.round(stopped.trees.length / (1 - o.fraction)));
    model = trainGbdt({
      ...base,
      x: train.x,
      y,
      params: { ...(o.params ?? {}), numRounds: rounds, earlyStoppingRounds: 0 },
    });
  }
  return {
    test: calibrated(model, post.calibration, test.x),
    threshold: post.threshold,
    trees: model.trees.length,
  };
}

function fitLogisticFold(
  train: EncodedMatrix,
  test: EncodedMatrix,
  y: Float64Array,
  inner: InnerSplit,
  o: CrossValidateOptions & { method: CvCalibration; refit: boolean },
): FittedFold {
  const validX = pick(train.x, inner.second);
  const validY = Float64Array.from(inner.second, (i) => y[i] as number);
  const params = o.logisticParams ?? {};
  const innerModel = trainLogistic({
    x: pick(train.x, inner.first),
    y: Float64Array.from(inner.first, (i) => y[i] as number),
    featureNames: train.featureNames,
    params,
  });
  const post = fitPostProcessing(predictRawBatch(innerModel, validX), validY, o.method);
  const model = o.refit
    ? trainLogistic({ x: train.x, y, featureNames: train.featureNames, params })
    : innerModel;
  return { test: calibrated(model, post.calibration, test.x), threshold: post.threshold, trees: 0 };
}
