import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { compileCondition, evalConditionReference } from "../src/index.ts";
import { attributes, condition, savedGroups } from "./arbitraries.ts";

test("compiled evaluator agrees with the reference interpreter", () => {
  fc.assert(
    fc.property(condition, attributes, savedGroups, (cond, attrs, groups) => {
      const compiled = compileCondition(cond)(attrs, groups);
      const reference = evalConditionReference(cond, attrs, groups);
      assert.equal(compiled, reference);
    }),
    { numRuns: 5000 },
  );
});

test("one compiled condition agrees with the reference across many attribute sets", () => {
  fc.assert(
    fc.property(condition, fc.array(attributes, { minLength: 5, maxLength: 20 }), (cond, list) => {
      const compiled = compileCondition(cond);
      for (const attrs of list) {
        assert.equal(compiled(attrs), evalConditionReference(cond, attrs));
      }
    }),
    { numRuns: 1000 },
  );
});

test("matches are frequent enough for the comparison to mean something", () => {
  let matched = 0;
  fc.assert(
    fc.property(condition, attributes, (cond, attrs) => {
      if (compileCondition(cond)(attrs)) matched++;
    }),
    { numRuns: 2000 },
  );
  assert.ok(matched > 200, `only ${matched} matches`);
});
