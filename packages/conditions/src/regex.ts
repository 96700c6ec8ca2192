import { RE2JS } from "re2js";
import {
  MAX_REGEX_PATTERN_LENGTH,
  MAX_REGEX_PROGRAM_SIZE,
  MAX_REGEX_SUBJECT_LENGTH,
} from "./limits.ts";
import { dialectError } from "./regex-dialect.ts";

/*
 * `$regex` / `$regexi` run on RE2JS, a pure-JS port of RE2 (it also runs in browsers): matching
 * takes time linear in the subject for every pattern, so no pattern can backtrack. The work per
 * match is bounded by program size × subject length: the program by MAX_REGEX_PROGRAM_SIZE
 * (checked after compiling; regex-dialect.ts estimates it first so that compiling is cheap too),
 * the subject by MAX_REGEX_SUBJECT_LENGTH. A pattern accepted here is valid for JavaScript too
 * and reads the same in both dialects (regex-dialect.ts), so what it matches is what GrowthBook's
 * `new RegExp(pattern)` matches, with these differences (RE2 follows Perl/Unicode where JS
 * does not):
 *  - `\s` is [\t\n\f\r ] in RE2; JS adds \v, NBSP, U+2028/2029, U+FEFF and the Unicode spaces;
 *  - `.` excludes only \n in RE2; JS also excludes \r, U+2028 and U+2029;
 *  - RE2 reads the subject as code points: `.` matches a whole emoji, JS one UTF-16 half;
 *  - `$regexi` folds case with Unicode simple folding (K ~ U+212A KELVIN SIGN, s ~ U+017F);
 *  - `$`, `^`, `\d`, `\w`, `\b` agree (no multiline, ASCII classes).
 * A pattern outside that (backreferences, lookaround…) is refused by the validation and, if it
 * reaches the evaluator anyway, never matches, as an invalid one does; evaluation never throws.
 */

export type LinearRegex = RE2JS;

interface Compiled {
  re: LinearRegex | null;
  /** Why the linear-time engine does not run the pattern (null when it does). */
  unsupported: string | null;
}

const cache = new Map<string, Compiled>();
const CACHE_SIZE = 512;

function compile(pattern: string, insensitive: boolean): Compiled {
  if (pattern.length > MAX_REGEX_PATTERN_LENGTH) {
    return { re: null, unsupported: `longer than ${MAX_REGEX_PATTERN_LENGTH} characters` };
  }
  const outside = dialectError(pattern, 4 * MAX_REGEX_PROGRAM_SIZE);
  if (outside) return { re: null, unsupported: outside };
  let re: LinearRegex;
  try {
    re = RE2JS.compile(pattern, insensitive ? RE2JS.CASE_INSENSITIVE : 0);
  } catch (e) {
    const message = e instanceof Error ? e.message : "cannot compile";
    return { re: null, unsupported: message.replace(/^error parsing regexp: /, "") };
  }
  nfaAfterDfaThrash(re);
  const size = re.programSize();
  if (size > MAX_REGEX_PROGRAM_SIZE) {
    return {
      re: null,
      unsupported: `too large: ${size} steps compiled, more than ${MAX_REGEX_PROGRAM_SIZE}`,
    };
  }
  return { re, unsupported: null };
}

interface LazyDfa {
  failed: boolean;
  clearCache: () => void;
  stateBudget: number;
  memBudget: number;
}

/** The lazy DFA's state cache (re2js: 8 MB): filling it is what a thrashing match costs. */
const DFA_CACHE_BYTES = 256 * 1024;

/**
 * re2js runs a lazy DFA first on every match. On a pattern whose DFA keeps growing (e.g.
 * "[ab]*a[ab]{120}$") it fills its 8 MB state cache and starts again, over and over: ~40 ms
 * median, up to ~500 ms on a loaded machine, for a 2 KB subject, against ~1 ms for the
 * NFA/backtracker alone (same answers). As RE2 does when its DFA runs out of memory, once the
 * cache has filled up the NFA runs this regex from then on; and the cache is 256 KB, enough for
 * the few states of an ordinary pattern, so that the one match that fills it stays cheap too.
 * This reaches into re2js (it has no public switch): feature-detected, and without it nothing
 * changes.
 */
function nfaAfterDfaThrash(re: RE2JS): void {
  const dfa = (re as unknown as { re2Input?: { dfa?: Partial<LazyDfa> } }).re2Input?.dfa;
  if (typeof dfa?.clearCache !== "function" || typeof dfa.failed !== "boolean") return;
  if (typeof dfa.stateBudget === "number" && typeof dfa.memBudget === "number") {
    dfa.stateBudget = DFA_CACHE_BYTES;
    dfa.memBudget = DFA_CACHE_BYTES;
  }
  const clear = dfa.clearCache.bind(dfa);
  dfa.clearCache = () => {
    dfa.failed = true; // read when a match starts: this one ends on the DFA, the next on the NFA
    clear();
  };
}

function compiled(pattern: string, insensitive: boolean): Compiled {
  const key = insensitive ? `i${pattern}` : `s${pattern}`;
  let hit = cache.get(key);
  if (hit === undefined) {
    hit = regexSyntaxError(pattern, insensitive)
      ? { re: null, unsupported: null } // invalid for JS: never matches, as in GrowthBook
      : compile(pattern, insensitive);
    if (cache.size >= CACHE_SIZE) cache.clear();
    cache.set(key, hit);
  }
  return hit;
}

/** The matcher for a `$regex`/`$regexi` operand, or null when it is invalid or unsupported. */
export function compileSafeRegex(pattern: unknown, insensitive: boolean): LinearRegex | null {
  return typeof pattern === "string" ? compiled(pattern, insensitive).re : null;
}

/** The compiled program size (steps) of a pattern the engine runs, or null when it never matches. */
export function regexSteps(pattern: string, insensitive: boolean): number | null {
  return compiled(pattern, insensitive).re?.programSize() ?? null;
}

/** Why a pattern valid for JS is not run by the linear-time engine, or null when it is run. */
export function regexUnsupported(pattern: string, insensitive: boolean): string | null {
  return compiled(pattern, insensitive).unsupported;
}

/**
 * Whether the pattern is valid for JavaScript's RegExp (GrowthBook's test of validity). Only
 * compiled, never executed, so this cannot backtrack.
 */
export function regexSyntaxError(pattern: string, insensitive: boolean): string | null {
  try {
    new RegExp(pattern, insensitive ? "i" : "");
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : "invalid regex";
  }
}

/**
 * Each compiled regex's last subject and answer: every event re-evaluates the live segments,
 * mostly on the same strings (the page path only changes on a page view), and a match on 2 KB
 * can cost milliseconds. Weak, so a regex dropped from the compile cache takes its entry along.
 */
const lastMatch = new WeakMap<LinearRegex, { subject: string; matched: boolean }>();

/** `re.test(value)` with GrowthBook's string conversion, the subject cap, and no throw. */
export function testRegex(re: LinearRegex, value: unknown): boolean {
  let s: string;
  try {
    s = `${value}`;
  } catch {
    return false;
  }
  if (s.length > MAX_REGEX_SUBJECT_LENGTH) return false;
  const last = lastMatch.get(re);
  if (last !== undefined && last.subject === s) return last.matched;
  let matched: boolean;
  try {
    matched = re.test(s);
  } catch {
    matched = false;
  }
  lastMatch.set(re, { subject: s, matched });
  return matched;
}

/** A pattern that is plain text with optional ^ / $ anchors, e.g. "^Mobile" or "-12-25$". */
export interface LiteralRegex {
  start: boolean;
  end: boolean;
  text: string;
}

export function parseLiteralRegex(pattern: string): LiteralRegex | null {
  let i = 0;
  let end = pattern.length;
  const start = pattern[0] === "^";
  if (start) i = 1;
  let anchoredEnd = false;
  let text = "";
  while (i < end) {
    const c = pattern[i] as string;
    if (c === "$" && i === end - 1) {
      anchoredEnd = true;
      end--;
      break;
    }
    if (c === "\\") {
      const n = pattern[i + 1];
      if (n === undefined || /[A-Za-z0-9]/.test(n)) return null;
      text += n;
      i += 2;
      continue;
    }
    if ("^$.|?*+()[]{}".includes(c)) return null;
    text += c;
    i++;
  }
  return { start, end: anchoredEnd, text };
}
