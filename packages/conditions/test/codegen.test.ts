import assert from "node:assert/strict";
import { test } from "node:test";
import { compileCondition, evalConditionReference } from "../src/index.ts";

test("keys and values that look like code are data, never code", () => {
  const evil = '"]); globalThis.__pwned = true; (["';
  const attrs = { [evil]: "x", 'a"b': 1, "back\\slash": "y", "line\u2028sep": "z", "`${1}`": 2 };
  const conds = [
    { [evil]: "x" },
    { [evil]: evil },
    { 'a"b': { $gte: 1 } },
    { "back\\slash": "y" },
    { "line\u2028sep": { $in: ["z"] } },
    { "`${1}`": 2, $or: [{ [evil]: { $exists: true } }] },
  ];
  for (const c of conds) {
    assert.equal(compileCondition(c)(attrs), evalConditionReference(c, attrs), JSON.stringify(c));
  }
  assert.equal((globalThis as Record<string, unknown>).__pwned, undefined);
});

test("generated and closure paths agree on non-object attributes and inherited names", () => {
  const conds: Record<string, unknown>[] = [
    { toString: null },
    { toString: { $exists: false } },
    { constructor: null },
    { a: null },
    {},
  ];
  const inputs: unknown[] = [null, undefined, 5, "str", [], {}, Object.create(null)];
  for (const [i, attrs] of inputs.entries()) {
    for (const c of conds) {
      assert.equal(
        compileCondition(c)(attrs as never),
        evalConditionReference(c, attrs as never),
        `${JSON.stringify(c)} on input ${i}`,
      );
    }
  }
});
