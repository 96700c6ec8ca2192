// Saving a segment analyses only its own pairs (N, not N²): the verdicts are the ones the
// whole-site analysis gives for those pairs.
import assert from "node:assert/strict";
import { test } from "node:test";
import { segmentConflictPairs, segmentConflicts } from "../src/index.ts";

const segments = [
  { id: "sb-mobile", condition: { segment: "struggling-buyers", deviceType: "mobile" } },
  { id: "convert", condition: { phase: "convert" } },
  { id: "not-converted", condition: { segment: { $ne: "converted" } } },
  { id: "rich-cart", condition: { cartValue: { $gte: 100 } } },
  {
    id: "cart-range",
    condition: { $and: [{ cartValue: { $gt: 50 } }, { cartValue: { $lt: 500 } }] },
  },
  { id: "shoes", condition: { categoriesViewed: { $in: ["shoes", "boots"] } } },
  {
    id: "shoes-or",
    condition: { $or: [{ categoriesViewed: "shoes" }, { categoriesViewed: "boots" }] },
  },
  { id: "no-shoes", condition: { categoriesViewed: { $nin: ["shoes"] } } },
  {
    id: "both-brands",
    condition: { brandsViewed: { $all: ["acme", "zeta"] }, pageviews: { $gte: 2 } },
  },
  { id: "desktop", condition: { $nor: [{ deviceType: "mobile" }, { deviceType: "tablet" }] } },
  { id: "state-abandon", condition: { state: "abandon", pageviews: { $lt: 3 } } },
  { id: "empty-cats", condition: { categoriesViewed: { $size: 0 } } },
];

const key = (p: { a: string; b: string }) => `${p.a}|${p.b}`;

test("one segment against the others: the same verdicts as the whole-site analysis", () => {
  for (const framework of [false, true]) {
    const all = new Map(segmentConflicts(segments, { framework }).pairs.map((p) => [key(p), p]));
    for (const s of segments) {
      // The order of the save: the subject first, then the others.
      const list = [s, ...segments.filter((o) => o !== s)];
      const whole = segmentConflicts(list, { framework }).pairs.filter(
        (p) => p.a === s.id || p.b === s.id,
      );
      const own = [...segmentConflictPairs(list, { framework, subject: s.id })];
      assert.deepEqual(own, whole, s.id);
      assert.equal(own.length, segments.length - 1 + (framework ? 13 : 0));
      // And the verdicts agree with the listing order of the matrix, pair by pair.
      for (const p of own) {
        const m = all.get(key(p)) ?? all.get(key({ a: p.b, b: p.a }));
        assert.ok(m, key(p));
        assert.equal(m.verdict, p.verdict, key(p));
      }
    }
  }
});
