/**
 * What a condition needs from stored sessions, for the estimate (estimate-count.ts):
 * - `relaxCondition` drops the tests on fields a sessions row does not record (cart, current
 *   page, bands, trends, recency, props…) so that the result can only match more sessions: a
 *   test is taken as passing where the condition asks for it, and its whole clause as failing
 *   under a negation ($not, $nor). The count is then an upper bound, and the fields are named.
 * - `fieldReads` picks, for each recorded field the condition reads, the coarsest read that
 *   cannot change its answer: a number tested only by comparisons with constants is read as its
 *   piece between those constants; a string tested only for equality, as one of the constants or
 *   "other"; anything else (regexes, version tests, arrays, coercing literals) as the value.
 */
import { isOperatorObject, isPlainObject } from "@intently/conditions";
import { dataPoint } from "@intently/engine";
import { type FieldRead, FRAMEWORK_FIELDS, RECORDED_FIELDS, sortedCuts } from "@intently/store";

const RECORDED = new Set(RECORDED_FIELDS);
const FRAMEWORK = new Set(FRAMEWORK_FIELDS);
const LISTS = new Set(["$and", "$or", "$nor"]);
/** A condition that never matches. */
const NEVER = { $not: {} };

/** The data point a condition key reads ("props.tier" reads "props"). */
export const fieldOf = (key: string): string => key.split(".")[0]!;

export function relaxCondition(condition: unknown): {
  condition: unknown;
  unestimated: string[];
} {
  const unestimated: string[] = [];
  const walk = (c: unknown, positive: boolean): unknown => {
    if (!isPlainObject(c)) return c;
    const out: Record<string, unknown> = {};
    let never = false;
    for (const [k, v] of Object.entries(c)) {
      if (LISTS.has(k) && Array.isArray(v))
        out[k] = v.map((x) => walk(x, k === "$nor" ? !positive : positive));
      else if (k === "$not") out[k] = walk(v, !positive);
      else if (!k.startsWith("$") && (RECORDED.has(fieldOf(k)) || FRAMEWORK.has(fieldOf(k))))
        out[k] = v;
      else {
        // Left out of the AND of this object: dropped (passes), or under a negation the
        // whole object fails, so that the negation passes.
        if (!unestimated.includes(k)) unestimated.push(k);
        if (!positive) never = true;
      }
    }
    return never ? NEVER : out;
  };
  return { condition: walk(condition, true), unestimated };
}

type Plan =
  | { kind: "cuts"; cuts: number[] }
  | { kind: "values"; values: Set<string> }
  | { kind: "raw" };

const RAW: Plan = { kind: "raw" };
const ORDER_OPS = new Set(["$gt", "$gte", "$lt", "$lte"]);
/** Beyond this many constants a field is read as its value: the SQL tests each one per row. */
const MAX_CONSTANTS = 64;

function initialPlan(field: string): Plan {
  const type = dataPoint(field)?.type;
  if (type === "number") return { kind: "cuts", cuts: [] };
  if (type === "string" || type === "enum") return { kind: "values", values: new Set() };
  return RAW;
}

/** Adds a constant the field is compared with; false when the plan cannot keep its answer. */
function absorbConstant(plan: Plan, x: unknown, ordered: boolean): boolean {
  if (plan.kind === "cuts") {
    if (typeof x === "number" && Number.isFinite(x)) {
      plan.cuts.push(x);
      return true;
    }
    // null equals no number; ordered against null, JavaScript compares with 0.
    return x === null && !ordered;
  }
  if (plan.kind === "values" && !ordered) {
    if (typeof x === "string") {
      plan.values.add(x);
      return true;
    }
    return x === null;
  }
  return false;
}

/** Takes in one test of the field (a literal or an operator object). */
function absorb(plan: Plan, v: unknown): boolean {
  if (!isPlainObject(v) || !isOperatorObject(v)) return absorbConstant(plan, v, false);
  for (const [op, arg] of Object.entries(v)) {
    let ok: boolean;
    if (op === "$not") ok = absorb(plan, arg);
    else if (op === "$exists" || op === "$type")
      ok = true; // the same for every value
    else if (op === "$eq" || op === "$ne") ok = absorbConstant(plan, arg, false);
    else if (op === "$in" || op === "$nin")
      ok = !Array.isArray(arg) || arg.every((x) => absorbConstant(plan, x, false));
    else if (ORDER_OPS.has(op)) ok = plan.kind === "cuts" && absorbConstant(plan, arg, true);
    else ok = false;
    if (!ok) return false;
  }
  return true;
}

/** The reads of every recorded field the (relaxed) condition tests; framework fields excluded. */
export function fieldReads(condition: unknown): FieldRead[] {
  const plans = new Map<string, Plan>();
  const walk = (c: unknown): void => {
    if (!isPlainObject(c)) return;
    for (const [k, v] of Object.entries(c)) {
      if (LISTS.has(k)) {
        if (Array.isArray(v)) v.forEach(walk);
      } else if (k === "$not") walk(v);
      else if (!k.startsWith("$") && RECORDED.has(fieldOf(k))) {
        const field = fieldOf(k);
        const plan = plans.get(field) ?? initialPlan(field);
        plans.set(field, k === field && absorb(plan, v) ? plan : RAW);
      }
    }
  };
  walk(condition);
  return [...plans].map(([field, p]): FieldRead => {
    const cuts = p.kind === "cuts" ? sortedCuts(p.cuts) : [];
    if (p.kind === "cuts" && cuts.length <= MAX_CONSTANTS) return { field, cuts };
    if (p.kind === "values" && p.values.size <= MAX_CONSTANTS)
      return { field, values: [...p.values] };
    return { field };
  });
}
