import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { compileCondition, evalConditionReference, MAX_DEPTH } from "../src/index.ts";

function both(cond: unknown, attrs: unknown, groups?: unknown): boolean {
  const c = compileCondition(cond)(attrs as Record<string, unknown>, groups as never);
  const r = evalConditionReference(cond, attrs, groups as never);
  assert.equal(c, r, "compiled and reference disagree");
  return c;
}

function nest(levels: number, wrap: (inner: unknown) => unknown, leaf: unknown): unknown {
  let c = leaf;
  for (let i = 0; i < levels; i++) c = wrap(c);
  return c;
}

describe("deep nesting never overflows the stack", () => {
  const shapes: [string, (x: unknown) => unknown, unknown][] = [
    ["$and", (x) => ({ $and: [x] }), { a: 1 }],
    ["$or", (x) => ({ $or: [x] }), { a: 1 }],
    ["$nor", (x) => ({ $nor: [x] }), { a: 1 }],
    ["$not", (x) => ({ $not: x }), { a: 1 }],
  ];
  for (const [name, wrap, leaf] of shapes) {
    test(`${name} × 10,000 compiles to false`, () => {
      assert.equal(both(nest(10_000, wrap, leaf), { a: 1 }), false);
    });
  }
  test("value-level $not / $size / $elemMatch / $all × 10,000", () => {
    const wraps: ((x: unknown) => unknown)[] = [
      (x) => ({ $not: x }),
      (x) => ({ $size: x }),
      (x) => ({ $elemMatch: x }),
      (x) => ({ $all: [x] }),
    ];
    for (const w of wraps) assert.equal(both({ a: nest(10_000, w, 1) }, { a: [1] }), false);
  });
  test("a literal object nested 10,000 deep is compared as JSON without throwing", () => {
    const deep = nest(10_000, (x) => ({ k: x }), 1);
    assert.equal(typeof both({ a: deep }, { a: deep }), "boolean");
  });
  test("nesting within the limit still evaluates", () => {
    const even = nest(MAX_DEPTH - 2, (x) => ({ $not: x }), { a: 1 });
    assert.equal(both(even, { a: 1 }), true);
    const over = nest(MAX_DEPTH + 2, (x) => ({ $not: x }), { a: 1 });
    assert.equal(both(over, { a: 1 }), false);
  });
  test("deeply nested attributes and long paths", () => {
    const attrs = nest(10_000, (x) => ({ k: x }), "end") as Record<string, unknown>;
    const path = Array.from({ length: 10_000 }, () => "k").join(".");
    assert.equal(both({ [path]: "end" }, attrs), true);
    assert.equal(both({ k: { $exists: true } }, attrs), true);
    assert.equal(both({ k: { k: "x" } }, attrs), false); // JSON of a 10,000-deep value
  });
});

describe("huge inputs", () => {
  const values = Array.from({ length: 100_000 }, (_, i) => `v${i}`);
  test("$in / $nin with 100,000 values", () => {
    const isIn = compileCondition({ a: { $in: values } });
    const notIn = compileCondition({ a: { $nin: values } });
    assert.equal(isIn({ a: "v99999" }), true);
    assert.equal(isIn({ a: "nope" }), false);
    assert.equal(isIn({ a: ["x", "v5"] }), true);
    assert.equal(notIn({ a: "v5" }), false);
    assert.equal(notIn({}), true);
    for (let i = 0; i < 10_000; i++) isIn({ a: `v${i * 7}` });
  });
  test("$ini with 100,000 values", () => {
    assert.equal(compileCondition({ a: { $ini: values } })({ a: "V123" }), true);
  });
  test("a 1 MB string attribute against regex and equality", () => {
    const big = "a".repeat(1_000_000);
    assert.equal(both({ a: { $regex: "a$" } }, { a: big }), false); // over the subject cap
    assert.equal(both({ a: big }, { a: big }), true);
  });
  test("a condition with 10,000 paths", () => {
    const cond = Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`p${i}`, i]));
    const attrs = { ...cond };
    assert.equal(both(cond, attrs), true);
    assert.equal(both(cond, { ...attrs, p9999: 0 }), false);
  });
});

describe("regex bombs neither throw nor hang", () => {
  const subject = `${"a".repeat(36)}!`;
  // What JavaScript answers, worked out on a short subject (RE2 has no backtracking to blow up).
  for (const [pattern, want] of [
    ["(a+)+$", false],
    ["(a*)*$", true],
    ["(a|aa)+$", false],
    ["(a|a)*$", true],
    ["(.*a){20}$", false],
    ["^(\\w+\\s?)*$", false],
    ["((a+))+$", false],
    ["(a?){20}a{20}", true],
    ["(a?){30}a{30}", false], // 152 compiled steps, over the 128-step cap: refused, never matches
    ["a*a*a*a*a*$", true],
    ["(\\1a)+", false], // a backreference: refused, never matches
  ] as const) {
    test(pattern, () => {
      assert.equal(both({ a: { $regex: pattern } }, { a: subject }), want);
      assert.equal(both({ a: { $regexi: pattern } }, { a: subject }), want);
    });
  }
  test("safe patterns still match", () => {
    assert.equal(both({ v: { $regex: "^\\d+(\\.\\d+)*$" } }, { v: "1.22.333" }), true);
    assert.equal(both({ v: { $regex: "(Mobile|Tablet)+" } }, { v: "x Tablet" }), true);
  });
});

describe("hostile values", () => {
  test("prototype keys never reach Object.prototype", () => {
    const cond = JSON.parse('{"__proto__": {"$exists": true}, "constructor": {"$exists": false}}');
    assert.equal(both(cond, {}), false);
    assert.equal(both({ "a.constructor.name": "Object" }, { a: {} }), false);
    assert.equal(both({ "__proto__.polluted": { $exists: false } }, {}), true);
    const own = JSON.parse('{"__proto__": {"x": 1}}');
    assert.equal(both({ "__proto__.x": 1 }, own), true);
    assert.equal(({} as Record<string, unknown>).x, undefined);
    assert.equal(both({ a: { $inGroup: "__proto__" } }, { a: 1 }), false);
  });
  test("exotic attribute values", () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const throwing = {
      get a() {
        throw new Error("boom");
      },
    };
    const proxy = new Proxy(
      {},
      {
        has() {
          throw new Error("has");
        },
        get() {
          throw new Error("get");
        },
      },
    );
    const attrs: unknown[] = [
      null,
      undefined,
      42,
      "str",
      Symbol("s"),
      10n,
      cyclic,
      throwing,
      proxy,
      { a: cyclic },
      { a: 10n },
      { a: Symbol("s") },
      { a: { toString: 1, valueOf: 2 } },
      { a: Object.create(null) },
      { a: () => 1 },
      { a: new Date(0) },
    ];
    const conds: unknown[] = [
      { a: "x" },
      { a: 5 },
      { a: true },
      { a: { b: 1 } },
      { a: { $gt: 1 } },
      { a: { $regex: "x" } },
      { a: { $in: [1] } },
      { a: { $vgt: "1.0.0" } },
      { a: { $ini: ["x"] } },
      { a: { $type: "object" } },
      { $not: { a: "x" } },
      { "a.self.self": { $exists: true } },
    ];
    for (const a of attrs) for (const c of conds) both(c, a);
  });
  test("malformed conditions are false wherever GrowthBook would throw", () => {
    const conds: unknown[] = [
      null,
      undefined,
      { $or: null },
      { $and: [null] },
      { $not: null },
      { a: undefined },
      { a: 10n },
      { a: { $elemMatch: null } },
      { a: { $all: [undefined] } },
      { a: { $inGroup: "g" } },
    ];
    conds.forEach((c, i) => {
      assert.equal(both(c, { a: [1] }, { g: 5 }), false, `malformed condition #${i}`);
    });
    assert.equal(both({ $or: [{ a: 1 }, null] }, { a: 1 }), true); // short-circuits like GB
  });
  test("anything as condition and attributes never throws", () => {
    fc.assert(
      fc.property(
        fc.anything({ withBigInt: true, withNullPrototype: true, withSparseArray: true }),
        fc.anything({ withBigInt: true, withNullPrototype: true, withBoxedValues: true }),
        (cond, attrs) => {
          both(cond, attrs);
          both({ a: cond }, { a: attrs });
          both({ a: { $elemMatch: cond, $all: [cond] } }, { a: [attrs] });
        },
      ),
      { numRuns: 2000 },
    );
  });
  test("random JSON conditions with operator keys never throw", () => {
    const key = fc.constantFrom("$and", "$or", "$nor", "$not", "$in", "$elemMatch", "$size", "a");
    const json = fc.letrec<{ j: unknown }>((tie) => ({
      j: fc.oneof(
        { depthSize: "small" },
        fc.jsonValue({ maxDepth: 1 }),
        fc.array(tie("j"), { maxLength: 3 }),
        fc.dictionary(key, tie("j"), { maxKeys: 3 }),
      ),
    })).j;
    fc.assert(
      fc.property(json, fc.jsonValue(), (cond, attrs) => {
        both(cond, attrs);
      }),
      { numRuns: 3000 },
    );
  });
});
