/*
 * A small catalogue-like world for the conflict-analysis equivalence properties: conditions over
 * a few typed fields, attributes drawn from the same small pools (so matches happen), and
 * meaning-preserving rewrites of a condition. Every rewrite is checked against GrowthBook's
 * evalCondition in conflicts-equivalence.test.ts; the side conditions below are why they hold:
 *  - `$in` on an array attribute is an intersection, so `$in [v]` is `$eq v` only on scalar
 *    fields, and only for v that is not NaN (`includes` finds NaN, `===` does not);
 *  - implicit equality coerces: `{n: 0}` matches a missing n (null * 1 === 0), `{s: "null"}`
 *    a missing s (null + "" === "null"), `{b: false}` an undefined b (!!undefined === false);
 *  - `$in []` never matches while `$or []` always does, and `$and []` / `$nor []` likewise
 *    differ, so list rewrites need non-empty lists.
 */
import fc from "fast-check";
import type { FieldSpec } from "../src/index.ts";

type Cond = Record<string, unknown>;
type Kind = "number" | "string" | "enum" | "boolean" | "array";

export const FIELDS: Record<string, Kind> = {
  n: "number",
  m: "number",
  s: "string",
  e: "enum",
  b: "boolean",
  t: "array",
};
export const CATALOGUE: FieldSpec[] = [
  { id: "n", type: "number" },
  { id: "m", type: "number" },
  { id: "s", type: "string" },
  { id: "e", type: "enum", values: ["x", "y", "z"] },
  { id: "b", type: "boolean" },
  { id: "t", type: "string[]" },
];

const NUMS = [0, 1, 2, 3, 5, -1, 2.5];
const STRS = ["", "x", "y", "z", "xy", "1", "5"];
const ENUMS = ["x", "y", "z", "w"]; // "w" is outside the enum
const ELEMS = ["x", "y", "z"];

const pool = (k: Kind): fc.Arbitrary<unknown> =>
  k === "number"
    ? fc.constantFrom(...NUMS)
    : k === "string"
      ? fc.constantFrom(...STRS)
      : k === "enum"
        ? fc.constantFrom(...ENUMS)
        : k === "boolean"
          ? fc.boolean()
          : fc.constantFrom(...ELEMS);

// ---- attributes ----------------------------------------------------------------------------

const MISSING = Symbol("missing");
const absent = fc.constantFrom<unknown>(MISSING, MISSING, null, undefined);

function attrValue(k: Kind): fc.Arbitrary<unknown> {
  const own =
    k === "number"
      ? fc.oneof(pool(k), fc.constantFrom(4, Number.NaN, Number.POSITIVE_INFINITY))
      : k === "array"
        ? fc.array(fc.constantFrom(...ELEMS, "w"), { maxLength: 3 })
        : k === "enum"
          ? fc.constantFrom("x", "y", "z")
          : pool(k);
  return fc.oneof({ weight: 4, arbitrary: own }, { weight: 1, arbitrary: absent });
}

export const session: fc.Arbitrary<Record<string, unknown>> = fc
  .record(Object.fromEntries(Object.entries(FIELDS).map(([f, k]) => [f, attrValue(k)])))
  .map((r) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(r)) if (v !== MISSING) out[k] = v;
    return out;
  });

// ---- conditions ----------------------------------------------------------------------------

function valueCond(k: Kind): fc.Arbitrary<unknown> {
  const v = pool(k);
  const list = fc.array(v, { minLength: 1, maxLength: 3 });
  const ops: fc.Arbitrary<unknown>[] = [
    fc.record({ $in: list }),
    fc.record({ $nin: list }),
    fc.record({ $exists: fc.boolean() }),
  ];
  if (k === "array") {
    ops.push(
      fc.record({ $all: list }),
      fc.record({ $size: fc.constantFrom(0, 1, 2) }),
      fc.record({ $elemMatch: fc.record({ $eq: v }) }),
    );
  } else {
    ops.push(v, fc.record({ $eq: v }), fc.record({ $ne: v }));
  }
  if (k === "number" || k === "string") {
    const cmp = fc.constantFrom("$gt", "$gte", "$lt", "$lte");
    ops.push(
      fc.tuple(cmp, v).map(([op, x]) => ({ [op]: x })),
      fc.tuple(v, v).map(([lo, hi]) => ({ $gte: lo, $lt: hi })),
    );
  }
  return fc.oneof(...ops);
}

const leaf: fc.Arbitrary<Cond> = fc
  .uniqueArray(fc.constantFrom(...Object.keys(FIELDS)), { minLength: 1, maxLength: 2 })
  .chain((fs) =>
    fc.tuple(...fs.map((f) => valueCond(FIELDS[f] as Kind).map((v) => [f, v] as const))),
  )
  .map((entries) => Object.fromEntries(entries));

export const condition: fc.Arbitrary<Cond> = fc.letrec<{ c: Cond }>((tie) => ({
  c: fc.oneof(
    { depthSize: "small", maxDepth: 3 },
    { weight: 5, arbitrary: leaf },
    fc.record({ $and: fc.array(tie("c"), { minLength: 1, maxLength: 3 }) }),
    fc.record({ $or: fc.array(tie("c"), { minLength: 1, maxLength: 3 }) }),
    fc.record({ $nor: fc.array(tie("c"), { minLength: 1, maxLength: 2 }) }),
    fc.record({ $not: tie("c") }),
  ),
})).c;

/**
 * Pairs that often relate: B is A itself, a refinement or widening of A, its negation, or
 * unrelated, so that subset and disjoint verdicts are frequent.
 */
export const pair: fc.Arbitrary<[Cond, Cond]> = fc
  .tuple(condition, condition, fc.constantFrom("same", "and", "or", "not", "other"))
  .map(([a, c, how]): [Cond, Cond] => {
    if (how === "same") return [a, a];
    if (how === "and") return [a, { $and: [a, c] }];
    if (how === "or") return [a, { $or: [c, a] }];
    if (how === "not") return [a, { $not: a }];
    return [a, c];
  });

// ---- rewrites ------------------------------------------------------------------------------

/** Choices for the rewrites, read in a cycle (an empty list always picks the first). */
class Dice {
  private i = 0;
  constructor(private readonly d: readonly number[]) {}
  pick(n: number): number {
    if (this.d.length === 0) return 0;
    return (this.d[this.i++ % this.d.length] as number) % n;
  }
}

const isOps = (v: unknown): v is Cond =>
  v !== null &&
  typeof v === "object" &&
  !Array.isArray(v) &&
  Object.keys(v).length > 0 &&
  Object.keys(v).every((k) => k.startsWith("$"));
const only = (c: Cond): [string, unknown] | null => {
  const e = Object.entries(c);
  return e.length === 1 ? (e[0] as [string, unknown]) : null;
};
const scalarField = (f: string) => f in FIELDS && FIELDS[f] !== "array";

/** `{f: v}` means the same as `{f: {$eq: v}}` on every value the field can hold. */
function implicitEqualsEq(f: string, v: unknown): boolean {
  const k = FIELDS[f];
  if (k === "string" || k === "enum") return typeof v === "string" && v !== "null";
  if (k === "number") return typeof v === "number" && v !== 0 && !Number.isNaN(v);
  return k === "boolean" && v === true;
}

/** The rewrites of a condition that names one field: [f, value condition]. */
function fieldRewrites(f: string, v: unknown): Cond[] {
  const out: Cond[] = [];
  if (!isOps(v)) {
    if (implicitEqualsEq(f, v)) out.push({ [f]: { $eq: v } });
    return out;
  }
  const ops = Object.entries(v);
  if (ops.length > 1) out.push({ $and: ops.map(([op, a]) => ({ [f]: { [op]: a } })) });
  if (ops.length !== 1) return out;
  const [op, a] = ops[0] as [string, unknown];
  const list = Array.isArray(a) ? a : null;
  if (op === "$in" && list) {
    if (list.length > 1) out.push({ $or: list.map((x) => ({ [f]: { $in: [x] } })) });
    out.push({ [f]: { $in: [...list].reverse().concat(list.slice(0, 1)) } });
    if (list.length === 1 && scalarField(f) && !Number.isNaN(list[0])) {
      out.push({ [f]: { $eq: list[0] } });
    }
  }
  if (op === "$nin" && list) {
    if (list.length > 1) out.push({ $and: list.map((x) => ({ [f]: { $nin: [x] } })) });
    out.push({ $not: { [f]: { $in: list } } }, { [f]: { $not: { $in: list } } });
  }
  if (op === "$eq") {
    if (implicitEqualsEq(f, a)) out.push({ [f]: a });
    if (scalarField(f) && !Number.isNaN(a)) out.push({ [f]: { $in: [a] } });
  }
  if (op === "$ne") {
    out.push({ $not: { [f]: { $eq: a } } }, { [f]: { $not: { $eq: a } } });
    if (scalarField(f) && !Number.isNaN(a)) out.push({ [f]: { $nin: [a] } });
  }
  if (op === "$not" && isOps(a)) {
    const inner = only(a);
    if (inner?.[0] === "$in" && Array.isArray(inner[1])) out.push({ [f]: { $nin: inner[1] } });
    if (inner?.[0] === "$eq") out.push({ [f]: { $ne: inner[1] } });
  }
  return out;
}

/** Two operator objects on one field inside an `$and` become one (a range as one condition). */
function mergeFieldConds(list: readonly unknown[]): Cond | null {
  for (let i = 0; i < list.length; i++) {
    for (let j = i + 1; j < list.length; j++) {
      const x = only(list[i] as Cond);
      const y = only(list[j] as Cond);
      if (!x || !y || x[0] !== y[0] || x[0].startsWith("$") || !isOps(x[1]) || !isOps(y[1])) {
        continue;
      }
      const keys = Object.keys(x[1]);
      if (Object.keys(y[1]).some((k) => keys.includes(k))) continue;
      const merged = { [x[0]]: { ...x[1], ...y[1] } };
      const rest = list.filter((_, k) => k !== i && k !== j);
      return rest.length === 0 ? merged : { $and: [merged, ...rest] };
    }
  }
  return null;
}

function conditionRewrites(c: Cond): Cond[] {
  const out: Cond[] = [{ $and: [c] }, { $or: [c] }, { $not: { $not: c } }];
  const entries = Object.entries(c);
  if (entries.length > 1) out.push({ $and: entries.map(([k, v]) => ({ [k]: v })) });
  const one = only(c);
  if (!one) return out;
  const [k, v] = one;
  const list = Array.isArray(v) ? v : null;
  if (k === "$and" && list) {
    if (list.length > 1) out.push({ $and: [{ $and: list.slice(0, 1) }, ...list.slice(1)] });
    const flat = list.flatMap((x) => {
      const o = only(x as Cond);
      return o?.[0] === "$and" && Array.isArray(o[1]) ? o[1] : [x];
    });
    if (flat.length !== list.length) out.push({ $and: flat });
    const merged = mergeFieldConds(list);
    if (merged) out.push(merged);
  }
  if (k === "$nor" && list) out.push({ $not: { $or: list } });
  if (k === "$not" && v !== null && typeof v === "object") {
    const inner = only(v as Cond);
    const sub = inner && Array.isArray(inner[1]) && inner[1].length > 0 ? inner[1] : null;
    if (inner?.[0] === "$or" && sub) {
      out.push({ $nor: sub }, { $and: sub.map((x) => ({ $not: x })) });
    }
    if (inner?.[0] === "$and" && sub) out.push({ $or: sub.map((x) => ({ $not: x })) });
    if (inner && !inner[0].startsWith("$") && isOps(inner[1])) {
      const op = only(inner[1]);
      if (op?.[0] === "$in") out.push({ [inner[0]]: { $nin: op[1] } });
      if (op?.[0] === "$eq") out.push({ [inner[0]]: { $ne: op[1] } });
    }
  }
  if (!k.startsWith("$")) out.push(...fieldRewrites(k, v));
  return out;
}

/** One pass: children first, then maybe one rewrite of the node itself. */
function pass(c: Cond, dice: Dice): Cond {
  const inner: Cond = {};
  for (const [k, v] of Object.entries(c)) {
    if ((k === "$and" || k === "$or" || k === "$nor") && Array.isArray(v)) {
      inner[k] = v.map((x) => pass(x as Cond, dice));
    } else if (k === "$not") inner[k] = pass(v as Cond, dice);
    else inner[k] = v;
  }
  const options = conditionRewrites(inner);
  const pick = dice.pick(options.length * 2); // about half the nodes stay as they are
  return pick < options.length ? (options[pick] as Cond) : inner;
}

function depth(x: unknown): number {
  if (x === null || typeof x !== "object") return 0;
  return 1 + Math.max(0, ...Object.values(x).map(depth));
}

/**
 * `passes` walks over the condition, each node maybe rewritten as the dice say. A pass that
 * would nest deeper than 40 levels is dropped: beyond MAX_DEPTH (64) conditions never match
 * by design, where GrowthBook has no limit.
 */
export function rewrite(c: Cond, passes: number, dice: readonly number[]): Cond {
  const d = new Dice(dice);
  let out = c;
  for (let i = 0; i < passes; i++) {
    const next = pass(out, d);
    if (depth(next) > 40) break;
    out = next;
  }
  return out;
}

/** A random sequence of meaning-preserving rewrites applied to a condition. */
export const rewriting: fc.Arbitrary<(c: Cond) => Cond> = fc
  .tuple(fc.integer({ min: 1, max: 3 }), fc.array(fc.nat(1000), { maxLength: 12 }))
  .map(([passes, d]) => {
    const rw = (c: Cond) => rewrite(c, passes, d);
    rw.toString = () => `rewrite(passes ${passes}, dice [${d.join(",")}])`;
    return rw;
  });
