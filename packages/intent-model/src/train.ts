/**
 * Trains the three score models of a site: gradient-boosted trees early-stopped and isotonic-
 * calibrated on a later slice of the training period, a logistic-regression baseline beside
 * them, both evaluated on the held-out (latest) period.
 */
import { CATEGORICAL_FEATURES, FEATURE_NAMES } from "@intently/engine";
import {
  fitCalibrator,
  type GbdtParams,
  predictProbaBatch,
  predictRawBatch,
  toJSON,
  trainGbdt,
  trainLogistic,
  withCalibration,
} from "@intently/model";
import { BUNDLE_FORMAT, BUNDLE_VERSION, type CutPoints, type ModelBundle } from "./bundle.ts";
import { type ModelCard, scoreMetrics } from "./card.ts";
import { atEvents, type Dataset, type Rows, type ScoreKey, timeSplit } from "./dataset.ts";
import { MONOTONE } from "./monotone.ts";

/** Defaults for event-prefix data: more rows than tabular sets, so bigger leaves. */
export const INTENT_GBDT_PARAMS: Partial<GbdtParams> = {
  numRounds: 300,
  learningRate: 0.08,
  maxLeaves: 31,
  minSamplesLeaf: 50,
  earlyStoppingRounds: 30,
};

const CATEGORICAL = CATEGORICAL_FEATURES.map((f) => FEATURE_NAMES.indexOf(f));
const iso = (t: number | undefined) => (t === undefined ? "" : new Date(t).toISOString());

function quantiles(values: Float64Array, qs: readonly number[]): CutPoints {
  const s = Float64Array.from(values).sort();
  return qs.map((q) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0.5) as CutPoints;
}

export interface TrainOptions {
  site: string;
  seed?: number;
  source?: ModelCard["source"];
  params?: Partial<GbdtParams>;
  now?: Date;
}

function trainScore(
  rows: { train: Rows; cal: Rows; test: Rows },
  params: Partial<GbdtParams>,
  monotone: Readonly<Record<string, 1 | -1>>,
) {
  if (rows.train.y.length === 0 || rows.cal.y.length === 0)
    throw new Error("not enough sessions to train");
  const raw = trainGbdt({
    x: rows.train.x,
    y: rows.train.y,
    featureNames: FEATURE_NAMES,
    categorical: CATEGORICAL,
    valid: { x: rows.cal.x, y: rows.cal.y },
    params,
    monotone,
  });
  const calibrator = fitCalibrator("isotonic", predictRawBatch(raw, rows.cal.x), rows.cal.y);
  const model = withCalibration(raw, calibrator);
  const baseline = trainLogistic({
    x: [...rows.train.x, ...rows.cal.x],
    y: [...rows.train.y, ...rows.cal.y],
    featureNames: FEATURE_NAMES,
  });
  // Held-out figures on the rows at events only, comparable with models trained without
  // between-event rows (dataset.ts, betweenEvents).
  const held = atEvents(rows.test);
  const test = scoreMetrics(held, predictProbaBatch(model, held.x));
  const base = scoreMetrics(held, predictProbaBatch(baseline, held.x));
  const trainProbs = predictProbaBatch(model, rows.train.x);
  return {
    model,
    bands: quantiles(trainProbs, [0.1, 0.33, 0.66, 0.9]),
    metrics: test,
    baseline: {
      rows: base.rows,
      positives: base.positives,
      auc: base.auc,
      prAuc: base.prAuc,
      brier: base.brier,
    },
  };
}

export function trainBundle(d: Dataset, o: TrainOptions): ModelBundle {
  const split = timeSplit(d);
  const params = { ...INTENT_GBDT_PARAMS, ...o.params, seed: o.seed ?? 1 };
  const keys: ScoreKey[] = ["xC", "xATC", "xE"];
  const trained = Object.fromEntries(
    keys.map((k) => [k, trainScore(split[k], params, MONOTONE[k] as Record<string, 1 | -1>)]),
  ) as Record<ScoreKey, ReturnType<typeof trainScore>>;
  const now = (o.now ?? new Date()).toISOString();
  const testFrom = d.sessions.findIndex(
    (s) => s.start >= (split.boundaries.testFrom ?? Number.POSITIVE_INFINITY),
  );
  const card: ModelCard = {
    trainedAt: now,
    source: o.source ?? "site",
    data: {
      sessions: d.sessions.length,
      trainSessions: testFrom < 0 ? d.sessions.length : testFrom,
      heldOutSessions: testFrom < 0 ? 0 : d.sessions.length - testFrom,
      from: iso(d.sessions[0]?.start),
      to: iso(d.sessions[d.sessions.length - 1]?.end),
      heldOutFrom: iso(split.boundaries.testFrom),
    },
    scores: {
      xC: { model: trained.xC.metrics, baseline: trained.xC.baseline },
      xATC: { model: trained.xATC.metrics, baseline: trained.xATC.baseline },
      xE: { model: trained.xE.metrics, baseline: trained.xE.baseline },
    },
    params,
  };
  return {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    id: `${o.site}-${now.replace(/[:.]/g, "-")}`,
    site: o.site,
    features: [...FEATURE_NAMES],
    models: {
      xC: toJSON(trained.xC.model),
      xATC: toJSON(trained.xATC.model),
      xE: toJSON(trained.xE.model),
    },
    priorBands: { xC: trained.xC.bands, xATC: trained.xATC.bands, xE: trained.xE.bands },
    card,
  };
}
