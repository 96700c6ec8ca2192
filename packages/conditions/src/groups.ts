/*
 * `$savedGroup`: a top-level reference to a saved group, resolved at evaluation time.
 * A "list" group tests an attribute against its values; a "condition" group evaluates its
 * condition. Group conditions are compiled once per condition object (treat savedGroups as
 * immutable: replace entries rather than mutating them). Cycles are cut as GrowthBook does:
 * a group already being resolved on the way down does not match.
 */

import { compilePath, type PathGetter } from "./compare.ts";
import { MAX_DEPTH } from "./limits.ts";
import { type CompileCtx, type CondFn, no } from "./nodes.ts";
import { inList } from "./operators.ts";

const NONE: ReadonlySet<string> = new Set();
// Ids being resolved in the current (synchronous) evaluation: GrowthBook's `visited`.
let visiting: ReadonlySet<string> = NONE;

const compiledGroups = new WeakMap<object, CondFn>();
const getters = new Map<string, PathGetter>();

function groupCondition(cond: object, compilers: CompileCtx): CondFn {
  let fn = compiledGroups.get(cond);
  if (fn === undefined) {
    const ctx: CompileCtx = { ...compilers, maxDepth: MAX_DEPTH, tooDeep: false, throws: false };
    fn = ctx.cond(cond, 0, ctx);
    if (ctx.tooDeep) fn = no;
    compiledGroups.set(cond, fn);
  }
  return fn;
}

function getter(path: string): PathGetter {
  let get = getters.get(path);
  if (get === undefined) {
    get = compilePath(path);
    if (getters.size >= 1024) getters.clear();
    getters.set(path, get);
  }
  return get;
}

/** `ctx`: the compile context of the condition holding the reference (for its compilers). */
export function savedGroupNode(reference: unknown, ctx: CompileCtx): CondFn {
  if (reference === null || typeof reference !== "object" || Array.isArray(reference)) return no;
  const { id, attributeKey } = reference as { id?: unknown; attributeKey?: unknown };
  if (typeof id !== "string") return no;
  if (attributeKey !== undefined && typeof attributeKey !== "string") return no;
  return (obj, g) => {
    if (visiting.has(id)) return false;
    const entry = (g as Record<string, unknown>)[id];
    if (!entry || Array.isArray(entry) || typeof entry !== "object") return false;
    const e = entry as {
      type?: unknown;
      attributeKey?: unknown;
      values?: unknown;
      condition?: unknown;
    };
    if (e.type === "list") {
      const key = attributeKey ?? e.attributeKey;
      if (typeof key !== "string" || !Array.isArray(e.values)) return false;
      return inList(getter(key)(obj), e.values);
    }
    if (e.type !== "condition" || !e.condition || typeof e.condition !== "object") return false;
    const fn = groupCondition(e.condition, ctx);
    const outer = visiting;
    visiting = new Set(outer).add(id);
    try {
      return fn(obj, g);
    } finally {
      visiting = outer;
    }
  };
}
