// Model ⇄ plain JSON. Every number is a finite double written by JSON.stringify, which prints the
// shortest text that parses back to the same double, so a round trip is bit-exact. The one
// non-finite value, a +∞ threshold ("any value left, missing right"), is written as null.

import type { Calibrator } from "../calibration/types.ts";
import type { LogisticModel } from "../linear/logistic.ts";
import { LOGISTIC_FORMAT_VERSION } from "../linear/logistic.ts";
import type { Model } from "../model.ts";
import { type GbdtParams, resolveGbdtParams } from "./params.ts";
import { GBDT_FORMAT_VERSION } from "./train.ts";
import type { GbdtTrainingInfo, Tree } from "./types.ts";

export interface TreeJson {
  feature: number[];
  threshold: (number | null)[];
  left: number[];
  right: number[];
  missingLeft: number[];
  catStart: number[];
  catWords: number[];
  catBits: number[];
  value: number[];
  count: number[];
  gain: number[];
}

export interface GbdtModelJson {
  kind: "gbdt";
  formatVersion: number;
  featureNames: string[];
  categorical: boolean[];
  baseScore: number;
  params: GbdtParams;
  training: GbdtTrainingInfo;
  calibration: Calibrator | null;
  trees: TreeJson[];
}

/** The logistic model is already plain data. */
export type LogisticModelJson = LogisticModel;

export type ModelJson = GbdtModelJson | LogisticModelJson;

function treeToJson(t: Tree): TreeJson {
  return {
    feature: Array.from(t.feature),
    threshold: Array.from(t.threshold, (v) => (Number.isFinite(v) ? v : null)),
    left: Array.from(t.left),
    right: Array.from(t.right),
    missingLeft: Array.from(t.missingLeft),
    catStart: Array.from(t.catStart),
    catWords: Array.from(t.catWords),
    catBits: Array.from(t.catBits),
    value: Array.from(t.value),
    count: Array.from(t.count),
    gain: Array.from(t.gain),
  };
}

/** A JSON-ready copy of the model (`JSON.stringify` it as is). */
export function toJSON(model: Model): ModelJson {
  if (model.kind === "logistic") return structuredClone(model);
  return {
    kind: "gbdt",
    formatVersion: model.formatVersion,
    featureNames: [...model.featureNames],
    categorical: [...model.categorical],
    baseScore: model.baseScore,
    params: { ...model.params },
    training: structuredClone(model.training),
    calibration: model.calibration === null ? null : structuredClone(model.calibration),
    trees: model.trees.map(treeToJson),
  };
}

function fail(message: string): never {
  throw new TypeError(`invalid model JSON: ${message}`);
}

/** (@intently/conditions' isPlainObject; this package has no dependencies, so its own.) */
function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function numbers(v: unknown, name: string, length?: number): number[] {
  if (!Array.isArray(v)) fail(`${name} must be an array`);
  if (length !== undefined && v.length !== length) fail(`${name} must have ${length} entries`);
  for (const e of v) if (typeof e !== "number") fail(`${name} must hold numbers`);
  return v as number[];
}

function calibrationFromJson(v: unknown): Calibrator | null {
  if (v === null || v === undefined) return null;
  if (!isRecord(v)) fail("calibration must be an object or null");
  if (v.kind === "platt") {
    if (typeof v.a !== "number" || typeof v.b !== "number") fail("platt needs numbers a, b");
    return { kind: "platt", a: v.a, b: v.b };
  }
  if (v.kind === "isotonic") {
    const x = numbers(v.x, "calibration.x");
    return { kind: "isotonic", x: [...x], y: [...numbers(v.y, "calibration.y", x.length)] };
  }
  return fail(`unknown calibration kind ${String(v.kind)}`);
}

function treeFromJson(v: unknown, k: number, nFeatures: number): Tree {
  if (!isRecord(v)) fail(`tree ${k} must be an object`);
  const feature = numbers(v.feature, `trees[${k}].feature`);
  const n = feature.length;
  if (n === 0) fail(`tree ${k} has no nodes`);
  const thr = v.threshold;
  if (!Array.isArray(thr) || thr.length !== n) fail(`trees[${k}].threshold must have ${n} entries`);
  const left = numbers(v.left, `trees[${k}].left`, n);
  const right = numbers(v.right, `trees[${k}].right`, n);
  for (let i = 0; i < n; i++) {
    const f = feature[i] as number;
    if (f >= nFeatures) fail(`tree ${k} node ${i} tests feature ${f} of ${nFeatures}`);
    // Children come after their parent in every tree we write, which also rules out cycles.
    if (
      f >= 0 &&
      !(
        (left[i] as number) > i &&
        (left[i] as number) < n &&
        (right[i] as number) > i &&
        (right[i] as number) < n
      )
    ) {
      fail(`tree ${k} node ${i} has bad children`);
    }
  }
  return {
    feature: Int32Array.from(feature),
    threshold: Float64Array.from(thr, (t) => (t === null ? Number.POSITIVE_INFINITY : Number(t))),
    left: Int32Array.from(left),
    right: Int32Array.from(right),
    missingLeft: Uint8Array.from(numbers(v.missingLeft, `trees[${k}].missingLeft`, n)),
    catStart: Int32Array.from(numbers(v.catStart, `trees[${k}].catStart`, n)),
    catWords: Int32Array.from(numbers(v.catWords, `trees[${k}].catWords`, n)),
    catBits: Uint32Array.from(numbers(v.catBits, `trees[${k}].catBits`)),
    value: Float64Array.from(numbers(v.value, `trees[${k}].value`, n)),
    count: Int32Array.from(numbers(v.count, `trees[${k}].count`, n)),
    gain: Float64Array.from(numbers(v.gain, `trees[${k}].gain`, n)),
  };
}

function strings(v: unknown, name: string): string[] {
  if (!Array.isArray(v) || v.some((e) => typeof e !== "string")) fail(`${name} must be strings`);
  return [...(v as string[])];
}

function logisticFromJson(v: Record<string, unknown>): LogisticModel {
  if (v.formatVersion !== LOGISTIC_FORMAT_VERSION)
    fail(`unsupported logistic formatVersion ${String(v.formatVersion)}`);
  const featureNames = strings(v.featureNames, "featureNames");
  const d = featureNames.length;
  if (typeof v.intercept !== "number") fail("intercept must be a number");
  if (!isRecord(v.params) || !isRecord(v.training)) fail("params and training must be objects");
  return {
    kind: "logistic",
    formatVersion: LOGISTIC_FORMAT_VERSION,
    featureNames,
    mean: [...numbers(v.mean, "mean", d)],
    scale: [...numbers(v.scale, "scale", d)],
    weights: [...numbers(v.weights, "weights", d)],
    intercept: v.intercept,
    params: structuredClone(v.params) as unknown as LogisticModel["params"],
    training: structuredClone(v.training) as unknown as LogisticModel["training"],
    calibration: calibrationFromJson(v.calibration),
  };
}

/** Rebuilds a model from `toJSON` output (or its JSON.parse); throws TypeError when malformed. */
export function fromJSON(json: unknown): Model {
  if (!isRecord(json)) fail("not an object");
  if (json.kind === "logistic") return logisticFromJson(json);
  if (json.kind !== "gbdt") fail(`unknown kind ${String(json.kind)}`);
  if (json.formatVersion !== GBDT_FORMAT_VERSION)
    fail(`unsupported formatVersion ${String(json.formatVersion)}`);
  const featureNames = strings(json.featureNames, "featureNames");
  const categorical = json.categorical;
  if (!Array.isArray(categorical) || categorical.length !== featureNames.length) {
    fail("categorical must have one flag per feature");
  }
  if (typeof json.baseScore !== "number") fail("baseScore must be a number");
  if (!Array.isArray(json.trees)) fail("trees must be an array");
  if (!isRecord(json.training)) fail("training must be an object");
  return {
    kind: "gbdt",
    formatVersion: GBDT_FORMAT_VERSION,
    featureNames,
    categorical: categorical.map((c) => c === true),
    baseScore: json.baseScore,
    trees: json.trees.map((t, k) => treeFromJson(t, k, featureNames.length)),
    params: resolveGbdtParams(isRecord(json.params) ? (json.params as Partial<GbdtParams>) : {}),
    training: structuredClone(json.training) as unknown as GbdtTrainingInfo,
    calibration: calibrationFromJson(json.calibration),
  };
}
