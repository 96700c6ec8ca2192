import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";
import { compileCondition, evalConditionReference } from "../src/index.ts";

type Case = [string, unknown, Record<string, unknown>, boolean, Record<string, unknown[]>?];

const file = new URL("../../../../shared/specs/growthbook/cases.json", import.meta.url);
const cases = (JSON.parse(readFileSync(file, "utf8")) as { evalCondition: Case[] }).evalCondition;

describe("GrowthBook evalCondition cases", () => {
  test("all 248 cases are present", () => assert.equal(cases.length, 248));
  cases.forEach(([name, condition, attributes, expected, savedGroups], i) => {
    test(`${i}: ${name}`, () => {
      const compiled = compileCondition(condition);
      assert.equal(compiled(attributes, savedGroups), expected, "compiled");
      assert.equal(
        evalConditionReference(condition, attributes, savedGroups),
        expected,
        "reference",
      );
    });
  });
});
