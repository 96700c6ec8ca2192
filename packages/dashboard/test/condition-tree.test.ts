/** The builder's condition model: JSON out, JSON back in, and what it refuses to show. */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { DataPointType } from "../src/app/lib/catalogue-types.ts";
import {
  fromCondition,
  group,
  incompleteRules,
  parseRoot,
  rule,
  toCondition,
} from "../src/app/lib/condition-tree.ts";
import { convertValue, operatorsFor } from "../src/app/lib/operators.ts";

const TYPES: Record<string, DataPointType> = {
  segment: "enum",
  deviceType: "enum",
  trafficSource: "enum",
  cartValue: "number",
  country: "string",
  identified: "boolean",
  categoriesViewed: "string[]",
};
const typeOf = (f: string) => TYPES[f];
const roundTrip = (c: unknown) => toCondition(parseRoot(c, typeOf)!, typeOf);

test("an AND of distinct fields becomes one object, GrowthBook's implicit AND", () => {
  const g = group("and", [
    rule("segment", "eq", "struggling-buyers"),
    rule("deviceType", "eq", "mobile"),
    rule("cartValue", "gte", 100),
  ]);
  assert.deepEqual(toCondition(g, typeOf), {
    segment: "struggling-buyers",
    deviceType: "mobile",
    cartValue: { $gte: 100 },
  });
});

test("repeated fields and OR groups keep their structure", () => {
  const g = group("and", [
    rule("cartValue", "gte", 50),
    rule("cartValue", "lt", 200),
    group("or", [
      rule("deviceType", "eq", "mobile"),
      rule("trafficSource", "in", ["email", "paid-social"]),
    ]),
  ]);
  const c = toCondition(g, typeOf);
  assert.deepEqual(c, {
    $and: [
      { cartValue: { $gte: 50 } },
      { cartValue: { $lt: 200 } },
      { $or: [{ deviceType: "mobile" }, { trafficSource: { $in: ["email", "paid-social"] } }] },
    ],
  });
  assert.deepEqual(roundTrip(c), c);
});

test("every operator survives JSON and back", () => {
  const cases: unknown[] = [
    { country: { $ne: "GB" } },
    { country: { $nin: ["GB", "IE"] } },
    { country: { $exists: false } },
    { country: { $regexi: "united\\.kingdom" } },
    { country: { $regex: "^G" } },
    { identified: true },
    { identified: false },
    { categoriesViewed: { $elemMatch: { $eq: "Shoes" } } },
    { categoriesViewed: { $in: ["Shoes", "Bags"] } },
    { categoriesViewed: { $all: ["Shoes", "Bags"] } },
    { categoriesViewed: { $size: 0 } },
    { cartValue: { $gte: 10, $lte: 20 } },
    { $or: [{ deviceType: "mobile" }, { deviceType: "tablet" }] },
  ];
  for (const c of cases) {
    const back = roundTrip(c);
    const flat = (x: unknown) => JSON.stringify(x);
    // Two operators on one field come back as two rules of an AND.
    if (flat(c) === flat({ cartValue: { $gte: 10, $lte: 20 } }))
      assert.deepEqual(back, { $and: [{ cartValue: { $gte: 10 } }, { cartValue: { $lte: 20 } }] });
    else assert.deepEqual(back, c, flat(c));
  }
});

test("conditions the visual builder cannot show parse to null", () => {
  for (const c of [
    { $nor: [{ deviceType: "mobile" }] },
    { $not: { deviceType: "mobile" } },
    { categoriesViewed: ["a", "b"] },
    { country: { $regexi: "uni.ed" } },
    { cartValue: { $type: "number" } },
    [1, 2],
    "text",
  ])
    assert.equal(fromCondition(c, typeOf), null, JSON.stringify(c));
});

test("rules without a usable value are left out and reported", () => {
  const g = group("and", [
    rule("deviceType", "eq", "mobile"),
    rule("cartValue", "gte", null),
    rule(),
  ]);
  assert.deepEqual(toCondition(g, typeOf), { deviceType: "mobile" });
  assert.equal(incompleteRules(g, typeOf).length, 2);
  assert.deepEqual(toCondition(group("or"), typeOf), {});
});

test("operators are offered per type and values convert between widgets", () => {
  assert.deepEqual(
    operatorsFor("boolean").map((o) => o.op),
    ["isTrue", "isFalse"],
  );
  assert.ok(operatorsFor("number").some((o) => o.op === "gte"));
  assert.deepEqual(convertValue("mobile", "list"), ["mobile"]);
  assert.equal(convertValue(["a", "b"], "text"), "a");
  assert.equal(convertValue("12", "number"), null);
  assert.equal(convertValue(5, "none"), null);
});
