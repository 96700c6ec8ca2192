import assert from "node:assert/strict";
import { test } from "node:test";
import { type FieldSpec, validateCondition } from "../src/index.ts";

const catalogue: FieldSpec[] = [
  { id: "device.type", type: "enum", values: ["mobile", "desktop", "tablet"] },
  { id: "cart.value", type: "number" },
  { id: "traffic.source", type: "string" },
  { id: "tags", type: "string[]" },
  { id: "returning", type: "boolean" },
  { id: "a/b~c", type: "string" },
];

const paths = (cond: unknown) => validateCondition(cond, catalogue).map((e) => e.path);
const only = (cond: unknown) => {
  const errors = validateCondition(cond, catalogue);
  assert.equal(errors.length, 1, JSON.stringify(errors));
  return errors[0] as { path: string; message: string };
};

test("valid conditions have no errors", () => {
  for (const c of [
    {},
    { "device.type": "mobile", "cart.value": { $gte: 100 } },
    { $or: [{ "traffic.source": { $regex: "^paid_" } }, { returning: true }] },
    { tags: { $elemMatch: { $eq: "sale" } }, "cart.value": { $not: { $lt: 10 } } },
    { tags: { $all: ["a", "b"], $size: { $gt: 1 } }, "device.type": { $ini: ["MOBILE"] } },
    { "traffic.source": null, "device.type": { $nin: ["desktop"] } },
  ]) {
    assert.deepEqual(validateCondition(c, catalogue), [], JSON.stringify(c));
  }
});

test("unknown field", () => {
  assert.deepEqual(only({ $and: [{ "device.type": "mobile" }, { "device.kind": "x" }] }), {
    path: "/$and/1/device.kind",
    message: 'unknown field "device.kind"',
  });
});

test("unknown operator", () => {
  assert.equal(only({ "traffic.source": { $regx: "a" } }).path, "/traffic.source/$regx");
  assert.equal(only({ $in: ["a"] }).path, "/$in");
});

test("wrong value types", () => {
  assert.equal(only({ "cart.value": "100" }).path, "/cart.value");
  assert.equal(only({ "cart.value": { $gt: "5" } }).path, "/cart.value/$gt");
  assert.equal(only({ returning: { $gt: 1 } }).path, "/returning/$gt");
  assert.equal(only({ tags: "sale" }).path, "/tags");
  assert.equal(only({ tags: { $in: ["a", 1] } }).path, "/tags/$in/1");
  assert.equal(only({ tags: { $eq: "a" } }).path, "/tags/$eq");
  assert.equal(only({ "cart.value": { $all: [1] } }).path, "/cart.value/$all");
  assert.equal(only({ "cart.value": { $in: 5 } }).path, "/cart.value/$in");
  assert.equal(only({ "cart.value": { $exists: "yes" } }).path, "/cart.value/$exists");
  assert.equal(only({ "cart.value": { $type: "int" } }).path, "/cart.value/$type");
  assert.equal(only({ tags: { $elemMatch: { $eq: 5 } } }).path, "/tags/$elemMatch/$eq");
  assert.equal(only({ tags: { $size: { $gt: "2" } } }).path, "/tags/$size/$gt");
  assert.equal(only({ "traffic.source": { $vgt: 2 } }).path, "/traffic.source/$vgt");
  assert.equal(only({ "a/b~c": 1 }).path, "/a~1b~0c");
  assert.equal(
    only({ $or: [{ returning: true }, { returning: { $not: "no" } }] }).path,
    "/$or/1/returning/$not",
  );
});

test("structure", () => {
  assert.equal(only({ $and: { a: 1 } }).path, "/$and");
  assert.equal(only({ $or: [{ returning: true }, 5] }).path, "/$or/1");
  assert.equal(only({ "device.type": { $eq: "mobile", x: 1 } }).path, "/device.type");
  assert.equal(only(null).path, "");
});

test("regexes", () => {
  const invalid = only({ "traffic.source": { $regex: "[" } });
  assert.equal(invalid.path, "/traffic.source/$regex");
  assert.match(invalid.message, /invalid regex/);
  // Linear-time matching runs "(a+)+$"; a backreference it cannot run is refused.
  assert.deepEqual(validateCondition({ "traffic.source": { $regexi: "(a+)+$" } }, catalogue), []);
  const backref = only({ $and: [{}, { "traffic.source": { $regexi: "(a+)\\1" } }] });
  assert.equal(backref.path, "/$and/1/traffic.source/$regexi");
  assert.match(backref.message, /not supported by the linear-time engine: backreference/);
  assert.equal(only({ "cart.value": { $regex: "1" } }).path, "/cart.value/$regex");
});

test("enum values", () => {
  assert.deepEqual(only({ "device.type": "phone" }), {
    path: "/device.type",
    message: '"phone" is not a value of "device.type" (mobile, desktop, tablet)',
  });
  assert.equal(only({ "device.type": { $in: ["mobile", "watch"] } }).path, "/device.type/$in/1");
  assert.equal(only({ "device.type": { $ini: ["WATCH"] } }).path, "/device.type/$ini/0");
});

test("impossible conditions", () => {
  assert.deepEqual(only({ "cart.value": { $gt: 5, $lt: 3 } }), {
    path: "/cart.value",
    message: 'can never match: the tests on "cart.value" contradict each other',
  });
  assert.equal(
    only({ $or: [{ "device.type": { $eq: "mobile", $ne: "mobile" } }] }).path,
    "/$or/0/device.type",
  );
  assert.equal(only({ "cart.value": { $in: [] } }).path, "/cart.value/$in");
  assert.equal(only({ $nor: [] }).path, "/$nor");
  assert.deepEqual(only({ $and: [{ "device.type": "mobile" }, { "device.type": "desktop" }] }), {
    path: "",
    message: "can never match: its clauses contradict each other",
  });
});

test("several errors, in condition order", () => {
  assert.deepEqual(
    paths({ $or: [{ returning: "yes" }, { nope: 1 }, { "cart.value": { $gte: true } }] }),
    ["/$or/0/returning", "/$or/1/nope", "/$or/2/cart.value/$gte"],
  );
});
