/** The three score models of a site, serialised together with their card. */
import { FEATURE_NAMES } from "@intently/engine";
import { fromJSON, type Model, type ModelJson } from "@intently/model";
import type { ModelCard } from "./card.ts";

export const BUNDLE_FORMAT = "intently-model-bundle";
export const BUNDLE_VERSION = 1;

export type CutPoints = [number, number, number, number];

export interface ModelBundle {
  format: typeof BUNDLE_FORMAT;
  version: typeof BUNDLE_VERSION;
  id: string;
  site: string;
  features: string[];
  models: { xC: ModelJson; xATC: ModelJson; xE: ModelJson };
  /** Band cut points (p10, p33, p66, p90) of each score on the training data. */
  priorBands: { xC: CutPoints; xATC: CutPoints; xE: CutPoints };
  card: ModelCard;
}

export interface LoadedBundle {
  bundle: ModelBundle;
  xC: Model;
  xATC: Model;
  xE: Model;
}

/** Validates and deserialises a bundle; throws an Error with a clear message when unusable. */
export function loadBundle(json: unknown): LoadedBundle {
  const b = json as ModelBundle;
  if (!b || typeof b !== "object" || b.format !== BUNDLE_FORMAT)
    throw new Error("not an Intently model bundle");
  if (b.version !== BUNDLE_VERSION)
    throw new Error(`unsupported model bundle version ${String(b.version)}`);
  if (!Array.isArray(b.features) || b.features.join(",") !== FEATURE_NAMES.join(",")) {
    throw new Error(
      "the model was trained on a different feature set than this engine's; retrain it",
    );
  }
  return {
    bundle: b,
    xC: fromJSON(b.models?.xC),
    xATC: fromJSON(b.models?.xATC),
    xE: fromJSON(b.models?.xE),
  };
}
