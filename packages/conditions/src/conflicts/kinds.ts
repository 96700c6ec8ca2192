/*
 * What a single literal says about values of one kind (number, array, object), and how a
 * conjunction of literals on one path is decided for that kind. Verdicts:
 *  - "sat" comes with a concrete value that passes every literal (checked by evaluation);
 *  - "unsat" only from exact reasoning;
 *  - "maybe" otherwise.
 */
import { compileSafeRegex, parseLiteralRegex } from "../regex.ts";
import type { SavedGroups } from "../types.ts";
import { spend, testCost } from "./budget.ts";
import type { Literal } from "./dnf.ts";
import { NumSet } from "./numset.ts";

export type Decision = { s: "sat"; value: unknown } | { s: "unsat" } | { s: "maybe"; why: string };

const NO_GROUPS = Object.freeze({}) as SavedGroups;

/** Every literal holds on v: true / false, or null when a saved-group test is involved. */
export function allPass(lits: readonly Literal[], v: unknown): boolean | null {
  spend(testCost(lits));
  let unknown = false;
  for (const l of lits) {
    if (l.atom.groups) {
      unknown = true;
      continue;
    }
    let r: boolean;
    try {
      r = l.atom.test(v, NO_GROUPS);
    } catch {
      unknown = true;
      continue;
    }
    if (r === l.neg) return false;
  }
  return unknown ? null : true;
}

/** Tries candidates in order; "unsat" only when `exact` and every candidate is refuted. */
export function tryCandidates(
  lits: readonly Literal[],
  candidates: Iterable<unknown>,
  exact: boolean,
  why: string,
): Decision {
  let unknown = false;
  for (const c of candidates) {
    const r = allPass(lits, c);
    if (r === true) return { s: "sat", value: c };
    if (r === null) unknown = true;
  }
  if (exact && !unknown) return { s: "unsat" };
  return { s: "maybe", why: unknown ? "a saved-group test" : why };
}

const toNumbers = (list: readonly unknown[]) =>
  list.filter((x): x is number => typeof x === "number");

/** The exact set of numbers on which the atom holds, or null when not modelled. */
export function numberSet(op: string, arg: unknown): NumSet | null {
  switch (op) {
    case "$literal":
      if (typeof arg === "string") {
        const n = Number(arg);
        return String(n) === arg ? NumSet.same(n) : NumSet.NONE; // x + "" === arg
      }
      if (typeof arg === "number") return NumSet.eq(arg); // x * 1 === arg
      if (typeof arg === "boolean") {
        const falsy = NumSet.eq(0).union(NumSet.same(Number.NaN));
        return arg ? falsy.complement() : falsy;
      }
      return NumSet.NONE;
    case "$eq":
      return typeof arg === "number" ? NumSet.eq(arg) : NumSet.NONE;
    case "$ne":
      return typeof arg === "number" ? NumSet.eq(arg).complement() : NumSet.ALL;
    case "$gt":
    case "$gte":
    case "$lt":
    case "$lte": {
      let c: number;
      try {
        c = Number(arg); // x op arg compares numerically once x is a number
      } catch {
        return null;
      }
      return NumSet.compare(op, c);
    }
    case "$exists":
      return arg ? NumSet.ALL : NumSet.NONE;
    case "$type":
      return arg === "number" ? NumSet.ALL : NumSet.NONE;
    case "$in":
    case "$nin": {
      if (!Array.isArray(arg)) return NumSet.NONE;
      const s = NumSet.points(toNumbers(arg)); // SameValueZero
      return op === "$in" ? s : s.complement();
    }
    case "$ini":
    case "$nini": {
      if (!Array.isArray(arg)) return NumSet.NONE;
      const s = NumSet.points(toNumbers(arg).filter((x) => !Number.isNaN(x))); // ===
      return op === "$ini" ? s : s.complement();
    }
    case "$size":
    case "$elemMatch":
    case "$all":
    case "$alli":
      return NumSet.NONE; // need an array
    case "$regex":
    case "$regexi":
      return regexNumbers(arg, op === "$regexi");
    default:
      return null;
  }
}

// Every character String(x) can produce for a number x.
const NUMBER_CHARS = new Set("0123456789.-+eInfinityNaN");
const NUMBER_CHARS_FOLDED = new Set("0123456789.-+einfinityan");

/** Numbers whose string form a literal regex matches: none when its text cannot occur. */
function regexNumbers(arg: unknown, fold: boolean): NumSet | null {
  if (compileSafeRegex(arg, fold) === null) return NumSet.NONE;
  const lit = parseLiteralRegex(arg as string);
  if (lit === null) return null;
  const text = fold ? lit.text.toLowerCase() : lit.text;
  const chars = fold ? NUMBER_CHARS_FOLDED : NUMBER_CHARS;
  for (const ch of text) if (!chars.has(ch)) return NumSet.NONE;
  if (lit.start && lit.end && !fold) return numberSet("$literal", lit.text);
  return null;
}

export function decideNumber(lits: readonly Literal[]): Decision {
  let set = NumSet.ALL;
  let opaque = false;
  for (const l of lits) {
    const s = numberSet(l.atom.op, l.atom.arg);
    if (s === null) {
      opaque = true;
      continue;
    }
    set = set.intersect(l.neg ? s.complement() : s);
    if (set.isEmpty()) return { s: "unsat" };
  }
  return tryCandidates(lits, set.samples(), !opaque, "a number test outside the exact fragment");
}

function copyJson(x: unknown): unknown {
  return JSON.parse(JSON.stringify(x));
}

/**
 * Plain objects all behave alike for every atom except JSON equality with a literal object:
 * they convert to "[object Object]", are truthy, and are never in a list or identical to one.
 */
export function decideObject(lits: readonly Literal[]): Decision {
  const candidates: unknown[] = [{}];
  let opaque = false;
  for (const { atom } of lits) {
    const a = atom.arg;
    if (atom.op === "$literal" && a !== null && typeof a === "object") {
      opaque = true;
      if (!Array.isArray(a)) candidates.push(copyJson(a));
    }
  }
  candidates.push({ x: 1 });
  return tryCandidates(lits, candidates, !opaque, "an object test");
}
