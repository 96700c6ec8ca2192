/** Evaluates a bundle on a dataset (every session, no split): what `model eval` reports. */
import { predictProbaBatch } from "@intently/model";
import type { LoadedBundle } from "./bundle.ts";
import { type ScoreMetrics, scoreMetrics } from "./card.ts";
import type { Dataset, ScoreKey } from "./dataset.ts";

export function evaluateBundle(loaded: LoadedBundle, d: Dataset): Record<ScoreKey, ScoreMetrics> {
  const keys: ScoreKey[] = ["xC", "xATC", "xE"];
  return Object.fromEntries(
    keys.map((k) => [k, scoreMetrics(d.rows[k], predictProbaBatch(loaded[k], d.rows[k].x))]),
  ) as Record<ScoreKey, ScoreMetrics>;
}
