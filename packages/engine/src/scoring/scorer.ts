/**
 * The scoring seam: the engine asks a Scorer for the three probabilities of
 * docs/product/engine.md#scores on every event. The heuristic scorer fills it until a trained model
 * (issue: the intent model) exists.
 */
import type { FeatureName } from "./features.ts";

export interface Scores {
  /** Purchase confidence: P(this session ends in a purchase). */
  xC: number;
  /** Add-to-cart readiness: P(an add-to-cart in this session). */
  xATC: number;
  /** Exit risk: P(the session ends within 5 minutes without purchase). */
  xE: number;
}

export type ScoreName = keyof Scores;
export const SCORE_NAMES: readonly ScoreName[] = ["xC", "xATC", "xE"];

export interface Contribution {
  feature: FeatureName | string;
  /** Change in log-odds attributed to the feature. */
  contribution: number;
}

export interface Scorer {
  readonly name: string;
  /** Writes the three scores for feature vector `x` into `out`. Must not allocate. */
  score(x: Float64Array, out: Scores): void;
  /** Top contributing features per score (for the dashboard; may allocate). */
  explain?(x: Float64Array, score: ScoreName, top?: number): Contribution[];
  /**
   * Why `score` moved from feature vector `x0` to `x1` (the live view's reasons): one entry per
   * changed feature that moved it (feature "other" for the rest, when many), `contribution` in
   * score units (0–1, not log-odds), summing to score(x1) − score(x0). Largest first. May
   * allocate; called lazily, only for sessions someone is watching.
   */
  explainChange?(x0: Float64Array, x1: Float64Array, score: ScoreName): Contribution[];
  /**
   * How long the scores of feature vector `x` stay as they are while only time passes: seconds
   * until they may change when the elapsed features (ELAPSED_FEATURES: secondsOnSite and
   * secondsSinceActivity) both grow by one per second and every other feature stays put. 0 when
   * they may change at any moment (continuous in time: the engine then re-scores the session
   * on every tick), Infinity when never. May err early, never late. Without this method the
   * engine re-scores the site's sessions on every tick (docs/product/engine.md#time). The
   * recent windows (frustrationRecent, exitIntentRecent) are the engine's business, not this.
   */
  nextChange?(x: Float64Array): number;
  /**
   * Band cut points (p10, p33, p66, p90) to use for a site until its own distribution has
   * enough observations.
   */
  readonly priorBands: Record<ScoreName, readonly [number, number, number, number]>;
}
