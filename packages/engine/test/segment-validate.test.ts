import assert from "node:assert/strict";
import { test } from "node:test";
import { validateSegmentDefinition } from "../src/index.ts";

const ok = {
  id: "sb-mobile-social",
  name: "Struggling Buyers on mobile from paid social",
  condition: {
    segment: "struggling-buyers",
    deviceType: "mobile",
    trafficSource: "paid-social",
    cartValue: { $gte: 100 },
  },
  method: "in-flight",
  priority: 10,
  exclusiveGroup: "checkout-help",
  status: "live",
};

test("a good definition has no errors; custom props are accepted", () => {
  assert.deepEqual(validateSegmentDefinition(ok), []);
  assert.deepEqual(
    validateSegmentDefinition({ ...ok, condition: { "props.customer_tier": "gold" } }),
    [],
  );
});

test("each bad field is named by its place", () => {
  const cases: [Record<string, unknown>, string, RegExp][] = [
    [{ ...ok, id: "Bad Id" }, "/id", /lowercase/],
    [{ ...ok, id: "converted" }, "/id", /framework segment/],
    [{ ...ok, name: "" }, "/name", /1–120/],
    [{ ...ok, method: "sometimes" }, "/method", /in-flight, persisted/],
    [{ ...ok, priority: 1.5 }, "/priority", /whole number/],
    [{ ...ok, status: "on" }, "/status", /live, paused, archived/],
    [{ ...ok, condition: [] }, "/condition", /object/],
    [{ ...ok, condition: { devicType: "mobile" } }, "/condition/devicType", /unknown|devicType/i],
    [{ ...ok, condition: { cartValue: "lots" } }, "/condition/cartValue", /number/],
    [{ ...ok, condition: { deviceType: "phone" } }, "/condition/deviceType", /not a value/],
    [
      { ...ok, condition: { $and: [{ cartValue: { $gt: 100 } }, { cartValue: { $lt: 50 } }] } },
      "/condition",
      /never match|impossible|unsat/i,
    ],
  ];
  for (const [def, path, re] of cases) {
    const errors = validateSegmentDefinition(def);
    const hit = errors.find((e) => e.path.startsWith(path) && re.test(e.message));
    assert.ok(hit, `${path}: ${JSON.stringify(errors)}`);
  }
  assert.deepEqual(validateSegmentDefinition("nope"), [
    { path: "", message: "a segment definition must be an object" },
  ]);
});

test("opportunities: at most 10 items of 1–500 characters of text", () => {
  const with_ = (opportunities: unknown) => validateSegmentDefinition({ ...ok, opportunities });
  assert.deepEqual(with_([]), []);
  assert.deepEqual(with_(["Offer live chat", "x".repeat(500)]), []);
  assert.deepEqual(with_(Array(11).fill("a")), [
    { path: "/opportunities", message: "opportunities must be a list of at most 10 items" },
  ]);
  assert.deepEqual(with_("a string"), [
    { path: "/opportunities", message: "opportunities must be a list of at most 10 items" },
  ]);
  const bad = with_(["fine", "x".repeat(501), "  ", 3]);
  assert.deepEqual(
    bad.map((e) => e.path),
    ["/opportunities/1", "/opportunities/2", "/opportunities/3"],
  );
  assert.match(bad[0]!.message, /1–500 characters/);
});
