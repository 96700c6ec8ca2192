/** Conditions nested deeper than this never match (guards the stack; GrowthBook has no limit). */
export const MAX_DEPTH = 64;

/** `$regex` patterns longer than this are rejected (never match). */
export const MAX_REGEX_PATTERN_LENGTH = 1024;

/**
 * `$regex` subjects longer than this never match. Together with the pattern rules in regex.ts this
 * bounds backtracking: exponential patterns are rejected, polynomial ones run on ≤ 2048 chars.
 */
export const MAX_REGEX_SUBJECT_LENGTH = 2048;

/** Default bound on disjunctive-normal-form terms in the conflict analysis. */
export const MAX_DNF_TERMS = 512;
