// Shared fast-check arbitraries: small vocabularies so conditions and attributes collide often.
import fc from "fast-check";
import { VALUE_OPERATORS } from "../src/index.ts";

export const PATHS = ["a", "b", "a.b", "c.d.e", "tags", "n", "$groups", "x.0", "toString"];
const TOP_KEYS = ["a", "b", "c", "tags", "n", "$groups", "x", "__proto__"];

const STRINGS = ["", "a", "b", "A", "1", "10", "8", "1.2.3", "v1.2.3-beta", "null", "a,b", "ab"];

export const scalar: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(null, undefined, true, false, 0, 1, -1, 8, 10, 2.5, Number.NaN),
  fc.constantFrom(...STRINGS),
  fc.integer({ min: -3, max: 12 }),
);

export const value: fc.Arbitrary<unknown> = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    scalar,
    fc.array(tie("v"), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom("a", "b", "d", "e", "name"), tie("v"), { maxKeys: 2 }),
  ),
})).v;

export const attributes: fc.Arbitrary<Record<string, unknown>> = fc.dictionary(
  fc.constantFrom(...TOP_KEYS),
  value,
  { maxKeys: 5 },
);

const OPS = [...VALUE_OPERATORS, "$bogus"];

/** An operand suited to the operator most of the time, anything small otherwise. */
function operand(op: string, tie: (k: string) => fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  const list = fc.array(scalar, { maxLength: 4 });
  switch (op) {
    case "$in":
    case "$nin":
    case "$ini":
    case "$nini":
      return fc.oneof({ weight: 4, arbitrary: list }, { weight: 1, arbitrary: scalar });
    case "$all":
    case "$alli":
      return fc.oneof(list, fc.array(tie("val"), { maxLength: 2 }));
    case "$regex":
    case "$regexi":
      return fc.constantFrom("^a", "b$", "a|b", "(a+)+$", "[", "1\\.2", ".*", "^$", "A", 5);
    case "$type":
      return fc.constantFrom("string", "number", "boolean", "array", "object", "null", "undefined");
    case "$inGroup":
    case "$notInGroup":
      return fc.constantFrom("g1", "g2", "g3", "constructor");
    case "$veq":
    case "$vne":
    case "$vgt":
    case "$vgte":
    case "$vlt":
    case "$vlte":
      return fc.constantFrom("1.2.3", "1.2.3-beta", "v1.2", "10.0.0", "", 1);
    case "$not":
    case "$size":
      return tie("val");
    case "$elemMatch":
      return fc.oneof(tie("val"), tie("cond"));
    default:
      return fc.oneof(scalar, value);
  }
}

const GROUP_IDS = ["g1", "g2", "g3", "constructor"];

const groupReference: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ id: fc.constantFrom(...GROUP_IDS) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      id: fc.constantFrom(...GROUP_IDS),
      attributeKey: fc.constantFrom("a", "n", "x.0"),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom<unknown>(null, "g1", { id: 1 }, { id: "g1", attributeKey: 5 }),
  },
);

export const { cond: condition, val: valueCondition } = fc.letrec<{
  cond: unknown;
  val: unknown;
  opobj: unknown;
}>((tie) => ({
  cond: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.dictionary(fc.constantFrom(...PATHS), tie("val"), { maxKeys: 2 }),
    fc.record({ $and: fc.array(tie("cond"), { maxLength: 3 }) }),
    fc.record({ $or: fc.array(tie("cond"), { maxLength: 3 }) }),
    fc.record({ $nor: fc.array(tie("cond"), { maxLength: 2 }) }),
    fc.record({ $not: tie("cond") }),
    fc.record({ $or: fc.constantFrom<unknown>(null, "ab", 5, {}, [null]) }),
    fc.record({ $savedGroup: groupReference }),
  ),
  val: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    { weight: 2, arbitrary: scalar },
    { weight: 1, arbitrary: value },
    { weight: 4, arbitrary: tie("opobj") },
  ),
  opobj: fc
    .array(
      fc.constantFrom(...OPS).chain((op) => operand(op, tie).map((arg) => [op, arg] as const)),
      { minLength: 1, maxLength: 3 },
    )
    .map((entries) => Object.fromEntries(entries)),
}));

/** Saved groups of every shape: v1 lists, v2 lists and condition groups (which may cycle), junk. */
export const savedGroups = fc.option(
  fc.dictionary(
    fc.constantFrom(...GROUP_IDS),
    fc.oneof(
      fc.array(scalar, { maxLength: 3 }),
      fc.record(
        {
          type: fc.constant("list"),
          attributeKey: fc.constantFrom("a", "b", "n"),
          values: fc.array(scalar, { maxLength: 3 }),
        },
        { requiredKeys: ["type", "values"] },
      ),
      fc.record({ type: fc.constant("condition"), condition }),
      fc.constantFrom<unknown>(null, 5, "abc", { type: "list", values: 3 }, { type: "other" }),
    ),
    { maxKeys: 3 },
  ),
  { nil: undefined },
);
