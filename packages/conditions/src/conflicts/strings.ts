/*
 * Deciding a conjunction of literals for string values. Exact for equality/membership,
 * lexicographic comparisons, and (with no other constraint) numeric comparisons through
 * ToNumber; literal regexes (^text, text$, text) are reasoned about as prefix/suffix/substring.
 * Anything else is only checked on candidate strings.
 */
import { MAX_REGEX_SUBJECT_LENGTH } from "../limits.ts";
import { compileSafeRegex, parseLiteralRegex } from "../regex.ts";
import type { Literal } from "./dnf.ts";
import { type Decision, tryCandidates } from "./kinds.ts";
import { NumSet } from "./numset.ts";
import { candidates, finiteInterval, type State } from "./string-candidates.ts";

function intersectInclude(st: State, values: Iterable<string>): void {
  const next = new Set<string>();
  for (const v of values) if (st.include === null || st.include.has(v)) next.add(v);
  st.include = next;
}

function raiseLo(st: State, s: string, open: boolean): void {
  const v = open ? `${s}\u0000` : s; // the least string above s is s + "\0"
  if (v > st.lo) st.lo = v;
}

function lowerHi(st: State, s: string, open: boolean): void {
  if (st.hi === null || s < st.hi || (s === st.hi && open)) {
    st.hi = s;
    st.hiOpen = open;
  }
}

type Cmp = "$gt" | "$gte" | "$lt" | "$lte";
const FLIP: Record<Cmp, Cmp> = { $gt: "$lte", $gte: "$lt", $lt: "$gte", $lte: "$gt" };

function compare(st: State, op: Cmp, arg: unknown, neg: boolean): void {
  const o = neg ? FLIP[op] : op;
  if (typeof arg === "string" || (arg !== null && typeof arg === "object")) {
    let c: string;
    try {
      c = String(arg); // both sides end up strings: lexicographic
    } catch {
      st.opaque = true;
      return;
    }
    st.consts.add(c);
    if (o === "$gt" || o === "$gte") raiseLo(st, c, o === "$gt");
    else lowerHi(st, c, o === "$lt");
    return;
  }
  let n: number;
  try {
    n = Number(arg); // a number on one side: Number(s) is compared
  } catch {
    st.opaque = true;
    return;
  }
  const s = NumSet.compare(op, n);
  st.num = st.num.intersect(neg ? s.complement() : s);
}

/** pos: whether the literal requires the atom to hold. */
function apply(st: State, op: string, arg: unknown, pos: boolean): void {
  const need = (holds: boolean) => {
    if (holds !== pos) st.impossible = true;
  };
  const strings = Array.isArray(arg) ? arg.filter((x): x is string => typeof x === "string") : [];
  for (const s of strings) st.consts.add(s);
  if (typeof arg === "string") st.consts.add(arg);
  switch (op) {
    case "$literal":
      if (typeof arg === "string") {
        if (pos) intersectInclude(st, [arg]);
        else st.exclude.add(arg);
      } else if (typeof arg === "number") {
        const s = NumSet.eq(arg);
        st.num = st.num.intersect(pos ? s : s.complement());
      } else if (typeof arg === "boolean") {
        if (arg === pos) st.exclude.add("");
        else intersectInclude(st, [""]);
      } else need(false);
      return;
    case "$eq":
    case "$ne": {
      const eq = op === "$eq" ? pos : !pos;
      if (typeof arg !== "string") {
        if (eq) st.impossible = true;
      } else if (eq) intersectInclude(st, [arg]);
      else st.exclude.add(arg);
      return;
    }
    case "$gt":
    case "$gte":
    case "$lt":
    case "$lte":
      compare(st, op, arg, !pos);
      return;
    case "$exists":
      need(!!arg);
      return;
    case "$type":
      need(arg === "string");
      return;
    case "$in":
    case "$nin": {
      if (!Array.isArray(arg)) {
        need(false);
        return;
      }
      if ((op === "$in") === pos) intersectInclude(st, strings);
      else for (const s of strings) st.exclude.add(s);
      return;
    }
    case "$ini":
    case "$nini": {
      if (!Array.isArray(arg)) {
        need(false);
        return;
      }
      const folded = strings.map((s) => s.toLowerCase());
      if ((op === "$ini") === pos) {
        st.foldIn = new Set(folded.filter((f) => st.foldIn === null || st.foldIn.has(f)));
      } else for (const f of folded) st.foldOut.add(f);
      return;
    }
    case "$size":
    case "$elemMatch":
    case "$all":
    case "$alli":
      need(false);
      return;
    case "$regex":
      regex(st, arg, pos);
      return;
    default:
      st.opaque = true; // $regexi, $v*, saved groups
  }
}

function regex(st: State, arg: unknown, pos: boolean): void {
  if (compileSafeRegex(arg, false) === null) {
    if (pos) st.impossible = true; // never matches
    return;
  }
  const lit = parseLiteralRegex(arg as string);
  if (lit === null) {
    st.opaque = true;
    return;
  }
  st.consts.add(lit.text);
  if (lit.start && lit.end) {
    if (pos) intersectInclude(st, [lit.text]);
    else st.exclude.add(lit.text); // short enough to be tested, so exactly excluded
    return;
  }
  if (pos) st.bounded = true;
  const list = lit.start ? (pos ? st.pre : st.notPre) : lit.end ? (pos ? st.suf : st.notSuf) : null;
  if (list) list.push(lit.text);
  else (pos ? st.has : st.notHas).push(lit.text);
}

/** The least string above every string starting with p, or null when there is none. */
function prefixEnd(p: string): string | null {
  let i = p.length - 1;
  while (i >= 0 && p.charCodeAt(i) === 0xffff) i--;
  if (i < 0) return null;
  return p.slice(0, i) + String.fromCharCode(p.charCodeAt(i) + 1);
}

function chainCompatible(list: string[], fits: (long: string, short: string) => boolean): boolean {
  const sorted = [...list].sort((x, y) => y.length - x.length);
  const longest = sorted[0];
  return longest === undefined || sorted.every((s) => fits(longest, s));
}

/** Exact refutations; true when no string satisfies the state. */
function refuted(st: State): boolean {
  for (const p of st.pre) {
    raiseLo(st, p, false);
    const end = prefixEnd(p);
    if (end !== null) lowerHi(st, end, true);
  }
  if (st.hi !== null && (st.lo > st.hi || (st.lo === st.hi && st.hiOpen))) return true;
  if (st.num.isEmpty()) return true;
  if (st.foldIn && [...st.foldIn].every((f) => st.foldOut.has(f))) return true;
  if (!chainCompatible(st.pre, (l, s) => l.startsWith(s))) return true;
  if (!chainCompatible(st.suf, (l, s) => l.endsWith(s))) return true;
  if (st.bounded) {
    if (st.notPre.some((q) => st.pre.some((p) => p.startsWith(q)))) return true;
    if (st.notSuf.some((q) => st.suf.some((p) => p.endsWith(q)))) return true;
    const required = [...st.pre, ...st.suf, ...st.has];
    if (st.notHas.some((d) => required.some((r) => r.includes(d)))) return true;
  }
  return false;
}

export function decideString(lits: readonly Literal[], enumValues?: readonly string[]): Decision {
  const st: State = {
    impossible: false,
    include: enumValues ? new Set(enumValues) : null,
    exclude: new Set(),
    lo: "",
    hi: null,
    hiOpen: false,
    num: NumSet.ALL,
    foldIn: null,
    foldOut: new Set(),
    pre: [],
    suf: [],
    has: [],
    notPre: [],
    notSuf: [],
    notHas: [],
    bounded: false,
    opaque: false,
    consts: new Set(),
  };
  for (const l of lits) apply(st, l.atom.op, l.atom.arg, !l.neg);
  if (st.impossible) return { s: "unsat" };
  if (st.include !== null) {
    const finite = [...st.include].filter((s) => !st.exclude.has(s));
    return tryCandidates(lits, finite, true, "");
  }
  if (refuted(st)) return { s: "unsat" };
  const found = tryCandidates(
    lits,
    candidates(st),
    false,
    "a string test outside the exact fragment",
  );
  if (found.s === "sat") return found;
  // A finite lexicographic interval holds every candidate there is: test them all.
  const finite = finiteInterval(st);
  if (finite && finite.length <= MAX_REGEX_SUBJECT_LENGTH) {
    return tryCandidates(lits, finite, true, "");
  }
  return found;
}
