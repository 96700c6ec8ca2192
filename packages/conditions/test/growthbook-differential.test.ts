// The compiled evaluator against the real GrowthBook SDK on random inputs. Expected
// differences, by design: where GrowthBook throws we return false, and regexes the linear-time
// engine does not run never match (those conditions are skipped here).
import assert from "node:assert/strict";
import { test } from "node:test";
import { evalCondition } from "@growthbook/growthbook";
import fc from "fast-check";
import { compileCondition, regexUnsupported } from "../src/index.ts";
import { attributes, condition, savedGroups } from "./arbitraries.ts";

function hasRejectedRegex(x: unknown): boolean {
  if (x === null || typeof x !== "object") return false;
  for (const [k, v] of Object.entries(x)) {
    if (
      (k === "$regex" || k === "$regexi") &&
      typeof v === "string" &&
      regexUnsupported(v, k === "$regexi")
    ) {
      return true;
    }
    if (hasRejectedRegex(v)) return true;
  }
  return false;
}

test("compiled evaluator agrees with @growthbook/growthbook's evalCondition", () => {
  const quiet = console.error;
  console.error = () => {}; // GrowthBook logs unknown operators
  let compared = 0;
  let threw = 0;
  try {
    fc.assert(
      fc.property(condition, attributes, savedGroups, (cond, attrs, groups) => {
        if (hasRejectedRegex(cond)) return;
        const ours = compileCondition(cond)(attrs, groups);
        let theirs: boolean;
        try {
          theirs = evalCondition(attrs, cond as never, groups as never);
        } catch {
          threw++;
          assert.equal(ours, false, "GrowthBook throws: we answer false");
          return;
        }
        compared++;
        assert.equal(ours, theirs);
      }),
      { numRuns: 10000 },
    );
  } finally {
    console.error = quiet;
  }
  assert.ok(compared > 5000 && threw > 0, `compared ${compared}, threw ${threw}`);
});
