/**
 * How many ended sessions of a period match a condition: the condition is compiled by
 * @intently/conditions (the evaluator the engine runs) and evaluated once per group of sessions
 * that the condition cannot tell apart (store.queries.sessionGroups), so the count is exact and
 * costs one grouped scan. What "matches" means for a stored session:
 * - fields fixed for the whole session (traffic, device, visitor, landing page, experiments are
 *   the exposures of the whole session): their value;
 * - segment, phase, state: at some moment of the session — the condition is tried with every
 *   framework segment the session ever entered (its recorded memberships) and holds for one;
 * - fields that change during the session: their value when it ended — counters (pageViews,
 *   cartAdds, purchases, signal counts…) at their highest, stage and intentLevel at the furthest
 *   reached, xC the final score (xCMax the highest), timeOnSiteSec up to the last event. With the
 *   framework fields, `{segment: X, pageViews: {$gte: 5}}` reads "was in X, and viewed 5 pages";
 * - fields the row does not record: see relaxCondition; the count is then an upper bound.
 * A converted session's state is not recorded: when the answer depends on it, the session is
 * counted and "state" is listed as not estimated.
 */
import { compileCondition } from "@intently/conditions";
import { conditionFields, FRAMEWORK_SEGMENT_IDS, frameworkSegmentParts } from "@intently/engine";
import {
  type FieldRead,
  FRAMEWORK_FIELDS,
  type Period,
  pieceValue,
  type SessionGroup,
  type Store,
} from "@intently/store";
import { fieldReads, relaxCondition } from "./estimate-condition.ts";

export interface MatchCount {
  sessions: number;
  totalSessions: number;
  /** A count, not an upper bound. */
  exact: boolean;
  /** Keys whose tests could not be evaluated (the count is then an upper bound). */
  unestimated: string[];
}

type Test = (attributes: Record<string, unknown>) => boolean;

const MOMENTS = FRAMEWORK_SEGMENT_IDS.map((id, i) => ({
  bit: 1 << i,
  id,
  ...frameworkSegmentParts(id),
}));

/** "sure", "maybe" (only through a converted session's unknown state) or "no". */
function atSomeMoment(test: Test, attrs: Record<string, unknown>, seen: number) {
  let maybe = false;
  for (const m of MOMENTS) {
    if ((seen & m.bit) === 0) continue;
    attrs.segment = m.id;
    attrs.phase = m.phase;
    let hits = 0;
    for (const state of m.states) {
      attrs.state = state;
      if (test(attrs)) hits++;
    }
    if (hits === m.states.length) return "sure";
    if (hits > 0) maybe = true;
  }
  return maybe ? "maybe" : "no";
}

/** Group key → a value with the same answer (see FieldRead). */
function decoder(r: FieldRead): (key: unknown) => unknown {
  const { cuts, values } = r;
  if (cuts) return (key) => pieceValue(cuts, Number(key));
  if (values) {
    let other = "\u0000other";
    while (values.includes(other)) other += "\u0000";
    return (key) => key ?? other;
  }
  return (key) => key;
}

export type Match = "sure" | "maybe" | "no";

/**
 * The condition as a test of session groups: the reads and framework flag to group by, and
 * whether a group matches ("maybe": only through a converted session's unknown state). The
 * estimate counts "sure" and "maybe"; a back-fill takes "sure" only, when nothing is relaxed.
 */
export function groupMatcher(condition: unknown) {
  const relaxed = relaxCondition(condition);
  const reads = fieldReads(relaxed.condition);
  const read = conditionFields(relaxed.condition);
  const framework = FRAMEWORK_FIELDS.some((f) => read.has(f));
  const test: Test = compileCondition(relaxed.condition);
  const decode = reads.map(decoder);
  const attrs: Record<string, unknown> = {};
  const match = (g: SessionGroup): Match => {
    reads.forEach((r, i) => {
      attrs[r.field] = decode[i]!(g.keys[i]);
    });
    if (framework) return atSomeMoment(test, attrs, g.frameworkSeen);
    return test(attrs) ? "sure" : "no";
  };
  return { reads, framework, relaxed: relaxed.unestimated, match };
}

export async function countMatching(
  store: Store,
  period: Period,
  condition: unknown,
): Promise<MatchCount> {
  const m = groupMatcher(condition);
  const groups = await store.queries.sessionGroups(period, m.reads, m.framework);
  let sessions = 0;
  let total = 0;
  let stateUnknown = false;
  for (const g of groups) {
    total += g.sessions;
    const match = m.match(g);
    if (match !== "no") sessions += g.sessions;
    if (match === "maybe") stateUnknown = true;
  }
  const unestimated = [...m.relaxed];
  if (stateUnknown && !unestimated.includes("state")) unestimated.push("state");
  return { sessions, totalSessions: total, exact: unestimated.length === 0, unestimated };
}
