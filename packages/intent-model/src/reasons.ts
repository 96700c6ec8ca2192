/**
 * Reasons a score moved (Scorer.explainChange): exact Shapley values of the scored probability's
 * change from x0 to x1, in score units, among the features that changed. The tree walk
 * (changeShapley, log-odds) finds which changed features the model's splits involve and ranks
 * them; the largest MAX_PLAYERS − 1 (and the certainty features, when they changed) are players
 * of their own, every other changed feature moves as one player, "other". The values are then
 * computed on the calibrated probability itself (2^players evaluations), so they sum to the
 * change the live view shows, and a feature the score is monotone in never gets the wrong sign.
 */
import { FEATURE_NAMES } from "@intently/engine";
import { changed, changeShapley, type Model, shapleyChange } from "@intently/model";

/** At most this many players (2^6 = 64 evaluations of the score per explained change). */
export const MAX_PLAYERS = 6;
export const OTHER_FEATURES = "other";

export interface ChangeReason {
  feature: string;
  /** Change of the score (0–1) attributed to the feature. */
  contribution: number;
}

export function changeReasons(
  model: Model,
  certaintyFeatures: readonly number[],
  x0: Float64Array,
  x1: Float64Array,
  score: (x: Float64Array) => number,
): ChangeReason[] {
  const moved: number[] = [];
  for (let j = 0; j < FEATURE_NAMES.length; j++) if (changed(x0[j]!, x1[j]!)) moved.push(j);
  if (moved.length === 0) return [];
  const phi = changeShapley(model, x0, x1);
  const rank = (j: number) => (certaintyFeatures.includes(j) ? Infinity : Math.abs(phi[j]!));
  moved.sort((a, b) => rank(b) - rank(a) || a - b);
  const own = moved.length <= MAX_PLAYERS ? moved : moved.slice(0, MAX_PLAYERS - 1);
  const rest = moved.slice(own.length);
  const players: number[][] = own.map((j) => [j]);
  if (rest.length > 0) players.push(rest);
  const values = shapleyChange(score, x0, x1, players);
  const out: ChangeReason[] = [];
  values.forEach((v, i) => {
    if (Math.abs(v) < 1e-12) return;
    const feature = i < own.length ? FEATURE_NAMES[own[i]!]! : OTHER_FEATURES;
    out.push({ feature, contribution: v });
  });
  return out.sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));
}
