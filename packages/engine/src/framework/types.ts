/**
 * The framework's axes (docs/product/engine.md) as ordered string-literal unions. The array order
 * is the order of progress: stage, phase and intent level only ever move forward within a session.
 */

export const STAGES = [
  "browsing",
  "refining",
  "evaluating",
  "deciding",
  "committing",
  "post-purchase",
] as const;
export type Stage = (typeof STAGES)[number];

export const PHASES = [
  "engage",
  "build-intent",
  "maintain-intent",
  "convert",
  "converted",
] as const;
export type Phase = (typeof PHASES)[number];

/** Current behaviour; precedence abandon > struggle > focus. */
export const STATES = ["focus", "struggle", "abandon"] as const;
export type BehaviourState = (typeof STATES)[number];

export const INTENT_LEVELS = ["low", "building", "high"] as const;
export type IntentLevel = (typeof INTENT_LEVELS)[number];

export const BANDS = ["very-low", "low", "medium", "high", "very-high"] as const;
export type Band = (typeof BANDS)[number];

export const TRENDS = ["falling", "steady", "rising"] as const;
export type Trend = (typeof TRENDS)[number];

export const STAGE_LABELS: Record<Stage, string> = {
  browsing: "Browsing",
  refining: "Refining",
  evaluating: "Evaluating",
  deciding: "Deciding",
  committing: "Committing",
  "post-purchase": "Post Purchase",
};

export const PHASE_LABELS: Record<Phase, string> = {
  engage: "Engage",
  "build-intent": "Build Intent",
  "maintain-intent": "Maintain Intent",
  convert: "Convert",
  converted: "Converted",
};

export const STATE_LABELS: Record<BehaviourState, string> = {
  focus: "Focus",
  struggle: "Struggle",
  abandon: "Abandon",
};
