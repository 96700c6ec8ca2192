import { getType, isOperatorObject, paddedVersionCached, paddedVersionString } from "./compare.ts";
import { type CompileCtx, no, not, thrower, type ValueFn } from "./nodes.ts";
import { compileSafeRegex, testRegex } from "./regex.ts";
import type { ValueOperator } from "./types.ts";

const foldCase = (v: unknown): unknown => (typeof v === "string" ? v.toLowerCase() : v);

/** `$in` membership: an array attribute matches when any element is in the list. */
function inSet(set: ReadonlySet<unknown>): ValueFn {
  return (v) => {
    if (!Array.isArray(v)) return set.has(v);
    for (let i = 0; i < v.length; i++) if (set.has(v[i])) return true;
    return false;
  };
}

/** `$ini`: case-folded membership; GrowthBook compares with ===, so NaN never matches. */
function inFoldedSet(list: readonly unknown[]): ValueFn {
  const set = new Set<unknown>();
  for (const x of list) {
    const f = foldCase(x);
    if (!Number.isNaN(f)) set.add(f);
  }
  return (v) => {
    if (!Array.isArray(v)) return set.has(foldCase(v));
    for (let i = 0; i < v.length; i++) if (set.has(foldCase(v[i]))) return true;
    return false;
  };
}

/** `$in` against a list known only at evaluation time (saved groups). */
export function inList(v: unknown, list: readonly unknown[]): boolean {
  if (!Array.isArray(v)) return list.includes(v);
  for (let i = 0; i < v.length; i++) if (list.includes(v[i])) return true;
  return false;
}

const NO_VALUES: readonly unknown[] = [];

/**
 * The values of a saved group: an unknown id is an empty list, a v1 entry is the list itself,
 * a v2 "list" entry holds them in `values`; anything else is null (the operator is false).
 */
function groupValues(entry: unknown): readonly unknown[] | null {
  if (entry === undefined) return NO_VALUES;
  if (Array.isArray(entry)) return entry;
  if (
    entry !== null &&
    typeof entry === "object" &&
    (entry as { type?: unknown }).type === "list"
  ) {
    const values = (entry as { values?: unknown }).values;
    return Array.isArray(values) ? values : null;
  }
  return null;
}

/** $inGroup / $notInGroup, read at evaluation time like GrowthBook does. */
function inGroup(key: string, negate: boolean): ValueFn {
  return (v, g) => {
    const values = groupValues((g as Record<string, unknown>)[key]);
    return values === null ? false : inList(v, values) !== negate;
  };
}

/** $all / $alli: every condition in the list matches some element of the array attribute. */
function allMatch(tests: ValueFn[]): ValueFn {
  return (v, g) => {
    if (!Array.isArray(v)) return false;
    for (const test of tests) {
      let found = false;
      for (let j = 0; j < v.length; j++) {
        if (test(v[j], g)) {
          found = true;
          break;
        }
      }
      if (!found) return false;
    }
    return true;
  };
}

function elemMatch(expected: unknown, depth: number, ctx: CompileCtx): ValueFn {
  if (expected === null || expected === undefined) {
    // GrowthBook throws computing isOperatorObject(expected), but only for array attributes.
    const boom = thrower(ctx);
    return (v) => (Array.isArray(v) ? boom() : false);
  }
  const check = isOperatorObject(expected)
    ? ctx.value(expected, depth + 1, ctx)
    : ctx.cond(expected, depth + 1, ctx);
  return (v, g) => {
    if (!Array.isArray(v)) return false;
    for (let i = 0; i < v.length; i++) {
      const el = v[i];
      if (el !== null && el !== undefined && check(el, g)) return true; // nullish are skipped
    }
    return false;
  };
}

function version(op: string, expected: unknown): ValueFn {
  const e = paddedVersionString(expected);
  switch (op) {
    case "$veq":
      return (v) => paddedVersionCached(v) === e;
    case "$vne":
      return (v) => paddedVersionCached(v) !== e;
    case "$vgt":
      return (v) => paddedVersionCached(v) > e;
    case "$vgte":
      return (v) => paddedVersionCached(v) >= e;
    case "$vlt":
      return (v) => paddedVersionCached(v) < e;
    default:
      return (v) => paddedVersionCached(v) <= e;
  }
}

/** One operator of an operator object, applied to the value at the path. */
export function compileOperator(
  op: string,
  expected: unknown,
  depth: number,
  ctx: CompileCtx,
): ValueFn {
  // Comparisons keep JavaScript's own coercions (null < 1, "8" > 5, …): that is the semantics.
  const e = expected as number;
  switch (op as ValueOperator) {
    case "$eq":
      return (v) => v === expected;
    case "$ne":
      return (v) => v !== expected;
    case "$lt":
      return (v) => (v as number) < e;
    case "$lte":
      return (v) => (v as number) <= e;
    case "$gt":
      return (v) => (v as number) > e;
    case "$gte":
      return (v) => (v as number) >= e;
    case "$exists":
      return expected ? (v) => v !== null && v !== undefined : (v) => v === null || v === undefined;
    case "$in":
      return Array.isArray(expected) ? inSet(new Set(expected)) : no;
    case "$nin":
      return Array.isArray(expected) ? not(inSet(new Set(expected))) : no;
    case "$ini":
      return Array.isArray(expected) ? inFoldedSet(expected) : no;
    case "$nini":
      return Array.isArray(expected) ? not(inFoldedSet(expected)) : no;
    case "$inGroup":
    case "$notInGroup": {
      let key: string;
      try {
        key = String(expected);
      } catch {
        return thrower(ctx);
      }
      return inGroup(key, op === "$notInGroup");
    }
    case "$not":
      return not(ctx.value(expected, depth + 1, ctx));
    case "$size": {
      const test = ctx.value(expected, depth + 1, ctx);
      return (v, g) => Array.isArray(v) && test(v.length, g);
    }
    case "$elemMatch":
      return elemMatch(expected, depth, ctx);
    case "$all":
    case "$alli": {
      if (!Array.isArray(expected)) return no;
      const fold = op === "$alli";
      const tests: ValueFn[] = [];
      for (let i = 0; i < expected.length; i++) {
        tests.push(ctx.value(expected[i], depth + 1, ctx, fold));
      }
      return allMatch(tests);
    }
    case "$regex":
    case "$regexi": {
      const re = compileSafeRegex(expected, op === "$regexi");
      if (!re) return no;
      // A session's events repeat the same strings (user agent, URL): remember the last one.
      let lastSubject: string | undefined;
      let lastResult = false;
      return (v) => {
        if (typeof v !== "string") return testRegex(re, v);
        if (v !== lastSubject) {
          lastResult = testRegex(re, v);
          lastSubject = v;
        }
        return lastResult;
      };
    }
    case "$type":
      return (v) => getType(v) === expected;
    case "$veq":
    case "$vne":
    case "$vgt":
    case "$vgte":
    case "$vlt":
    case "$vlte":
      return version(op, expected);
    default:
      return no; // unknown operator
  }
}
