/*
 * A direct interpreter of the condition language, kept small so it can be read against
 * GrowthBook's evalCondition. The property tests use it as the oracle for the compiled form.
 * It shares only the version key, the regex safety rule and the limits with the compiler.
 */
import { getType, PROTO_KEYS, paddedVersionString } from "./compare.ts";
import { MAX_DEPTH } from "./limits.ts";
import { compileSafeRegex, testRegex } from "./regex.ts";

type Obj = Record<string, unknown>;
// biome-ignore lint/suspicious/noExplicitAny: the interpreter leans on JS coercions on purpose
type Any = any;

function keysAllDollar(x: unknown): boolean {
  const keys = Object.keys(x as object); // throws for null/undefined, like GrowthBook
  return keys.length > 0 && keys.every((k) => k.startsWith("$"));
}

function list(v: unknown): unknown[] {
  if (v === null || v === undefined) throw new TypeError("not a list");
  if (Array.isArray(v)) return v;
  if (typeof v === "string") return v.split("");
  return [];
}

function getPath(obj: unknown, path: string): unknown {
  let cur = obj;
  for (const part of path.split(".")) {
    if (cur === null || typeof cur !== "object") return null;
    const found = PROTO_KEYS.has(part) ? Object.hasOwn(cur, part) : part in cur;
    if (!found) return null;
    cur = (cur as Obj)[part];
  }
  return cur;
}

type Visited = ReadonlySet<string>;

function evalCond(obj: unknown, cond: unknown, groups: Obj, seen: Visited): boolean {
  const sub = (c: unknown) => evalCond(obj, c, groups, seen);
  for (const [k, v] of Object.entries(cond as object)) {
    if (k === "$or") {
      const l = list(v);
      if (l.length > 0 && !l.some(sub)) return false;
    } else if (k === "$nor") {
      const l = list(v);
      if (l.length === 0 || l.some(sub)) return false;
    } else if (k === "$and") {
      if (!list(v).every(sub)) return false;
    } else if (k === "$not") {
      if (sub(v)) return false;
    } else if (k === "$savedGroup") {
      if (!savedGroup(obj, v, groups, seen)) return false;
    } else if (!evalValue(v, getPath(obj, k), groups, false, seen)) return false;
  }
  return true;
}

function savedGroup(obj: unknown, ref: Any, groups: Obj, seen: Visited): boolean {
  if (!ref || typeof ref !== "object" || Array.isArray(ref)) return false;
  const { id, attributeKey } = ref;
  if (typeof id !== "string" || seen.has(id)) return false;
  if (attributeKey !== undefined && typeof attributeKey !== "string") return false;
  const entry: Any = groups[id];
  if (!entry || Array.isArray(entry) || typeof entry !== "object") return false;
  if (entry.type === "list") {
    const key = attributeKey ?? entry.attributeKey;
    if (typeof key !== "string" || !Array.isArray(entry.values)) return false;
    return isIn(getPath(obj, key), entry.values, false);
  }
  if (entry.type !== "condition" || !entry.condition || typeof entry.condition !== "object") {
    return false;
  }
  if (exceedsDepth(entry.condition, MAX_DEPTH)) return false;
  return evalCond(obj, entry.condition, groups, new Set(seen).add(id));
}

function groupValues(entry: Any): unknown[] | null {
  if (entry === undefined) return [];
  if (Array.isArray(entry)) return entry;
  if (entry && typeof entry === "object" && entry.type === "list") {
    return Array.isArray(entry.values) ? entry.values : null;
  }
  return null;
}

function evalValue(
  cond: unknown,
  value: Any,
  groups: Obj,
  insensitive: boolean,
  seen: Visited,
): boolean {
  if (typeof cond === "string") {
    if (insensitive) return String(value).toLowerCase() === cond.toLowerCase();
    // biome-ignore lint/style/useTemplate: `+ ""` is GrowthBook's coercion (default hint)
    return value + "" === cond;
  }
  if (typeof cond === "number") return value * 1 === cond;
  if (typeof cond === "boolean") return value !== null && !!value === cond;
  if (cond === null) return value === null;
  if (Array.isArray(cond) || !keysAllDollar(cond)) {
    return JSON.stringify(value) === JSON.stringify(cond);
  }
  for (const op of Object.keys(cond as object)) {
    if (!evalOp(op, value, (cond as Obj)[op], groups, seen)) return false;
  }
  return true;
}

function isIn(actual: Any, expected: Any, insensitive: boolean): boolean {
  const fold = (x: unknown) => (insensitive && typeof x === "string" ? x.toLowerCase() : x);
  const has = (x: unknown) =>
    insensitive ? expected.some((e: unknown) => fold(e) === fold(x)) : expected.includes(x);
  return Array.isArray(actual) ? actual.some(has) : has(actual);
}

function evalOp(op: string, actual: Any, expected: Any, groups: Obj, seen: Visited): boolean {
  const value = (c: unknown, v: unknown, fold = false) => evalValue(c, v, groups, fold, seen);
  if (op.startsWith("$v")) {
    const a = paddedVersionString(actual);
    const e = paddedVersionString(expected);
    if (op === "$veq") return a === e;
    if (op === "$vne") return a !== e;
    if (op === "$vgt") return a > e;
    if (op === "$vgte") return a >= e;
    if (op === "$vlt") return a < e;
    if (op === "$vlte") return a <= e;
    return false;
  }
  switch (op) {
    case "$eq":
      return actual === expected;
    case "$ne":
      return actual !== expected;
    case "$lt":
      return actual < expected;
    case "$lte":
      return actual <= expected;
    case "$gt":
      return actual > expected;
    case "$gte":
      return actual >= expected;
    case "$exists":
      return expected
        ? actual !== null && actual !== undefined
        : actual === null || actual === undefined;
    case "$in":
    case "$ini":
      return Array.isArray(expected) && isIn(actual, expected, op === "$ini");
    case "$nin":
    case "$nini":
      return Array.isArray(expected) && !isIn(actual, expected, op === "$nini");
    case "$inGroup":
    case "$notInGroup": {
      const values = groupValues(groups[expected]);
      return values !== null && isIn(actual, values, false) === (op === "$inGroup");
    }
    case "$not":
      return !value(expected, actual);
    case "$size":
      return Array.isArray(actual) && value(expected, actual.length);
    case "$elemMatch": {
      if (!Array.isArray(actual)) return false;
      const ops = keysAllDollar(expected);
      return actual.some(
        (el) =>
          el !== null &&
          el !== undefined &&
          (ops ? value(expected, el) : evalCond(el, expected, groups, seen)),
      );
    }
    case "$all":
    case "$alli":
      if (!Array.isArray(expected) || !Array.isArray(actual)) return false;
      return expected.every((e) => actual.some((a) => value(e, a, op === "$alli")));
    case "$regex":
    case "$regexi": {
      const re = compileSafeRegex(expected, op === "$regexi");
      return re !== null && testRegex(re, actual);
    }
    case "$type":
      return getType(actual) === expected;
    default:
      return false;
  }
}

/** Whether the condition nests deeper than `max`, counted the way the compiler descends. */
export function exceedsDepth(cond: unknown, max: number, depth = 0): boolean {
  if (depth > max) return true;
  if (cond === null || cond === undefined) return false;
  for (const [k, v] of Object.entries(cond)) {
    if (k === "$and" || k === "$or" || k === "$nor") {
      if (v !== null && v !== undefined && list(v).some((c) => exceedsDepth(c, max, depth + 1))) {
        return true;
      }
    } else if (k === "$savedGroup") {
      // resolved (and depth-checked) at evaluation time
    } else if (k === "$not" ? exceedsDepth(v, max, depth + 1) : valueExceeds(v, max, depth + 1)) {
      return true;
    }
  }
  return false;
}

function valueExceeds(cond: unknown, max: number, depth: number): boolean {
  if (depth > max) return true;
  const t = typeof cond;
  if (cond === null || (t !== "object" && t !== "function")) return false;
  if (Array.isArray(cond) || !keysAllDollar(cond)) return false;
  for (const [op, arg] of Object.entries(cond as object)) {
    if (op === "$not" || op === "$size") {
      if (valueExceeds(arg, max, depth + 1)) return true;
    } else if (op === "$elemMatch" && arg !== null && arg !== undefined) {
      const nested = keysAllDollar(arg)
        ? valueExceeds(arg, max, depth + 1)
        : exceedsDepth(arg, max, depth + 1);
      if (nested) return true;
    } else if ((op === "$all" || op === "$alli") && Array.isArray(arg)) {
      if (arg.some((a) => valueExceeds(a, max, depth + 1))) return true;
    }
  }
  return false;
}

/** Reference evaluation: GrowthBook's algorithm, false where it would throw, same limits. */
export function evalConditionReference(
  cond: unknown,
  attributes: unknown,
  savedGroups?: Record<string, unknown>,
  opts: { maxDepth?: number } = {},
): boolean {
  try {
    if (exceedsDepth(cond, opts.maxDepth ?? MAX_DEPTH)) return false;
    if (cond === null || cond === undefined) return false;
    return evalCond(attributes, cond, (savedGroups || {}) as Obj, new Set());
  } catch {
    return false;
  }
}
