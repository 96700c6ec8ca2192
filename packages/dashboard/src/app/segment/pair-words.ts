/**
 * A pair of the conflict matrix in words for marketers (issue 20, item 14): what the verdict
 * means for these two segments, and what to do about it, with the other segment's condition as
 * a sentence. The API sends remedies as data (kind and parameters); their words are here only.
 */
import type { ConflictPair, Remedy } from "@intently/api-contract";

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

/**
 * One remedy in words: the one place where the API's structured remedies (api-contract's
 * Remedy) are phrased, for the conflict matrix and the builder's warnings alike. `own` is the
 * custom segment to change (null: “this segment”, in the builder), `other` the one it meets.
 */
export function remedyWords(r: Remedy, own: { name: string | null }, other: PairSide): string {
  const ownQ = own.name === null ? "this segment" : `“${own.name}”`;
  switch (r.kind) {
    case "testing-tool-exclusion":
      return `If both target an experience, exclude one of them in your testing tool’s audience.`;
    case "exclusive-group":
      return `Put ${ownQ} and “${other.name}” in the same exclusive group (for example “${r.group}”, in the builder) and give the one that should win the higher priority: a session then gets only one of them.`;
    case "exclude-from-condition":
      if (other.kind === "framework")
        return `Or add “framework segment is not ${other.name}” to the condition of ${ownQ}.`;
      return other.clause
        ? `Or exclude the sessions of “${other.name}” from ${ownQ}: add “none of (${other.clause})” to its condition.`
        : `Or exclude the sessions of “${other.name}” from the condition of ${ownQ}.`;
  }
}

/** What to do about a pair of the matrix, in words (none when the API offers none). */
export function pairRemedies(p: ConflictPair, a: PairSide, b: PairSide): string[] {
  return p.remedies.map((r) => {
    const [own, other] = r.segment === a.id ? [a, b] : [b, a];
    return remedyWords(r, own, other);
  });
}
