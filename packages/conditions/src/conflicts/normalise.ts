/*
 * One canonical form for equivalent ways of writing a condition, built before the normal form:
 * negations pushed down to the atoms, nested `$and`/`$or` flattened, and atoms rewritten to
 * one operator per meaning, so that equivalent forms give the same atoms and the same number
 * of normal-form terms (hence the same verdict, also near the term limit):
 *  - `$nin L` is not `$in L`, `$nini L` not `$ini L`, `$ne v` not `$eq v` (for every value);
 *  - list operands of `$in`, `$ini`, `$all`, `$alli` are sets: sorted, without repeats;
 *  - on a catalogued field that never holds an array, `$eq v` is `$in [v]` (v not NaN:
 *    `includes` finds NaN, `===` does not), and so is the implicit equality `v` where
 *    GrowthBook's coercion cannot tell it apart: a string (not "null" / "undefined", which
 *    `value + ""` gives for a missing value) on a string field, a number other than 0 (a
 *    missing value times 1 is 0) on a number field, `true` on a boolean field, and `null`;
 *  - in an `$or`, the `$in` tests of one path are one `$in` of the union (for arrays too: some
 *    element in L1 or some in L2 is some element in L1 ∪ L2); dually in an `$and`, `not $in`.
 * Every rule holds under GrowthBook's evalCondition on every value the field can hold
 * (test/conflicts-equivalence.test.ts checks the rewrites it undoes).
 */

import { compileCtx } from "../compile.ts";
import { MAX_DEPTH } from "../limits.ts";
import type { FieldSpec } from "../types.ts";
import {
  type Atom,
  argKey,
  FALSE,
  type Formula,
  makeAtom,
  type Prepared,
  TRUE,
} from "./formula.ts";

type Catalogue = ReadonlyMap<string, FieldSpec>;

const SETS = new Set(["$in", "$ini", "$all", "$alli"]);
const NEGATED: Record<string, string> = { $nin: "$in", $nini: "$ini", $ne: "$eq" };

function asSet(list: readonly unknown[]): unknown[] {
  const byKey = new Map<string, unknown>();
  for (const x of list) {
    const k = argKey(x);
    if (!byKey.has(k)) byKey.set(k, x);
  }
  return [...byKey.keys()].sort().map((k) => byKey.get(k));
}

/** A value the field's equality test treats exactly as `includes` would. */
function plainEquality(spec: FieldSpec | undefined, op: string, v: unknown): boolean {
  if (spec === undefined || spec.type === "string[]") return false;
  if (v === null) return true;
  if (op === "$eq") return ["string", "number", "boolean"].includes(typeof v) && !Number.isNaN(v);
  switch (spec.type) {
    case "string":
    case "enum":
      return typeof v === "string" && v !== "null" && v !== "undefined";
    case "number":
      return typeof v === "number" && v !== 0 && !Number.isNaN(v);
    default:
      return v === true;
  }
}

/** The canonical operator and operand of an atom, and whether it is the negation of it. */
function canonical(a: Atom, catalogue: Catalogue): { op: string; arg: unknown; neg: boolean } {
  let { op, arg } = a;
  let neg = false;
  const base = NEGATED[op];
  if (base !== undefined && (op === "$ne" || Array.isArray(arg))) {
    op = base;
    neg = true;
  }
  if ((op === "$eq" || op === "$literal") && plainEquality(catalogue.get(a.path), op, arg)) {
    op = "$in";
    arg = [arg];
  }
  if (SETS.has(op) && Array.isArray(arg)) arg = asSet(arg);
  return { op, arg, neg };
}

const lit = (a: Atom, neg: boolean): Formula =>
  neg ? { k: "not", c: { k: "atom", a } } : { k: "atom", a };

/** The positive (or negated) `$in` atom of a literal, for merging. */
function inAtom(f: Formula, neg: boolean): Atom | null {
  const a = neg ? (f.k === "not" && f.c.k === "atom" ? f.c.a : null) : f.k === "atom" ? f.a : null;
  return a && (a.op === "$in" || a.op === "$ini") && Array.isArray(a.arg) ? a : null;
}

export function normalise(p: Prepared, catalogue: Catalogue): Prepared {
  if (p.formula === null) return p;
  const atoms = new Map<string, Atom>();
  const ctx = compileCtx();
  const atom = (path: string, op: string, arg: unknown, from?: Atom): Atom => {
    const made = from && from.op === op && argKey(from.arg) === argKey(arg) ? from : null;
    const a = made ?? makeAtom(path, op, arg, ctx);
    const seen = atoms.get(a.key);
    if (seen) return seen;
    atoms.set(a.key, a);
    return a;
  };

  // Merges the `$in` literals (positive in an `or`, negated in an `and`) of each path.
  const merge = (children: Formula[], neg: boolean): Formula[] => {
    const byPath = new Map<string, Atom[]>();
    const rest: Formula[] = [];
    for (const c of children) {
      const a = inAtom(c, neg);
      if (a === null || a.groups) rest.push(c);
      else {
        const k = `${a.path}\u0000${a.op}`;
        byPath.set(k, [...(byPath.get(k) ?? []), a]);
      }
    }
    const merged = [...byPath.values()].map((list) => {
      const first = list[0] as Atom;
      if (list.length === 1) return lit(first, neg);
      const union = asSet(list.flatMap((a) => a.arg as unknown[]));
      return lit(atom(first.path, first.op, union), neg);
    });
    return [...merged, ...rest];
  };

  const nnf = (f: Formula, neg: boolean, depth: number): Formula => {
    if (depth > MAX_DEPTH * 4) throw new Error("too deep");
    switch (f.k) {
      case "const":
        return f.v !== neg ? TRUE : FALSE;
      case "atom": {
        const c = canonical(f.a, catalogue);
        return lit(atom(f.a.path, c.op, c.arg, f.a), c.neg !== neg);
      }
      case "not":
        return nnf(f.c, !neg, depth + 1);
      default: {
        const isAnd = (f.k === "and") !== neg;
        const unit = isAnd ? TRUE : FALSE;
        const flat: Formula[] = [];
        for (const c of f.c) {
          const n = nnf(c, neg, depth + 1);
          if (n.k === "const") {
            if (n.v !== isAnd) return n; // false in an and, true in an or
          } else if (n.k === (isAnd ? "and" : "or")) flat.push(...n.c);
          else flat.push(n);
        }
        const list = merge(flat, isAnd);
        if (list.length === 0) return unit;
        return list.length === 1 ? (list[0] as Formula) : { k: isAnd ? "and" : "or", c: list };
      }
    }
  };

  try {
    const formula = nnf(p.formula, false, 0);
    if (ctx.throws) return p;
    return { compiled: p.compiled, formula, atoms: [...atoms.values()] };
  } catch {
    return p; // pathological nesting: the formula as it was
  }
}
