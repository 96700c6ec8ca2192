/** Conditions nested deeper than this never match (guards the stack; GrowthBook has no limit). */
export const MAX_DEPTH = 64;

/** `$regex` patterns longer than this are refused (never match). */
export const MAX_REGEX_PATTERN_LENGTH = 1024;

/**
 * `$regex` patterns that compile to more RE2 instructions than this are refused (never match).
 * The linear-time engine's work per match is at most about program size × subject length; with
 * the subject cap below that is ~0.26 M steps: under 100 ms in the slowest case measured (a
 * pattern whose DFA keeps growing, e.g. "[ab]*a[ab]{120}$" on 2048 random a/b characters).
 */
export const MAX_REGEX_PROGRAM_SIZE = 128;

/**
 * `$regex` subjects longer than this never match (GrowthBook has no such cap). The engine is
 * linear-time whatever the subject; this second bound keeps each match's work small, and covers
 * every string the collector accepts (URLs are at most 2048 characters).
 */
export const MAX_REGEX_SUBJECT_LENGTH = 2048;

/** Default bound on disjunctive-normal-form terms in the conflict analysis. */
export const MAX_DNF_TERMS = 512;
