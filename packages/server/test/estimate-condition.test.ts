/** What the estimate reads for a condition: relaxed tests, and reads that keep every answer. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { compileCondition } from "@intently/conditions";
import { pieceValue } from "@intently/store";
import fc from "fast-check";
import { fieldReads, relaxCondition } from "../src/api/segments/estimate-condition.ts";

const matches = (c: unknown, attrs: Record<string, unknown>) => compileCondition(c)(attrs);

test("unrecorded tests pass where asked for and fail under a negation: an upper bound", () => {
  const r = relaxCondition({
    deviceType: "mobile",
    cartValue: { $gte: 100 },
    $nor: [{ pageType: "checkout", country: "GB" }],
    $or: [{ "props.tier": "gold" }, { searches: { $gte: 1 } }],
  });
  assert.deepEqual(r.unestimated, ["cartValue", "pageType", "props.tier"]);
  assert.deepEqual(r.condition, {
    deviceType: "mobile",
    $nor: [{ $not: {} }],
    $or: [{}, { searches: { $gte: 1 } }],
  });
  const attrs = { deviceType: "mobile", country: "GB", searches: 0 };
  assert.equal(matches(r.condition, attrs), true);
  assert.equal(matches(r.condition, { ...attrs, deviceType: "desktop" }), false);
  // $not flips twice: a positive place again.
  const twice = relaxCondition({ $not: { $not: { cartValue: { $gt: 5 } } } });
  assert.deepEqual(twice.condition, { $not: { $not: {} } });
  assert.equal(matches(twice.condition, {}), true);
  assert.deepEqual(relaxCondition({ segment: "converted", state: "focus" }).unestimated, []);
});

test("the coarsest reads: pieces of numbers, constants of strings, values otherwise", () => {
  const reads = fieldReads({
    pageViews: { $gte: 3, $ne: 7 },
    $or: [{ pageViews: { $in: [1, 3] } }, { xC: { $not: { $lt: 0.5 } } }],
    country: { $in: ["GB", "FR"] },
    deviceType: "mobile",
    landingPage: { $regex: "^/p/" },
    previousSessions: "2",
    "experiments.0": "a:b",
    segment: "converted",
    identified: true,
  });
  assert.deepEqual(reads, [
    { field: "pageViews", cuts: [1, 3, 7] },
    { field: "xC", cuts: [0.5] },
    { field: "country", values: ["GB", "FR"] },
    { field: "deviceType", values: ["mobile"] },
    { field: "landingPage" },
    { field: "previousSessions" },
    { field: "experiments" },
    { field: "identified" },
  ]);
  assert.deepEqual(fieldReads({ xC: { $exists: true } }), [{ field: "xC", cuts: [] }]);
  const many = Array.from({ length: 65 }, (_, i) => i);
  assert.deepEqual(fieldReads({ pageViews: { $in: many } }), [{ field: "pageViews" }]);
});

/** The piece of `v` among sorted cuts, as the store's SQL computes it. */
function piece(cuts: number[], v: number): number {
  for (let j = 0; j < cuts.length; j++) {
    if (v < cuts[j]!) return 2 * j;
    if (v === cuts[j]) return 2 * j + 1;
  }
  return 2 * cuts.length;
}

test("a number read as its piece gives the condition's answer for the number", () => {
  const constant = fc.oneof(
    fc.integer({ min: -5, max: 5 }),
    fc.double({ noNaN: true, min: -5, max: 5 }),
  );
  const leaf = fc.oneof(
    fc
      .tuple(fc.constantFrom("$gt", "$gte", "$lt", "$lte", "$eq", "$ne"), constant)
      .map(([op, c]) => ({ [op]: c })),
    fc.array(constant, { maxLength: 3 }).map((xs) => ({ $in: xs })),
    fc.array(constant, { maxLength: 3 }).map((xs) => ({ $nin: xs })),
    constant,
  );
  const cond = fc
    .array(leaf, { minLength: 1, maxLength: 3 })
    .chain((ls) =>
      fc.constantFrom(
        { $and: ls.map((l) => ({ xC: l })) },
        { $or: ls.map((l) => ({ xC: l })) },
        { $nor: ls.map((l) => ({ xC: { $not: l } })) },
      ),
    );
  fc.assert(
    fc.property(
      cond,
      fc.array(fc.oneof(constant, fc.double({ noNaN: true })), { maxLength: 20 }),
      (c, values) => {
        const [read] = fieldReads(c);
        const cuts = [...(read?.cuts ?? [])];
        for (const v of [...values, ...cuts])
          assert.equal(
            matches(c, { xC: pieceValue(cuts, piece(cuts, v)) }),
            matches(c, { xC: v }),
            `${JSON.stringify(c)} at ${v}`,
          );
      },
    ),
    { numRuns: 300 },
  );
});
