import { generateCondition } from "./codegen.ts";
import {
  compilePath,
  concatString,
  isOperatorObject,
  plainPath,
  readKey,
  readParts,
} from "./compare.ts";
import { savedGroupNode } from "./groups.ts";
import { MAX_DEPTH } from "./limits.ts";
import {
  allOf,
  anyOf,
  type CompileCtx,
  type CondFn,
  conditionList,
  no,
  not,
  thrower,
  type ValueFn,
  yes,
} from "./nodes.ts";
import { compileOperator } from "./operators.ts";
import type { CompiledCondition, CompileOptions, SavedGroups } from "./types.ts";

const NO_GROUPS: SavedGroups = Object.freeze({}) as SavedGroups;

const stringEq = (x: unknown, s: string): boolean =>
  typeof x === "string" ? x === s : concatString(x) === s;
const numberEq = (x: unknown, n: number): boolean =>
  typeof x === "number" ? x === n : (x as number) * 1 === n;

/**
 * Reads the path and applies the test. The usual shapes (one or two segments, a string or
 * number literal) get a closure of their own that calls only small top-level helpers, which
 * V8 inlines: fewer megamorphic closure calls per leaf.
 */
function pathNode(key: string, v: unknown, test: ValueFn): CondFn {
  const parts = key.split(".");
  if (!plainPath(parts)) {
    const get = compilePath(key);
    return (obj, g) => test(get(obj), g);
  }
  if (parts.length === 1) {
    if (typeof v === "string") return (obj) => stringEq(readKey(obj, key), v);
    if (typeof v === "number") return (obj) => numberEq(readKey(obj, key), v);
    return (obj, g) => test(readKey(obj, key), g);
  }
  if (parts.length === 2) {
    const [k0, k1] = parts as [string, string];
    if (typeof v === "string") return (obj) => stringEq(readKey(readKey(obj, k0), k1), v);
    if (typeof v === "number") return (obj) => numberEq(readKey(readKey(obj, k0), k1), v);
    return (obj, g) => test(readKey(readKey(obj, k0), k1), g);
  }
  if (typeof v === "string") return (obj) => stringEq(readParts(obj, parts), v);
  return (obj, g) => test(readParts(obj, parts), g);
}

/** A condition: every entry must hold; keys are top-level operators or dotted paths. */
/** A fresh compile context with the recursive compilers of this module. */
export function compileCtx(maxDepth: number = MAX_DEPTH): CompileCtx {
  return { maxDepth, tooDeep: false, throws: false, cond: compileCond, value: compileValue };
}

export function compileCond(cond: unknown, depth: number, ctx: CompileCtx): CondFn {
  if (depth > ctx.maxDepth) {
    ctx.tooDeep = true;
    return no;
  }
  if (cond === null || cond === undefined) return thrower(ctx);
  const parts: CondFn[] = [];
  for (const [key, v] of Object.entries(cond)) {
    if (key === "$and" || key === "$or" || key === "$nor") {
      const list = conditionList(v);
      if (list === null) {
        parts.push(thrower(ctx));
        continue;
      }
      const fns: CondFn[] = [];
      for (let i = 0; i < list.length; i++) fns.push(compileCond(list[i], depth + 1, ctx));
      if (key === "$and") parts.push(allOf(fns));
      else if (key === "$or") parts.push(anyOf(fns));
      else parts.push(fns.length === 0 ? no : not(anyOf(fns)));
    } else if (key === "$not") {
      parts.push(not(compileCond(v, depth + 1, ctx)));
    } else if (key === "$savedGroup") {
      parts.push(savedGroupNode(v, ctx));
    } else {
      parts.push(pathNode(key, v, compileValue(v, depth + 1, ctx)));
    }
  }
  return allOf(parts);
}

function jsonEquals(cond: unknown, ctx: CompileCtx): ValueFn {
  let json: string | undefined;
  try {
    json = JSON.stringify(cond);
  } catch {
    return thrower(ctx);
  }
  // JSON of a primitive never starts with "[" or "{", so primitives cannot equal a literal
  // array/object: skip the stringify for them.
  const structured = json !== undefined && (json[0] === "[" || json[0] === "{");
  return (v) => {
    if (structured) {
      const t = typeof v;
      if (v === null || t === "string" || t === "number" || t === "boolean" || t === "undefined") {
        return false;
      }
    }
    return JSON.stringify(v) === json;
  };
}

/**
 * A condition value: a literal (implicit equality with GrowthBook's coercions) or an object of
 * operators that must all hold. `insensitive` is $alli's case folding of string literals.
 */
export function compileValue(
  cond: unknown,
  depth: number,
  ctx: CompileCtx,
  insensitive = false,
): ValueFn {
  if (depth > ctx.maxDepth) {
    ctx.tooDeep = true;
    return no;
  }
  switch (typeof cond) {
    case "string": {
      if (insensitive) {
        const lower = cond.toLowerCase();
        return (v) => String(v).toLowerCase() === lower;
      }
      return (v) => (typeof v === "string" ? v === cond : concatString(v) === cond);
    }
    case "number":
      return (v) => (typeof v === "number" ? v === cond : (v as number) * 1 === cond);
    case "boolean":
      return cond ? (v) => v !== null && !!v : (v) => v !== null && !v;
    case "undefined":
    case "bigint":
      return thrower(ctx);
    case "symbol":
      return jsonEquals(cond, ctx);
  }
  if (cond === null) return (v) => v === null;
  if (Array.isArray(cond) || !isOperatorObject(cond)) return jsonEquals(cond, ctx);
  const ops: ValueFn[] = [];
  const record = cond as Record<string, unknown>;
  for (const op of Object.keys(record)) {
    ops.push(compileOperator(op, record[op], depth, ctx));
  }
  return allOf(ops);
}

/** Compiles and reports whether the depth limit was hit or a GrowthBook throw is reproduced. */
export function compileInternal(
  cond: unknown,
  opts: CompileOptions = {},
): { fn: CondFn; tooDeep: boolean; throws: boolean } {
  const ctx = compileCtx(opts.maxDepth);
  try {
    const fn = compileCond(cond, 0, ctx);
    return ctx.tooDeep
      ? { fn: no, tooDeep: true, throws: false }
      : { fn, tooDeep: false, throws: ctx.throws };
  } catch {
    // Only exotic conditions get here (getters that throw, proxies): they never match.
    return { fn: no, tooDeep: false, throws: true };
  }
}

/**
 * Compiles a GrowthBook condition into a plain function of (attributes, savedGroups).
 * Same results as GrowthBook's evalCondition; where evalCondition would throw, false.
 * Common shapes get generated code (codegen.ts); the rest, composed closures.
 */
export function compileCondition(cond: unknown, opts: CompileOptions = {}): CompiledCondition {
  const { fn: closure, tooDeep } = compileInternal(cond, opts);
  if (tooDeep) return no;
  if (closure === yes) return yes;
  let fn: CondFn = closure;
  try {
    const ctx = compileCtx(opts.maxDepth);
    fn = generateCondition(cond, ctx) ?? closure;
  } catch {
    // Exotic conditions (throwing getters, proxies) keep the closure version.
  }
  return (attributes, savedGroups) => {
    try {
      return fn(attributes, savedGroups || NO_GROUPS);
    } catch {
      return false;
    }
  };
}
