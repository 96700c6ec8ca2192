/**
 * The reasons of a session's latest score move, for the live stream (issue 20, item 9). Lazy:
 * computed only for the rows a stream shows, and only when a shown score differs from the one
 * the stream showed before; then the scorer says how the features that changed since (feature
 * vector then → now) moved it (Scorer.explainChange: exact Shapley values, summing to the
 * move). Each score keeps the reasons of its latest move until it moves again.
 */
import type { LiveReasons, ScoreReason } from "@intently/api-contract";
import {
  extractFeatures,
  F,
  FEATURE_COUNT,
  FEATURE_NAMES,
  featureLabel,
  featureValueText,
  type ScoreName,
  type Scorer,
  type Scores,
  type SessionState,
} from "@intently/engine";

/** What a stream last showed of a session: its features, scores and reasons then. */
export interface Seen {
  x: Float64Array;
  scores: readonly [number, number, number];
  reasons: LiveReasons | null;
}

const KEYS: readonly ScoreName[] = ["xC", "xATC", "xE"];
const out: Scores = { xC: 0, xATC: 0, xE: 0 };

/**
 * The features the shown scores were computed from: the engine evaluates a session at its
 * latest event or at a tick; the first of the two times whose scores match is taken.
 */
function featuresOf(s: SessionState, scorer: Scorer, now: number): Float64Array {
  const n = s.n;
  const x = new Float64Array(FEATURE_COUNT);
  for (const t of [n[F.LastT]!, now]) {
    scorer.score(extractFeatures(s, t, x), out);
    if (out.xC === n[F.XC] && out.xATC === n[F.XATC] && out.xE === n[F.XE]) return x;
  }
  return x;
}

function reasonsOf(
  scorer: Scorer,
  key: ScoreName,
  x0: Float64Array,
  x1: Float64Array,
): ScoreReason[] {
  return (scorer.explainChange?.(x0, x1, key) ?? []).map((c) => {
    const f = FEATURE_NAMES_INDEX.get(c.feature);
    return {
      feature: c.feature,
      label: featureLabel(c.feature).label,
      points: c.contribution * 100,
      from: f === undefined ? "" : featureValueText(c.feature, x0[f]!),
      to: f === undefined ? "" : featureValueText(c.feature, x1[f]!),
    };
  });
}

const FEATURE_NAMES_INDEX = new Map<string, number>(FEATURE_NAMES.map((f, i) => [f, i]));

/**
 * At most this many rows explained per view: on a busy site every shown row moves at every
 * snapshot; the others keep their last reasons, and the next snapshot explains their whole
 * move since (still exact).
 */
export const EXPLAINED_PER_VIEW = 20;

/**
 * The row's reasons now, and what to remember of it for the next snapshot; `budget` counts
 * the explanations left for this view.
 */
export function explainedRow(
  s: SessionState,
  seen: Seen | null,
  scorer: Scorer,
  now: number,
  budget: { left: number },
): { seen: Seen | null; reasons: LiveReasons | null } {
  if (s.bot !== null) return { seen: null, reasons: null };
  const n = s.n;
  const scores = [n[F.XC]!, n[F.XATC]!, n[F.XE]!] as const;
  if (seen && scores.every((v, i) => v === seen.scores[i])) return { seen, reasons: seen.reasons };
  if (seen && budget.left <= 0) return { seen, reasons: seen.reasons };
  if (seen) budget.left--;
  const x = featuresOf(s, scorer, now);
  if (!seen) return { seen: { x, scores, reasons: null }, reasons: null };
  // Each score keeps its own latest move until it moves again.
  const reasons: LiveReasons = seen.reasons
    ? { ...seen.reasons }
    : { xC: null, xATC: null, xE: null };
  KEYS.forEach((key, i) => {
    if (scores[i] === seen.scores[i]) return;
    reasons[key] = {
      at: now,
      from: seen.scores[i]!,
      to: scores[i]!,
      reasons: reasonsOf(scorer, key, seen.x, x),
    };
  });
  return { seen: { x, scores, reasons }, reasons };
}
