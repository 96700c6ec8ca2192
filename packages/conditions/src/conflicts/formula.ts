/*
 * A condition as a boolean formula over atoms. An atom is one test of the value at one path
 * ("$literal" for implicit equality, or one operator); it keeps its compiled test so the
 * analysis can evaluate it on candidate values. Built to mirror compile.ts exactly.
 */

import { isOperatorObject } from "../compare.ts";
import { compileCtx, compileInternal, compileValue } from "../compile.ts";
import { type CompileCtx, conditionList, no, type ValueFn } from "../nodes.ts";
import { compileOperator } from "../operators.ts";
import { type CompiledCondition, isValueOperator } from "../types.ts";

export interface Atom {
  /** Same key = same test of the same path. */
  key: string;
  path: string;
  op: string;
  arg: unknown;
  test: ValueFn;
  /** Depends on saved groups, which the analysis does not know. */
  groups: boolean;
}

export type Formula =
  | { k: "const"; v: boolean }
  | { k: "and"; c: Formula[] }
  | { k: "or"; c: Formula[] }
  | { k: "not"; c: Formula }
  | { k: "atom"; a: Atom };

export const TRUE: Formula = { k: "const", v: true };
export const FALSE: Formula = { k: "const", v: false };
export const and = (c: Formula[]): Formula =>
  c.length === 1 ? (c[0] as Formula) : { k: "and", c };
export const or = (c: Formula[]): Formula => (c.length === 1 ? (c[0] as Formula) : { k: "or", c });
export const not = (c: Formula): Formula => ({ k: "not", c });

export interface Prepared {
  compiled: CompiledCondition;
  /** null when the condition is malformed (GrowthBook would throw on some attributes). */
  formula: Formula | null;
  atoms: Atom[];
}

class Malformed extends Error {}

/** Where `$savedGroup` atoms are filed: not a path any condition can name. */
const GROUP_PATH = "\u0000$savedGroup";

let unique = 0;

/**
 * A key equal for operands every operator treats alike. JSON.stringify would not do: it maps
 * NaN, Infinity and undefined to null. Only -0 and 0 share a key (no operator tells them apart).
 */
export function argKey(arg: unknown): string {
  const key = (x: unknown): string => {
    switch (typeof x) {
      case "string":
        return JSON.stringify(x);
      case "number":
        return `n${x === 0 ? 0 : x}`;
      case "boolean":
      case "undefined":
        return String(x);
      case "object":
        if (x === null) return "null";
        if (Array.isArray(x)) return `[${Array.from(x, key).join(",")}]`;
        return `{${Object.keys(x)
          .map((k) => `${JSON.stringify(k)}:${key((x as Record<string, unknown>)[k])}`)
          .join(",")}}`;
      default:
        throw new Error("no key");
    }
  };
  try {
    return key(arg);
  } catch {
    return `#${unique++}`; // very deep or exotic: a key of its own (only less sharing)
  }
}

/** One test of one path, compiled; `ctx.throws` is set when GrowthBook would throw on it. */
export function makeAtom(path: string, op: string, arg: unknown, ctx: CompileCtx): Atom {
  const test =
    op === "$literal"
      ? compileValue(arg, 1, ctx)
      : op === "$savedGroup"
        ? no // never evaluated: the analysis does not know the groups
        : compileOperator(op, arg, 1, ctx);
  return {
    key: `${path}\u0000${op}\u0000${argKey(arg)}`,
    path,
    op,
    arg,
    test,
    groups: op === "$inGroup" || op === "$notInGroup" || op === "$savedGroup",
  };
}

/** Turns a condition into a formula, compiling each atom's test. */
export function prepare(cond: unknown, compiled: CompiledCondition): Prepared {
  const internal = compileInternal(cond);
  if (internal.throws) return { compiled, formula: null, atoms: [] };
  if (internal.tooDeep) return { compiled, formula: FALSE, atoms: [] };
  const atoms: Atom[] = [];
  const ctx = compileCtx();

  const atom = (path: string, op: string, arg: unknown): Formula => {
    const a = makeAtom(path, op, arg, ctx);
    atoms.push(a);
    return { k: "atom", a };
  };

  const value = (path: string, v: unknown): Formula => {
    if (v === undefined || typeof v === "bigint") throw new Malformed();
    const structured = v !== null && (typeof v === "object" || typeof v === "function");
    if (!structured || Array.isArray(v) || !isOperatorObject(v)) return atom(path, "$literal", v);
    const parts: Formula[] = [];
    for (const [op, arg] of Object.entries(v as object)) {
      if (op === "$not") parts.push(not(value(path, arg)));
      else if (isValueOperator(op)) parts.push(atom(path, op, arg));
      else parts.push(FALSE); // unknown operator
    }
    return and(parts);
  };

  const condition = (c: unknown): Formula => {
    if (c === null || c === undefined) throw new Malformed();
    const parts: Formula[] = [];
    for (const [k, v] of Object.entries(c)) {
      if (k === "$and" || k === "$or" || k === "$nor") {
        const list = conditionList(v);
        if (list === null) throw new Malformed();
        const children = list.map(condition);
        if (k === "$and") parts.push(and(children));
        else if (k === "$or") parts.push(children.length === 0 ? TRUE : or(children));
        else parts.push(children.length === 0 ? FALSE : not(or(children)));
      } else if (k === "$not") parts.push(not(condition(v)));
      else if (k === "$savedGroup") parts.push(atom(GROUP_PATH, k, v));
      else parts.push(value(k, v));
    }
    return parts.length === 0 ? TRUE : and(parts);
  };

  try {
    const formula = condition(cond);
    return ctx.throws ? { compiled, formula: null, atoms } : { compiled, formula, atoms };
  } catch {
    return { compiled, formula: null, atoms: [] };
  }
}
