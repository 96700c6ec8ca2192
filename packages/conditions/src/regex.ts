import { MAX_REGEX_PATTERN_LENGTH, MAX_REGEX_SUBJECT_LENGTH } from "./limits.ts";

/*
 * Regex safety rule. A JS regex cannot be interrupted, so cost is bounded statically:
 *  1. patterns longer than MAX_REGEX_PATTERN_LENGTH are rejected;
 *  2. backreferences (\1…\9, \k<name>) are rejected;
 *  3. a group repeated more than once (*, +, {n,}, {n,m} with m > 1) must not contain a
 *     variable quantifier (star height 1: "(a+)+", "(\d*)*", "(a?){2,}" are rejected) nor an
 *     alternation, unless every alternative starts with a distinct literal character;
 *  4. two adjacent unbounded quantifiers over overlapping characters ("a*a+", ".*\w+") are
 *     rejected;
 *  5. subjects longer than MAX_REGEX_SUBJECT_LENGTH never match.
 * Rules 1-4 remove exponential backtracking; rule 5 bounds the polynomial kind (".*a.*b").
 * A rejected or invalid pattern makes the operator evaluate to false.
 */

type Cls = "d" | "w" | "s" | "D" | "W" | "S";
type AtomClass = { k: "lit"; c: string } | { k: Cls } | { k: "any" };

interface Frame {
  /** The group (or a group inside it) holds a quantifier whose count can vary. */
  variable: boolean;
  /** The group (or a group inside it) has an alternation whose branches may overlap. */
  ambiguous: boolean;
  /** First atom of each alternative (undefined while the alternative is empty). */
  firsts: (AtomClass | undefined)[];
  lookaround: boolean;
  /** The atoms in order, each with whether a quantifier applies to it. */
  seq: { cls: AtomClass; q: boolean }[];
  hasGroup: boolean;
}

/**
 * A group like "(\.\d+)" is safe to repeat although it holds a quantifier: it is one plain
 * sequence that starts (or ends) with a mandatory literal no quantified atom in it can match,
 * so every repetition is delimited.
 */
function delimited(f: Frame, fold: boolean): boolean {
  if (f.firsts.length !== 1 || f.hasGroup || f.seq.length < 2) return false;
  const quantified = f.seq.filter((a) => a.q).map((a) => a.cls);
  const ok = (a: { cls: AtomClass; q: boolean } | undefined) =>
    a !== undefined &&
    !a.q &&
    a.cls.k === "lit" &&
    !quantified.some((c) => overlaps(c, a.cls, fold));
  return ok(f.seq[0]) || ok(f.seq[f.seq.length - 1]);
}

const WORD = /[A-Za-z0-9_]/;
const SPACE = /\s/;
const DIGIT = /[0-9]/;
// Pairs of shorthand classes with no character in common.
const DISJOINT = new Set(["ds", "sd", "ws", "sw", "dD", "Dd", "wW", "Ww", "sS", "Ss", "dW", "Wd"]);

function inClass(c: string, k: Cls): boolean {
  const low = k.toLowerCase();
  const re = low === "d" ? DIGIT : low === "w" ? WORD : SPACE;
  return re.test(c) === (low === k);
}

function overlaps(a: AtomClass, b: AtomClass, fold: boolean): boolean {
  if (a.k === "any" || b.k === "any") return true;
  if (a.k === "lit" && b.k === "lit") {
    return fold ? a.c.toLowerCase() === b.c.toLowerCase() : a.c === b.c;
  }
  if (a.k === "lit") return inClass(a.c, b.k as Cls);
  if (b.k === "lit") return inClass(b.c, a.k);
  return !DISJOINT.has(a.k + b.k);
}

function distinctLiteralFirsts(firsts: (AtomClass | undefined)[], fold: boolean): boolean {
  const seen: AtomClass[] = [];
  for (const f of firsts) {
    if (f?.k !== "lit" || seen.some((s) => overlaps(s, f, fold))) return false;
    seen.push(f);
  }
  return true;
}

interface Quant {
  min: number;
  max: number;
  len: number;
}

function readQuantifier(p: string, i: number): Quant | null {
  const c = p[i];
  let q: Quant | null = null;
  if (c === "*") q = { min: 0, max: Number.POSITIVE_INFINITY, len: 1 };
  else if (c === "+") q = { min: 1, max: Number.POSITIVE_INFINITY, len: 1 };
  else if (c === "?") q = { min: 0, max: 1, len: 1 };
  else if (c === "{") {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(p.slice(i, i + 24));
    if (!m) return null;
    const min = Number(m[1]);
    const max = m[2] === undefined ? min : m[3] === "" ? Number.POSITIVE_INFINITY : Number(m[3]);
    q = { min, max, len: m[0].length };
  }
  if (q && p[i + q.len] === "?") q.len++; // lazy: same cost class
  return q;
}

const SHORTHAND: Record<string, Cls> = { d: "d", D: "D", w: "w", W: "W", s: "s", S: "S" };

/** Length of a group opener: "(", "(?:", "(?=", "(?!", "(?<=", "(?<!", "(?<name>". */
function groupOpen(p: string, i: number): { len: number; lookaround: boolean } {
  const head = p.slice(i, i + 4);
  if (/^\(\?<[=!]/.test(head)) return { len: 4, lookaround: true };
  if (/^\(\?[=!]/.test(head)) return { len: 3, lookaround: true };
  if (head.startsWith("(?:")) return { len: 3, lookaround: false };
  const named = /^\(\?<[^>]*>/.exec(p.slice(i, i + 64));
  if (named) return { len: named[0].length, lookaround: false };
  return { len: 1, lookaround: false };
}

/** Why the pattern is rejected, or null when it is considered safe. */
export function regexRisk(pattern: string, insensitive = false): string | null {
  if (pattern.length > MAX_REGEX_PATTERN_LENGTH) return "pattern too long";
  const frame = (lookaround: boolean): Frame => ({
    variable: false,
    ambiguous: false,
    firsts: [undefined],
    lookaround,
    seq: [],
    hasGroup: false,
  });
  const root = frame(false);
  const stack: Frame[] = [root];
  const top = () => stack[stack.length - 1] as Frame;
  // The atom a following quantifier would apply to, and the unbounded atom just before it.
  let last: { cls: AtomClass; group: Frame | null } | null = null;
  let prevUnbounded: AtomClass | null = null;
  const atom = (cls: AtomClass, group: Frame | null) => {
    if (last) prevUnbounded = null; // an unquantified atom separates quantifiers
    const f = top();
    if (f.firsts[f.firsts.length - 1] === undefined) f.firsts[f.firsts.length - 1] = cls;
    f.seq.push({ cls, q: false });
    if (group) f.hasGroup = true;
    last = { cls, group };
  };
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i] as string;
    const q = last ? readQuantifier(pattern, i) : null;
    if (q && last) {
      const { cls, group } = last as { cls: AtomClass; group: Frame | null };
      if (group && q.max > 1) {
        if (group.variable && !delimited(group, insensitive)) return "nested quantifier";
        if (group.ambiguous) return "repeated alternation with overlapping branches";
      }
      const seq = top().seq;
      const lastAtom = seq[seq.length - 1];
      if (lastAtom) lastAtom.q = true;
      if (q.min !== q.max) top().variable = true;
      if (q.max === Number.POSITIVE_INFINITY) {
        if (prevUnbounded && overlaps(prevUnbounded, cls, insensitive)) {
          return "adjacent overlapping quantifiers";
        }
        prevUnbounded = cls;
      } else if (q.min > 0) prevUnbounded = null;
      last = null;
      i += q.len;
      continue;
    }
    if (c === "\\") {
      const n = pattern[i + 1] ?? "";
      if (/[1-9]/.test(n) || (n === "k" && pattern[i + 2] === "<")) return "backreference";
      const sh = SHORTHAND[n];
      if (n === "b" || n === "B") last = null;
      else if (sh) atom({ k: sh }, null);
      else if (/[A-Za-z0-9]/.test(n)) atom({ k: "any" }, null);
      else atom({ k: "lit", c: n }, null);
      i += 2;
    } else if (c === "[") {
      let j = i + 1;
      if (pattern[j] === "^") j++;
      while (j < pattern.length && pattern[j] !== "]") j += pattern[j] === "\\" ? 2 : 1;
      atom({ k: "any" }, null);
      i = j + 1;
    } else if (c === "(") {
      const g = groupOpen(pattern, i);
      stack.push(frame(g.lookaround));
      last = null;
      prevUnbounded = null;
      i += g.len;
    } else if (c === ")") {
      const f = stack.length > 1 ? (stack.pop() as Frame) : null;
      if (f) {
        if (f.firsts.length > 1 && !distinctLiteralFirsts(f.firsts, insensitive))
          f.ambiguous = true;
        const parent = top();
        parent.variable ||= f.variable;
        parent.ambiguous ||= f.ambiguous;
        if (f.lookaround) {
          parent.hasGroup = true;
          last = null;
        } else {
          // What a repetition of the group can start with, for the adjacency rule.
          const head = f.firsts.length === 1 && f.seq[0] && !f.seq[0].q ? f.seq[0].cls : null;
          atom(head ?? { k: "any" }, f);
        }
      }
      i++;
    } else if (c === "|") {
      top().firsts.push(undefined);
      last = null;
      prevUnbounded = null;
      i++;
    } else if (c === "^" || c === "$") {
      last = null;
      i++;
    } else {
      atom(c === "." ? { k: "any" } : { k: "lit", c }, null);
      i++;
    }
  }
  return null;
}

const cache = new Map<string, RegExp | null>();
const CACHE_SIZE = 512;

/** The RegExp for a `$regex`/`$regexi` operand, or null when it is invalid or unsafe. */
export function compileSafeRegex(pattern: unknown, insensitive: boolean): RegExp | null {
  if (typeof pattern !== "string") return null;
  const key = insensitive ? `i${pattern}` : `s${pattern}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  let re: RegExp | null = null;
  if (regexRisk(pattern, insensitive) === null) {
    try {
      // GrowthBook escapes unescaped "/" first; that does not change what the pattern matches.
      re = new RegExp(pattern, insensitive ? "i" : "");
    } catch {
      re = null;
    }
  }
  if (cache.size >= CACHE_SIZE) cache.clear();
  cache.set(key, re);
  return re;
}

/** Whether the pattern compiles at all (ignoring the safety rule). */
export function regexSyntaxError(pattern: string, insensitive: boolean): string | null {
  try {
    new RegExp(pattern, insensitive ? "i" : "");
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : "invalid regex";
  }
}

/** `re.test(value)` with GrowthBook's string conversion, the subject cap, and no throw. */
export function testRegex(re: RegExp, value: unknown): boolean {
  let s: string;
  try {
    s = `${value}`;
  } catch {
    return false;
  }
  if (s.length > MAX_REGEX_SUBJECT_LENGTH) return false;
  return re.test(s);
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
