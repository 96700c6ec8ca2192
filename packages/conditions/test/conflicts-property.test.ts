import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { analyzePair, compileCondition, type FieldSpec } from "../src/index.ts";

// A small world: few fields, few values, so random witnesses often satisfy the conditions.
const CATALOGUE: FieldSpec[] = [
  { id: "n", type: "number" },
  { id: "s", type: "string" },
  { id: "e", type: "enum", values: ["x", "y", "z"] },
  { id: "b", type: "boolean" },
  { id: "t", type: "string[]" },
];
const NUMS = [0, 1, 2, 3, 5, -1, 2.5, Number.NaN, Number.POSITIVE_INFINITY];
const STRS = ["", "x", "y", "z", "xy", "X", "1", "2", "5", " 5", "05", "1.2.3", "NaN", "true"];
const MISSING = Symbol("missing");

const num = fc.constantFrom(...NUMS);
const str = fc.constantFrom(...STRS);
const absent = fc.constantFrom<unknown>(MISSING, null, undefined);
const scalar = fc.oneof(num, str, fc.boolean(), absent);

// Witness values per field, inside the domain the analysis assumes for it.
const fieldValue: Record<string, fc.Arbitrary<unknown>> = {
  a: scalar,
  "o.p": scalar,
  n: fc.oneof(num, absent),
  s: fc.oneof(str, absent),
  e: fc.oneof(fc.constantFrom("x", "y", "z"), absent),
  b: fc.oneof(fc.boolean(), absent),
  t: fc.oneof(fc.array(fc.constantFrom("x", "y", "z"), { maxLength: 3 }), absent),
};

const witness = fc
  .record(Object.fromEntries(Object.entries(fieldValue)) as Record<string, fc.Arbitrary<unknown>>)
  .map((r) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(r)) {
      if (v === MISSING) continue;
      if (k === "o.p") out.o = { p: v };
      else out[k] = v;
    }
    return out;
  });

const scalarOperand = fc.oneof(num, str, fc.boolean(), fc.constant(null));
const list = fc.array(fc.oneof(num, str), { maxLength: 3 });

function valueCond(field: string): fc.Arbitrary<unknown> {
  const ops: fc.Arbitrary<unknown>[] = [
    scalarOperand,
    fc.record({ $eq: scalarOperand }),
    fc.record({ $ne: scalarOperand }),
    fc
      .constantFrom("$gt", "$gte", "$lt", "$lte")
      .chain((op) => fc.oneof(num, str).map((v) => ({ [op]: v }))),
    fc.record({ $gt: num, $lt: num }),
    fc.record({ $in: list }),
    fc.record({ $nin: list }),
    fc.record({ $exists: fc.boolean() }),
    fc.record({ $regex: fc.constantFrom("^x", "y$", "x", "^1", "^x$", "x|y", "[0-9]") }),
    fc.record({ $ini: fc.array(fc.constantFrom("x", "X", "y"), { maxLength: 2 }) }),
    fc.record({ $type: fc.constantFrom("string", "number", "boolean", "null", "undefined") }),
    fc.record({ $vgt: fc.constantFrom("1", "1.2.3", "2") }),
  ];
  if (field === "t") {
    ops.push(
      fc.record({ $size: fc.constantFrom(0, 1, 2) }),
      fc.record({ $all: fc.array(fc.constantFrom("x", "y"), { maxLength: 2 }) }),
      fc.record({ $elemMatch: fc.record({ $eq: fc.constantFrom("x", "y") }) }),
      fc.array(fc.constantFrom("x", "y"), { maxLength: 2 }),
    );
  }
  const base = fc.oneof(...ops);
  return fc.oneof(
    { weight: 5, arbitrary: base },
    { weight: 1, arbitrary: base.map((v) => ({ $not: v })) },
  );
}

const FIELDS = Object.keys(fieldValue);
const leaf = fc
  .array(fc.constantFrom(...FIELDS), { minLength: 1, maxLength: 2 })
  .chain((fields) => fc.tuple(...fields.map((f) => valueCond(f).map((v) => [f, v] as const))))
  .map((entries) => Object.fromEntries(entries));

const condition = fc.letrec<{ c: unknown }>((tie) => ({
  c: fc.oneof(
    { depthSize: "small", maxDepth: 3 },
    { weight: 4, arbitrary: leaf },
    fc.record({ $and: fc.array(tie("c"), { minLength: 1, maxLength: 3 }) }),
    fc.record({ $or: fc.array(tie("c"), { minLength: 1, maxLength: 3 }) }),
    fc.record({ $nor: fc.array(tie("c"), { minLength: 1, maxLength: 2 }) }),
    fc.record({ $not: tie("c") }),
  ),
})).c;

const counts: Record<string, number> = {};

test("static verdicts are never contradicted by a witness", () => {
  fc.assert(
    fc.property(
      condition,
      condition,
      fc.array(witness, { minLength: 40, maxLength: 40 }),
      (a, b, ws) => {
        const r = analyzePair(a, b, { catalogue: CATALOGUE });
        const key = `${r.verdict}${r.direction ? `/${r.direction}` : ""}`;
        counts[key] = (counts[key] ?? 0) + 1;
        const ca = compileCondition(a);
        const cb = compileCondition(b);
        if (r.example) assert.ok(ca(r.example) && cb(r.example), "example must match both");
        for (const w of ws) {
          const ma = ca(w);
          const mb = cb(w);
          if (r.verdict === "disjoint") assert.ok(!(ma && mb), `both match ${JSON.stringify(w)}`);
          if (r.verdict === "subset" && r.direction !== "b-in-a") {
            assert.ok(!ma || mb, `A without B: ${JSON.stringify(w)}`);
          }
          if (r.verdict === "subset" && r.direction !== "a-in-b") {
            assert.ok(!mb || ma, `B without A: ${JSON.stringify(w)}`);
          }
        }
      },
    ),
    { numRuns: 3000 },
  );
  // The property means something only if every verdict shows up.
  for (const k of [
    "disjoint",
    "subset/a-in-b",
    "subset/b-in-a",
    "subset/equal",
    "overlap-possible",
  ]) {
    assert.ok((counts[k] ?? 0) > 10, `too few ${k}: ${JSON.stringify(counts)}`);
  }
});

test("a verdict on a condition and a mutated copy holds for targeted witnesses", () => {
  // Conditions on one field compared against witnesses drawn from the same field only.
  const field = fc.constantFrom("a", "n", "s", "e");
  fc.assert(
    fc.property(
      field.chain((f) =>
        fc.tuple(
          fc.constant(f),
          valueCond(f),
          valueCond(f),
          fc.array(fieldValue[f] as fc.Arbitrary<unknown>, { minLength: 30, maxLength: 30 }),
        ),
      ),
      ([f, va, vb, values]) => {
        const a = { [f]: va };
        const b = { [f]: vb };
        const r = analyzePair(a, b, { catalogue: CATALOGUE });
        const ca = compileCondition(a);
        const cb = compileCondition(b);
        for (const v of values) {
          const w = v === MISSING ? {} : { [f]: v };
          if (r.verdict === "disjoint") assert.ok(!(ca(w) && cb(w)), JSON.stringify([a, b, w]));
          if (r.verdict === "subset" && r.direction !== "b-in-a") assert.ok(!ca(w) || cb(w));
          if (r.verdict === "subset" && r.direction !== "a-in-b") assert.ok(!cb(w) || ca(w));
        }
      },
    ),
    { numRuns: 5000 },
  );
});
