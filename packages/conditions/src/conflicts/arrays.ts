/*
 * Deciding a conjunction of literals for array values.
 *
 * Arrays of strings (catalogue type "string[]") are decided exactly when every literal only
 * asks which strings the array holds and how long it is: `$in`/`$nin`/`$all` of strings,
 * `$elemMatch` of equalities, `$size` of a number or numeric comparisons, JSON equality with
 * a literal array, and tests that hold on every array or on none. Such literals cannot tell
 * apart two strings that every list treats alike, so the listed strings fall into a few
 * classes (plus one for every unlisted string); an array is then seen as the set of classes it
 * holds and its length, and every such pair is tried with concrete arrays. Without this, an
 * `$in` and the `$or` of its values, or `$nin` and `$not` of `$in`, got different verdicts:
 * only atoms written identically cancelled out.
 *
 * Other arrays, and other literals, are only checked on candidate arrays.
 */
import type { SavedGroups } from "../types.ts";
import { isPlainObject } from "../validate-ops.ts";
import { spend, testCost } from "./budget.ts";
import type { Literal } from "./dnf.ts";
import { allPass, type Decision, tryCandidates } from "./kinds.ts";

const NO_GROUPS = Object.freeze({}) as SavedGroups;

type Status = "full" | "empty" | "opaque";

/** Whether the atom holds on every array, on none, or depends on the array. */
function arrayStatus(op: string, arg: unknown): Status {
  switch (op) {
    case "$literal":
      if (arg === null) return "empty";
      if (typeof arg === "boolean") return arg ? "full" : "empty"; // arrays are truthy
      if (typeof arg === "string" || typeof arg === "number" || Array.isArray(arg)) return "opaque";
      return "empty"; // JSON of an array never equals that of an object
    case "$eq":
      return "empty";
    case "$ne":
      return "full";
    case "$exists":
      return arg ? "full" : "empty";
    case "$type":
      return arg === "array" ? "full" : "empty";
    case "$in":
    case "$ini":
      return !Array.isArray(arg) || arg.length === 0 ? "empty" : "opaque";
    case "$nin":
    case "$nini":
    case "$all":
    case "$alli":
      if (!Array.isArray(arg)) return "empty";
      return arg.length === 0 ? "full" : "opaque";
    default:
      return "opaque";
  }
}

const EQUALITY_OPS = new Set(["$eq", "$ne", "$in", "$nin", "$exists", "$type"]);

/** An `$elemMatch` operand that treats every string outside its own constants alike. */
function equalityOperand(x: unknown): boolean {
  if (!isPlainObject(x)) return false;
  const ops = Object.keys(x);
  return ops.length > 0 && ops.every((op) => EQUALITY_OPS.has(op));
}

const SIZE_OPS = new Set(["$eq", "$ne", "$gt", "$gte", "$lt", "$lte", "$in", "$nin", "$exists"]);

/**
 * `$size` operands whose truth changes only at their own numeric constants, so that lengths
 * between two constants behave alike (lengthMarks tries one of each).
 */
function sizeOperand(x: unknown): boolean {
  if (!isPlainObject(x)) return x === null || typeof x !== "object";
  const ops = Object.keys(x);
  return ops.length > 0 && ops.every((op) => SIZE_OPS.has(op));
}

/** Whether the literal is one the exact string-array decision models. */
function modelled(l: Literal): boolean {
  const { op, arg } = l.atom;
  if (arrayStatus(op, arg) !== "opaque") return true;
  switch (op) {
    case "$in":
    case "$nin":
      return true;
    case "$all":
      return (arg as unknown[]).every((e) => typeof e === "string");
    case "$elemMatch":
      return equalityOperand(arg);
    case "$size":
      return sizeOperand(arg);
    case "$literal":
      return Array.isArray(arg); // JSON equality with one array
    default:
      return false;
  }
}

function stringsIn(x: unknown, out: Set<string>, depth = 0): void {
  if (typeof x === "string") out.add(x);
  else if (depth < 4 && x !== null && typeof x === "object") {
    for (const v of Object.values(x)) stringsIn(v, out, depth + 1);
  }
}

/** Lengths longer than this are not built: a `$size` beyond it is left undecided. */
const MAX_LENGTH = 1000;

/**
 * Lengths worth trying: the integers next to every numeric constant of a `$size` (the tests
 * change truth only there); null when a constant is too large to build an array that long.
 */
function lengthMarks(lits: readonly Literal[]): number[] | null {
  const marks = new Set<number>([0, 1, 2]);
  let tooLong = false;
  const add = (x: unknown) => {
    if (Array.isArray(x)) x.forEach(add);
    else if (isPlainObject(x)) Object.values(x).forEach(add);
    else if (typeof x === "number" || typeof x === "string" || typeof x === "boolean") {
      const n = Number(x);
      if (Number.isNaN(n) || n < 0 || n === Number.POSITIVE_INFINITY) return;
      if (n > MAX_LENGTH) tooLong = true;
      else for (const m of [Math.floor(n), Math.ceil(n)]) marks.add(m).add(m + 1);
    }
  };
  for (const l of lits) if (l.atom.op === "$size") add(l.atom.arg);
  return tooLong ? null : [...marks].sort((a, b) => a - b);
}

/** At most 2^8 sets of classes are tried per term. */
const MAX_CLASSES = 8;

/** A string outside `used`. */
function fresh(used: ReadonlySet<string>, k: number): string {
  let s = `~${k}`;
  while (used.has(s)) s += "~";
  return s;
}

/** Up to `want` distinct arrays holding exactly the classes `members` (representatives), length n. */
function realise(members: readonly string[][], n: number, want: number): unknown[][] {
  const out = new Map<string, string[]>();
  const k = members.length;
  for (let r = 0; r < Math.max(k, 1) && out.size < want; r++) {
    for (let alt = 0; alt < 2 && out.size < want; alt++) {
      const reps = members.map((m, i) => m[(i + alt) % m.length] as string);
      const rotated = [...reps.slice(r), ...reps.slice(0, r)];
      for (let p = 0; p < Math.max(k, 1) && out.size < want; p++) {
        const arr = [...rotated];
        while (arr.length < n) arr.push(rotated[p] as string);
        out.set(JSON.stringify(arr), arr);
      }
    }
  }
  return [...out.values()];
}

/** Exact decision over string arrays; null when some literal is outside the fragment. */
function decideStringArray(lits: readonly Literal[]): Decision | null {
  if (!lits.every(modelled)) return null;
  const equality = lits.filter((l) => l.atom.op === "$literal" && Array.isArray(l.atom.arg));
  const fixed = equality.find((l) => !l.neg);
  if (fixed) {
    // JSON equality with a literal array: that array is the only candidate.
    const arr = fixed.atom.arg as unknown[];
    if (!arr.every((x) => typeof x === "string")) return { s: "unsat" };
    return tryCandidates(lits, [JSON.parse(JSON.stringify(arr))], true, "");
  }
  const consts = new Set<string>();
  for (const l of lits) stringsIn(l.atom.arg, consts);
  // Strings in one class pass every element test alike; one fresh string stands for the rest.
  const pool = [...consts, fresh(consts, 0), fresh(consts, 1)];
  const classes = new Map<string, string[]>();
  const cost = testCost(lits);
  for (const s of pool) {
    spend(cost);
    // $all asks for each of its strings: those are told apart one by one.
    const key = lits
      .map(({ atom }) =>
        atom.op === "$size"
          ? ""
          : atom.op === "$all" && (atom.arg as string[]).includes(s)
            ? JSON.stringify(s)
            : atom.test([s], NO_GROUPS)
              ? "1"
              : "0",
      )
      .join(",");
    const c = classes.get(key);
    if (c) c.push(s);
    else classes.set(key, [s]);
  }
  // A class that some "no element may" literal refuses (`$nin`, not `$in`, not `$elemMatch`)
  // is in no matching array: only the others are combined.
  const universal = lits.filter(
    (l) => (l.atom.op === "$nin") !== l.neg && ["$in", "$nin", "$elemMatch"].includes(l.atom.op),
  );
  const list = [...classes.values()].filter((c) => allPass(universal, [c[0]]) === true);
  if (list.length > MAX_CLASSES) return null;
  // Which classes an array holds decides every literal but `$size` (its length) and JSON
  // equality (its order); as bit masks over the classes, so that each set is checked in a
  // few operations, and lengths and orders are tried only for sets that pass the rest.
  const bits = (pass: (rep: string) => boolean) =>
    list.reduce((m, c, i) => (pass(c[0] as string) ? m | (1 << i) : m), 0);
  const checks = lits.flatMap(({ atom, neg }): ((mask: number) => boolean)[] => {
    const { op, arg } = atom;
    if (arrayStatus(op, arg) !== "opaque" || op === "$size" || op === "$literal") return [];
    let holds: (mask: number) => boolean;
    if (op === "$all") {
      // Each of its strings is a class of its own, unless a refused one: then never.
      const all = arg as string[];
      const need = bits((rep) => all.includes(rep));
      const possible = all.every((e) => list.some((c) => c.includes(e)));
      holds = possible ? (mask) => (mask & need) === need : () => false;
    } else {
      const ok = bits((rep) => atom.test([rep], NO_GROUPS));
      holds = op === "$nin" ? (mask) => (mask & ~ok) === 0 : (mask) => (mask & ok) !== 0;
    }
    return [neg ? (mask) => !holds(mask) : holds];
  });
  const sizes = lits.filter((l) => l.atom.op === "$size");
  const marks = lengthMarks(lits);
  if (marks === null) return null;
  const lengthOk = new Map<number, boolean>();
  const fits = (n: number) => {
    let ok = lengthOk.get(n);
    if (ok === undefined) {
      ok = allPass(sizes, new Array(n).fill("")) === true;
      lengthOk.set(n, ok);
    }
    return ok;
  };
  const lengthsFor = (k: number) =>
    (k === 0 ? [0] : [k, ...marks.filter((m) => m > k)]).filter(fits);
  // Arrays excluded one by one (negated JSON equality): try one more array than there are.
  const want = equality.length + 1;
  const masks = masksBySize(list.length);
  let undecided = false;
  for (const mask of masks) {
    spend(1 + checks.length);
    if (!checks.every((holds) => holds(mask))) continue;
    const members = list.filter((_, i) => mask & (1 << i));
    const k = members.length;
    for (const n of lengthsFor(k)) {
      const arrays = realise(members, n, want);
      const r = tryCandidates(lits, arrays, true, "");
      if (r.s !== "unsat") return r; // "maybe" only from a saved-group test
      // Fewer distinct arrays than excluded ones: they may all have been excluded.
      const unique = k === 0 || (k === 1 && (members[0] as string[]).length === 1);
      if (arrays.length < want && !unique) undecided = true;
    }
  }
  return undecided ? { s: "maybe", why: "an array equality test" } : { s: "unsat" };
}

const MASKS: number[][] = [];

/** Every subset of n classes, smallest first (small examples). */
function masksBySize(n: number): readonly number[] {
  let m = MASKS[n];
  if (m === undefined) {
    m = Array.from({ length: 2 ** n }, (_, i) => i).sort(
      (a, b) => popcount(a) - popcount(b) || a - b,
    );
    MASKS[n] = m;
  }
  return m;
}

function popcount(x: number): number {
  let c = 0;
  for (let y = x; y; y &= y - 1) c++;
  return c;
}

function constants(lits: readonly Literal[], strings: boolean): unknown[] {
  const out = new Set<unknown>();
  const add = (x: unknown) => {
    if (typeof x === "string" || (!strings && typeof x === "number")) out.add(x);
  };
  for (const { atom } of lits) {
    if (Array.isArray(atom.arg)) atom.arg.forEach(add);
    else add(atom.arg);
  }
  return [...out].slice(0, 12);
}

export function decideArray(lits: readonly Literal[], ofStrings: boolean): Decision {
  let opaque = false;
  for (const l of lits) {
    const st = arrayStatus(l.atom.op, l.atom.arg);
    if (st === "opaque") opaque = true;
    else if ((st === "full") === l.neg) return { s: "unsat" };
  }
  if (ofStrings) {
    const exact = decideStringArray(lits);
    if (exact !== null) return exact;
  }
  const consts = constants(lits, ofStrings);
  const candidates: unknown[] = [[], consts];
  for (const c of consts) candidates.push([c]);
  for (let i = 0; i < consts.length; i++) {
    for (let j = i + 1; j < consts.length; j++) candidates.push([consts[i], consts[j]]);
  }
  for (const { atom } of lits) {
    if (atom.op === "$literal" && Array.isArray(atom.arg)) {
      const arr = JSON.parse(JSON.stringify(atom.arg)) as unknown[];
      if (!ofStrings || arr.every((x) => typeof x === "string")) candidates.push(arr);
    }
    if (atom.op === "$literal" && typeof atom.arg === "string")
      candidates.push(atom.arg.split(","));
  }
  return tryCandidates(lits, candidates, !opaque, "an array test");
}
