/**
 * A pair of the conflict matrix in words for marketers (issue 20, item 14): what the verdict
 * means for these two segments, and what to do about it, with the other segment's condition as
 * a sentence instead of the JSON in the API's remedies (which stay under "Technical detail").
 * The remedies are the API's two (an exclusive group for two custom segments, or an exclusion in
 * the testing tool for a framework one; else an exclusion in the condition), in words.
 */
import type { ConflictPair } from "@intently/api-contract";

export interface PairSide {
  id: string;
  name: string;
  kind: "framework" | "custom";
  /** The custom segment's condition as a clause ("device type is mobile"), when known. */
  clause?: string;
}

/** What the verdict says about these two, as one sentence. */
export function pairSummary(p: ConflictPair, a: PairSide, b: PairSide): string {
  const [qa, qb] = [`“${a.name}”`, `“${b.name}”`];
  if (p.verdict === "disjoint") return `No session can be in both ${qa} and ${qb}.`;
  if (p.verdict === "unknown")
    return `Whether a session can be in both ${qa} and ${qb} cannot be decided from their conditions.`;
  if (p.verdict === "subset") {
    if (p.direction === "equal") return `${qa} and ${qb} match exactly the same sessions.`;
    if (p.direction === "a-in-b") return `Every session in ${qa} is also in ${qb}.`;
    if (p.direction === "b-in-a") return `Every session in ${qb} is also in ${qa}.`;
  }
  return `A session can be in ${qa} and ${qb} at the same time.`;
}

/** What to do, in words; nothing for a pair that cannot meet or is already in one group. */
export function pairRemedies(p: ConflictPair, a: PairSide, b: PairSide): string[] {
  if (p.verdict === "disjoint" || p.exclusiveGroup) return [];
  // The API's remedies are written for the custom segment of the pair.
  const [own, other] = a.kind === "custom" ? [a, b] : [b, a];
  if (other.kind === "framework")
    return [
      `If both target an experience, exclude one of them in your testing tool’s audience.`,
      `Or add “framework segment is not ${other.name}” to the condition of “${own.name}”.`,
    ];
  return [
    `Put “${own.name}” and “${other.name}” in the same exclusive group (in the builder) and give the one that should win the higher priority: a session then gets only one of them.`,
    other.clause
      ? `Or exclude the sessions of “${other.name}” from “${own.name}”: add “none of (${other.clause})” to its condition.`
      : `Or exclude the sessions of “${other.name}” from the condition of “${own.name}”.`,
  ];
}
