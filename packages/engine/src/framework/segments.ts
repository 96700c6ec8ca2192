/**
 * The 13 framework segments (docs/product/engine.md#framework-segments): Phase × State, plus one
 * for converted sessions. A session is in exactly one of them at every moment —
 * `frameworkSegmentOf` is total.
 */
import type { BehaviourState, Phase } from "./types.ts";

export const FRAMEWORK_SEGMENT_IDS = [
  "focused-browsers",
  "struggling-browsers",
  "unengaged-browsers",
  "focused-explorers",
  "struggling-explorers",
  "drifting-explorers",
  "focused-considerers",
  "struggling-considerers",
  "wavering-considerers",
  "focused-buyers",
  "struggling-buyers",
  "abandoning-buyers",
  "converted",
] as const;
export type FrameworkSegmentId = (typeof FRAMEWORK_SEGMENT_IDS)[number];

const GRID: Record<Exclude<Phase, "converted">, Record<BehaviourState, FrameworkSegmentId>> = {
  engage: {
    focus: "focused-browsers",
    struggle: "struggling-browsers",
    abandon: "unengaged-browsers",
  },
  "build-intent": {
    focus: "focused-explorers",
    struggle: "struggling-explorers",
    abandon: "drifting-explorers",
  },
  "maintain-intent": {
    focus: "focused-considerers",
    struggle: "struggling-considerers",
    abandon: "wavering-considerers",
  },
  convert: { focus: "focused-buyers", struggle: "struggling-buyers", abandon: "abandoning-buyers" },
};

/**
 * The abandoning framework segments (the Abandon column of the grid). A session that purchased
 * or saw a confirmation page never enters one afterwards (its state is never Abandon, rules.ts),
 * and no abandonment integration is triggered for it (issue 19).
 */
export const ABANDONING_SEGMENT_IDS: readonly FrameworkSegmentId[] = Object.values(GRID).map(
  (row) => row.abandon,
);

export function frameworkSegmentOf(phase: Phase, state: BehaviourState): FrameworkSegmentId {
  return phase === "converted" ? "converted" : GRID[phase][state];
}

/** The (phase, states) a framework segment stands for: used to express it as a condition. */
export function frameworkSegmentParts(id: FrameworkSegmentId): {
  phase: Phase;
  states: BehaviourState[];
} {
  if (id === "converted") return { phase: "converted", states: ["focus", "struggle", "abandon"] };
  for (const [phase, row] of Object.entries(GRID)) {
    for (const [state, seg] of Object.entries(row)) {
      if (seg === id) return { phase: phase as Phase, states: [state as BehaviourState] };
    }
  }
  throw new Error(`unknown framework segment ${id}`);
}

export function isFrameworkSegmentId(id: string): id is FrameworkSegmentId {
  return (FRAMEWORK_SEGMENT_IDS as readonly string[]).includes(id);
}

/** A framework segment as a condition on the data points (its `segment` attribute). */
export function frameworkSegmentCondition(id: FrameworkSegmentId): Record<string, unknown> {
  return { segment: id };
}
