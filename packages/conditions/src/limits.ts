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

/**
 * The compiled steps of all `$regex`/`$regexi` clauses of a site's live segments together may not
 * exceed this (checked when a segment is saved live), since every live segment is evaluated on
 * every event. Measured on 2 KB random a/b subjects with "[ab]*a[ab]{120}$" (126 steps): ~16 ms
 * a match idle, ~45 ms median on a loaded machine, while re2js's lazy DFA thrashes; ~1 ms once
 * regex.ts switches such a regex to the NFA. The budget is set on the former, so that it holds
 * without that switch too: ~35 ms an event idle. Two maximal patterns, or e.g. sixteen of 16
 * steps ("^/products/[0-9]+$").
 */
export const MAX_SITE_REGEX_STEPS = 256;

/** Default bound on disjunctive-normal-form terms in the conflict analysis. */
export const MAX_DNF_TERMS = 512;
