// One pair's analysis is bounded by MAX_PAIR_STEPS: a crafted pair gives up with "unknown"
// (too complex to decide), the same way on every run, while ordinary pairs are still decided.
import assert from "node:assert/strict";
import { test } from "node:test";
import { analyzeAll, analyzePair, analyzePairs } from "../src/index.ts";

const vals = (k: number, p: string) => Array.from({ length: k }, (_, i) => `${p}${i}`);
const orOfArrays = {
  $or: Array.from({ length: 20 }, (_, i) => ({
    categoriesViewed: { $elemMatch: { $eq: `c${i}` } },
    brandsViewed: { $in: vals(10, `b${i}`) },
  })),
};
const nested = {
  $and: Array.from({ length: 8 }, (_, i) => ({
    $or: [
      { categoriesViewed: { $in: vals(8, `c${i}`) } },
      { brandsViewed: { $nin: vals(8, `b${i}`) } },
      { experiments: { $all: vals(4, `e${i}`) } },
    ],
  })),
};
const manyIn = { categoriesViewed: { $in: vals(200, "c") } };

test("a crafted pair gives up: unknown, too complex to decide, on every run", () => {
  for (const [a, b] of [
    [orOfArrays, orOfArrays],
    [manyIn, orOfArrays],
    [nested, manyIn],
  ]) {
    const r = analyzePair(a, b);
    assert.equal(r.verdict, "unknown");
    assert.match(r.detail, /too complex to decide/);
    assert.deepEqual(analyzePair(a, b), r);
  }
});

test("ordinary pairs are still decided", () => {
  assert.equal(analyzePair({ c: "FR" }, { c: { $in: ["FR", "DE"] } }).direction, "a-in-b");
  assert.equal(analyzePair({ n: { $gt: 5 } }, { n: { $lt: 3 } }).verdict, "disjoint");
  assert.equal(analyzePair(manyIn, manyIn).direction, "equal");
});

test("analyzePairs yields the chosen pairs with analyzeAll's verdicts", () => {
  const list = [
    { id: "x", condition: { c: "FR" } },
    { id: "y", condition: { c: { $in: ["FR", "DE"] } } },
    { id: "z", condition: { n: { $gt: 5 } } },
  ];
  const all = analyzeAll(list).pairs;
  const withY = [...analyzePairs(list, { include: (a, b) => a.id === "y" || b.id === "y" })];
  assert.deepEqual(
    withY,
    all.filter((p) => p.a === "y" || p.b === "y"),
  );
});
