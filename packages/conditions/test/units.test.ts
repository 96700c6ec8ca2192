import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { NumSet, nextDown, nextUp } from "../src/conflicts/numset.ts";
import {
  compileCondition,
  compileSafeRegex,
  MAX_REGEX_SUBJECT_LENGTH,
  paddedVersionString,
  parseLiteralRegex,
  regexUnsupported,
} from "../src/index.ts";

describe("regex rule", () => {
  // Run by the linear-time engine (no backtracking), where JS would backtrack exponentially.
  const accepted = ["(a+)+$", "(a*)*", "(a|aa)+", "a*a+", ".*\\w+", "^\\d+(\\.\\d+)*$", "-12-25$"];
  const refused = ["(\\w)\\1", "(?=a)", "\\cA", "[]", "a".repeat(2000), "(.{100}){100}"];
  for (const p of accepted) test(`runs ${p}`, () => assert.equal(regexUnsupported(p, false), null));
  for (const p of refused) {
    test(`refuses ${p.slice(0, 20)}`, () => {
      assert.notEqual(regexUnsupported(p, false), null);
      assert.equal(compileSafeRegex(p, false), null);
    });
  }
  test("invalid, non-string and over-long patterns never match", () => {
    assert.equal(compileSafeRegex("[", false), null);
    assert.equal(compileSafeRegex(5, false), null);
    assert.equal(compileSafeRegex("a".repeat(2000), false), null);
  });
  test("subjects over the cap never match", () => {
    const f = compileCondition({ s: { $regex: "a" } });
    assert.equal(f({ s: "a".repeat(MAX_REGEX_SUBJECT_LENGTH) }), true);
    assert.equal(f({ s: "a".repeat(MAX_REGEX_SUBJECT_LENGTH + 1) }), false);
  });
  test("literal patterns", () => {
    assert.deepEqual(parseLiteralRegex("^Mobile"), { start: true, end: false, text: "Mobile" });
    assert.deepEqual(parseLiteralRegex("-12-25$"), { start: false, end: true, text: "-12-25" });
    assert.deepEqual(parseLiteralRegex("1\\.2"), { start: false, end: false, text: "1.2" });
    assert.equal(parseLiteralRegex("a.b"), null);
    assert.equal(parseLiteralRegex("\\d"), null);
  });
});

describe("paddedVersionString", () => {
  // The rule restated with regexes: strip ^v and a "+build" suffix, split on - and .
  const oracle = (s: string) => {
    const parts = s.replace(/^v/, "").replace(/\+.*$/, "").split(/[-.]/);
    if (parts.length === 3) parts.push("~");
    return parts.map((p) => (/^[0-9]+$/.test(p) ? p.padStart(5, " ") : p)).join("-");
  };
  test("agrees with the regex statement of the rule", () => {
    const ch = fc.constantFrom("v", "1", "0", "9", ".", "-", "+", "a", "\n", "~", " ");
    fc.assert(
      fc.property(
        fc.array(ch, { maxLength: 14 }).map((a) => a.join("")),
        (s) => {
          assert.equal(paddedVersionString(s), oracle(s === "" ? "0" : s));
        },
      ),
      { numRuns: 3000 },
    );
  });
  test("non-strings", () => {
    assert.equal(paddedVersionString(null), paddedVersionString("0"));
    assert.equal(paddedVersionString(12), paddedVersionString("12"));
  });
});

describe("NumSet", () => {
  const pick = fc.constantFrom(
    -Infinity,
    -2,
    -1,
    -0.5,
    0,
    0.5,
    1,
    1.0000000000000002,
    2,
    Infinity,
    Number.NaN,
  );
  const op = fc.constantFrom("$gt", "$gte", "$lt", "$lte") as fc.Arbitrary<
    "$gt" | "$gte" | "$lt" | "$lte"
  >;
  const test1 = (o: string, x: number, c: number) =>
    o === "$gt" ? x > c : o === "$gte" ? x >= c : o === "$lt" ? x < c : x <= c;
  test("comparison sets, complement and intersection agree with JavaScript", () => {
    fc.assert(
      fc.property(op, pick, op, pick, pick, (o1, c1, o2, c2, x) => {
        const s1 = NumSet.compare(o1, c1);
        const s2 = NumSet.compare(o2, c2);
        assert.equal(s1.has(x), test1(o1, x, c1));
        assert.equal(s1.complement().has(x), !test1(o1, x, c1));
        assert.equal(s1.intersect(s2).has(x), test1(o1, x, c1) && test1(o2, x, c2));
        assert.equal(s1.union(s2).has(x), test1(o1, x, c1) || test1(o2, x, c2));
        for (const y of s1.intersect(s2).samples()) assert.ok(test1(o1, y, c1) && test1(o2, y, c2));
      }),
      { numRuns: 3000 },
    );
  });
  test("neighbouring doubles", () => {
    assert.equal(nextUp(1), 1.0000000000000002);
    assert.equal(nextDown(0), -Number.MIN_VALUE);
    assert.ok(
      NumSet.compare("$gt", 1)
        .intersect(NumSet.compare("$lt", nextUp(1)))
        .isEmpty(),
    );
  });
});

describe("documented semantic decisions", () => {
  test("where GrowthBook throws, false; its short-circuits are kept", () => {
    assert.equal(compileCondition({ $or: [{ a: 1 }, null] })({ a: 1 }), true);
    assert.equal(compileCondition({ $or: [{ a: 1 }, null] })({ a: 2 }), false);
    assert.equal(compileCondition({ $not: { $or: [{ a: 1 }, null] } })({ a: 2 }), false);
  });
  test("a string operand of $or is iterated by character, like GrowthBook", () => {
    assert.equal(compileCondition({ $or: "xy" })({ 0: "y" }), true);
    assert.equal(compileCondition({ $or: "xy" })({ 0: "z" }), false);
  });
  test("missing paths are null; GrowthBook coercions", () => {
    const f = (c: unknown, a: Record<string, unknown>) => compileCondition(c)(a);
    assert.equal(f({ a: 0 }, {}), true); // null * 1 === 0
    assert.equal(f({ a: "null" }, {}), true); // null + "" === "null"
    assert.equal(f({ a: { $lt: 1 } }, {}), true); // null < 1
    assert.equal(f({ a: "x,y" }, { a: ["x", "y"] }), true);
    assert.equal(f({ a: { $regex: "^nul" } }, {}), true);
  });
  test("saved groups: v1 lists, v2 lists, malformed entries match nobody", () => {
    const inG = compileCondition({ id: { $inGroup: "g" } });
    const notInG = compileCondition({ id: { $notInGroup: "g" } });
    assert.equal(inG({ id: 1 }, { g: [1] }), true);
    assert.equal(inG({ id: 1 }, { g: { type: "list", attributeKey: "x", values: [1] } }), true);
    assert.equal(notInG({ id: 1 }, {}), true); // unknown id: an empty list
    assert.equal(inG({ id: "b" }, { g: "abc" }), false);
    assert.equal(notInG({ id: 1 }, { g: 5 }), false);
    assert.equal(notInG({ id: 1 }, { g: { type: "condition", condition: {} } }), false);
  });
  test("$savedGroup: list and condition groups, cycles cut", () => {
    const groups = {
      buyers: { type: "list", attributeKey: "id", values: [1, 2] },
      mobile: { type: "condition", condition: { device: "mobile" } },
      loopA: {
        type: "condition",
        condition: { $or: [{ $savedGroup: { id: "loopB" } }, { x: 1 }] },
      },
      loopB: { type: "condition", condition: { $savedGroup: { id: "loopA" } } },
    };
    const f = (c: unknown, a: Record<string, unknown>) => compileCondition(c)(a, groups);
    assert.equal(f({ $savedGroup: { id: "buyers" } }, { id: 2 }), true);
    assert.equal(
      f({ $savedGroup: { id: "buyers", attributeKey: "other" } }, { id: 2, other: 3 }),
      false,
    );
    assert.equal(f({ $savedGroup: { id: "mobile" } }, { device: "mobile" }), true);
    assert.equal(f({ $savedGroup: { id: "loopA" } }, { x: 1 }), true);
    assert.equal(f({ $savedGroup: { id: "loopA" } }, { x: 2 }), false);
    assert.equal(f({ $savedGroup: { id: "nope" } }, {}), false);
  });
  test("$elemMatch skips only null and undefined elements", () => {
    assert.equal(compileCondition({ a: { $elemMatch: { $eq: 0 } } })({ a: [null, 0] }), true);
  });
});
