import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { analyzeAll, analyzePair, type FieldSpec, satisfiable } from "../src/index.ts";

const catalogue: FieldSpec[] = [
  { id: "device.type", type: "enum", values: ["mobile", "desktop", "tablet"] },
  { id: "cart.value", type: "number" },
  { id: "traffic.source", type: "string" },
  { id: "tags", type: "string[]" },
  { id: "returning", type: "boolean" },
];

function verdict(a: unknown, b: unknown, withCatalogue = true): string {
  const r = analyzePair(a, b, withCatalogue ? { catalogue } : {});
  return r.direction ? `${r.verdict}/${r.direction}` : r.verdict;
}

describe("analyzePair: exact fragment", () => {
  const cases: [string, unknown, unknown, string][] = [
    [
      "different enum values",
      { "device.type": "mobile" },
      { "device.type": "desktop" },
      "disjoint",
    ],
    [
      "value in a set",
      { "device.type": "mobile" },
      { "device.type": { $in: ["mobile", "tablet"] } },
      "subset/a-in-b",
    ],
    [
      "$in vs $nin",
      { "device.type": { $in: ["mobile"] } },
      { "device.type": { $nin: ["mobile"] } },
      "disjoint",
    ],
    [
      "nested ranges",
      { "cart.value": { $gte: 100 } },
      { "cart.value": { $gt: 50 } },
      "subset/a-in-b",
    ],
    [
      "touching ranges",
      { "cart.value": { $gte: 100 } },
      { "cart.value": { $lt: 100 } },
      "disjoint",
    ],
    [
      "closed ends meet",
      { "cart.value": { $lte: 100 } },
      { "cart.value": { $gte: 100 } },
      "overlap-possible",
    ],
    [
      "overlapping ranges",
      { "cart.value": { $gte: 100 } },
      { "cart.value": { $lt: 200 } },
      "overlap-possible",
    ],
    ["no double between", { "cart.value": { $gt: 1, $lt: 1.0000000000000002 } }, {}, "disjoint"],
    ["impossible range", { "cart.value": { $gt: 5, $lt: 3 } }, {}, "disjoint"],
    [
      "enum complement",
      { "device.type": { $ne: "desktop" } },
      { "device.type": { $in: ["mobile", "tablet"] } },
      "subset/b-in-a",
    ],
    [
      "$or of values vs $in",
      { $or: [{ "device.type": "mobile" }, { "device.type": "tablet" }] },
      { "device.type": { $in: ["tablet", "mobile"] } },
      "subset/equal",
    ],
    [
      "$nor vs $nin",
      { $nor: [{ "traffic.source": "ads" }] },
      { "traffic.source": { $nin: ["ads"] } },
      "subset/equal",
    ],
    [
      "$not of a range",
      { "cart.value": { $not: { $gte: 5 } } },
      { "cart.value": { $lt: 5 } },
      "subset/b-in-a",
    ],
    [
      "$ne matches a missing field",
      { "traffic.source": { $ne: "ads" } },
      { "traffic.source": { $exists: false } },
      "subset/b-in-a",
    ],
    [
      "$exists vs equality",
      { "traffic.source": { $exists: false } },
      { "traffic.source": "ads" },
      "disjoint",
    ],
    [
      "missing is null",
      { "cart.value": null },
      { "cart.value": { $exists: false } },
      "subset/a-in-b",
    ],
    ["boolean", { returning: true }, { returning: { $ne: false } }, "subset/a-in-b"],
    [
      "different fields",
      { "device.type": "mobile" },
      { "traffic.source": "ads" },
      "overlap-possible",
    ],
    [
      "refinement",
      { "device.type": "mobile", "cart.value": { $gte: 100 } },
      { "device.type": "mobile" },
      "subset/a-in-b",
    ],
    [
      "one field decides",
      { "device.type": "mobile", x: { $regex: "a(b|c)+" } },
      { "device.type": "desktop" },
      "disjoint",
    ],
    ["a condition that never matches", { $nor: [] }, { "device.type": "mobile" }, "disjoint"],
    ["both always match", {}, { $or: [] }, "subset/equal"],
  ];
  for (const [name, a, b, want] of cases) test(name, () => assert.equal(verdict(a, b), want));

  test("details explain", () => {
    const r = analyzePair({ "device.type": "mobile" }, { "device.type": "desktop" }, { catalogue });
    assert.match(r.detail, /device\.type/);
    const s = analyzePair({ "cart.value": { $gt: 5, $lt: 3 } }, { a: 1 }, { catalogue });
    assert.equal(s.detail, "A can never match");
    const o = analyzePair(
      { "cart.value": { $gte: 100 } },
      { "cart.value": { $lt: 200 } },
      { catalogue },
    );
    assert.deepEqual(o.example, { cart: { value: 100 } });
  });
});

describe("analyzePair: GrowthBook coercions without a catalogue", () => {
  test("number and numeric string", () => {
    assert.equal(verdict({ n: 5 }, { n: "5" }, false), "subset/b-in-a"); // "05" * 1 === 5
  });
  test('a numeric range also holds strings like "8"', () => {
    assert.equal(verdict({ n: { $gt: 5 } }, { n: { $lt: 3 } }, false), "disjoint");
    assert.equal(verdict({ n: { $gt: 5 } }, { n: "8" }, false), "subset/b-in-a");
  });
  test("boolean literal and numbers", () => {
    assert.equal(verdict({ f: false }, { f: 0 }, false), "overlap-possible");
  });
  test("uncatalogued fields hold scalars unless used as arrays", () => {
    assert.equal(verdict({ t: { $in: ["a"] } }, { t: { $in: ["b"] } }, false), "disjoint");
    assert.equal(
      verdict({ t: { $in: ["a"] }, u: { $size: 1 } }, { t: { $in: ["b"] } }, false),
      "disjoint",
    );
    const both = analyzePair(
      { t: { $in: ["a"] } },
      { t: { $in: ["b"] }, z: { $all: [] }, "t.0": { $exists: true } },
    );
    assert.notEqual(both.verdict, "disjoint");
  });
});

describe("analyzePair: array fields are conservative", () => {
  test("$in on an array field is an intersection", () => {
    const r = analyzePair({ tags: { $in: ["a"] } }, { tags: { $in: ["b"] } }, { catalogue });
    assert.equal(r.verdict, "overlap-possible");
    assert.deepEqual(r.example, { tags: ["a", "b"] });
  });
  test("exact parts still decide", () => {
    assert.equal(verdict({ tags: { $exists: false } }, { tags: { $in: ["b"] } }), "disjoint");
    assert.equal(verdict({ tags: { $size: 2 } }, { tags: null }), "disjoint");
  });
});

describe("analyzePair: beyond the exact fragment", () => {
  test("literal regexes are reasoned about", () => {
    assert.equal(verdict({ x: { $regex: "^ab" } }, { x: { $regex: "^ac" } }, false), "disjoint");
    assert.equal(verdict({ x: "abc" }, { x: { $regex: "^ab" } }, false), "subset/a-in-b");
    assert.equal(
      verdict({ x: { $regex: "^ab" } }, { x: { $regex: "c$" } }, false),
      "overlap-possible",
    );
  });
  test("non-literal regex is unknown unless other fields decide", () => {
    const a = { "traffic.source": { $regex: "^(ad|ppc)s?$" } };
    const b = { "traffic.source": { $regex: "^p(a|p)c$" } };
    assert.equal(verdict(a, b), "unknown");
    assert.equal(
      verdict({ ...a, "device.type": "mobile" }, { ...b, "device.type": "desktop" }),
      "disjoint",
    );
  });
  test("version ranges that cannot meet are disjoint", () => {
    assert.equal(verdict({ v: { $vgt: "2.0.0" } }, { v: { $vlt: "1.9.9" } }, false), "disjoint");
    assert.equal(
      verdict({ v: { $vgt: "2.0.0" } }, { v: { $vgt: "1.0.0" } }, false),
      "subset/a-in-b",
    );
    assert.equal(
      verdict({ v: { $vgt: "1.0.0" } }, { v: { $vlt: "2.0.0" } }, false),
      "overlap-possible",
    );
  });
  test("saved groups are unknown", () => {
    assert.equal(verdict({ id: { $inGroup: "g" } }, { id: { $inGroup: "h" } }, false), "unknown");
  });
  test("$savedGroup references are unknown unless other fields decide", () => {
    assert.equal(
      verdict({ $savedGroup: { id: "g" } }, { $savedGroup: { id: "h" } }, false),
      "unknown",
    );
    assert.equal(verdict({ $savedGroup: { id: "g" }, x: 1 }, { x: 2 }, false), "disjoint");
  });
  test("malformed conditions are unknown", () => {
    const r = analyzePair({ $or: null }, { a: 1 });
    assert.equal(r.verdict, "unknown");
    assert.match(r.detail, /malformed/);
  });
  test("too many normal-form terms is unknown", () => {
    const wide = (p: string) => ({
      $and: Array.from({ length: 10 }, (_, i) => ({
        $or: [{ [`${p}${i}`]: 1 }, { [`${p}${i}`]: 2 }],
      })),
    });
    const r = analyzePair(wide("x"), wide("y"), { maxTerms: 64 });
    assert.equal(r.verdict, "unknown");
    assert.match(r.detail, /terms/);
  });
});

describe("analyzeAll", () => {
  test("every pair once, with ids", () => {
    const { pairs } = analyzeAll(
      [
        { id: "mobile", condition: { "device.type": "mobile" } },
        { id: "desktop", condition: { "device.type": "desktop" } },
        { id: "big-cart", condition: { "cart.value": { $gte: 100 } } },
      ],
      { catalogue },
    );
    assert.deepEqual(
      pairs.map((p) => [p.a, p.b, p.verdict]),
      [
        ["mobile", "desktop", "disjoint"],
        ["mobile", "big-cart", "overlap-possible"],
        ["desktop", "big-cart", "overlap-possible"],
      ],
    );
  });
});

test("satisfiable", () => {
  assert.equal(satisfiable({ "cart.value": { $gt: 5, $lt: 3 } }, { catalogue }), "unsat");
  assert.equal(satisfiable({ "cart.value": { $gt: 5 } }, { catalogue }), "sat");
  assert.equal(satisfiable({ x: { $regex: "^(a|b)c+$" } }), "maybe"); // non-literal regex
  assert.equal(satisfiable({ x: { $regex: "^(a|b)c+$" }, y: { $in: [] } }), "unsat");
});
