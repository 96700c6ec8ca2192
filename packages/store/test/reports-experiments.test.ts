import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { type DuckDbStore, experimentsReport } from "../src/index.ts";
import { Z95 } from "../src/reports/stats.ts";
import { near, PERIOD } from "./fixture.ts";
import { fixtureStore } from "./helpers.ts";

/*
 * exp1 control: s2 (100), s4 (0), s7 (50) → 3 sessions, 2 conversions, revenue 150, Σr² 12,500.
 * exp1 treatment: s3 (150), s5, s6 → 3 sessions, 1 conversion, revenue 150, Σr² 22,500.
 * hero original: s1; hero b: s5 s6 — no conversions. The bot's exposure is excluded.
 */
describe("experiments by segment", () => {
  let store: DuckDbStore;
  before(async () => {
    store = await fixtureStore();
  });
  after(() => store.close());

  test("variant vs control: conversion, revenue per session, intervals, P(beat control)", async () => {
    const r = await experimentsReport(store, PERIOD);
    assert.deepEqual(
      r.experiments.map((e) => [e.experiment, e.control.variant, e.variants.map((v) => v.variant)]),
      [
        ["exp1", "control", ["treatment"]],
        ["hero", "original", ["b"]],
      ],
    );
    const exp1 = r.experiments[0]!;
    const c = exp1.control;
    assert.deepEqual([c.sessions, c.conversions, c.revenue], [3, 2, 150]);
    near(c.conversionRate, 2 / 3);
    near(c.revenuePerSession, 50);
    const t = exp1.variants[0]!;
    assert.deepEqual([t.sessions, t.conversions, t.revenue], [3, 1, 150]);
    near(t.conversionRate, 1 / 3);
    near(t.revenuePerSession, 50);
    // Conversion: −1/3 ± 1.96·√(2/9/3 + 2/9/3) = −1/3 ± 1.96·√(4/27).
    const conv = t.conversion!;
    const se = Math.sqrt(4 / 27);
    near(conv.difference, -1 / 3);
    near(conv.interval[0], -1 / 3 - Z95 * se);
    near(conv.interval[1], -1 / 3 + Z95 * se);
    near(conv.uplift, -0.5);
    near(conv.upliftInterval![0], (-1 / 3 - Z95 * se) / (2 / 3));
    // Revenue per session: 50 vs 50; variances (12,500 − 7,500)/2 = 2,500 and 7,500.
    const rps = t.revenuePerSessionDifference!;
    const seR = Math.sqrt(2500 / 3 + 7500 / 3);
    near(rps.difference, 0);
    near(rps.interval[1], Z95 * seR);
    near(rps.uplift, 0);
    // Beta(2, 3) vs Beta(3, 2): Σ_{i<2} B(3+i, 5) / ((3+i) B(1+i, 3) B(3, 2)) = 8/70 + 9/70.
    near(t.probabilityToBeatControl, 17 / 70);

    const hero = r.experiments[1]!;
    const b = hero.variants[0]!;
    assert.deepEqual([hero.control.sessions, b.sessions, b.conversions], [1, 2, 0]);
    assert.deepEqual(b.conversion!.interval, [0, 0]);
    assert.equal(b.conversion!.uplift, null);
    assert.equal(b.revenuePerSessionDifference!.uplift, null);
    // Beta(1, 3) vs Beta(1, 2): B(1, 5) / (3 · B(1, 3) · B(1, 2)) = (1/5) / (1/2).
    near(b.probabilityToBeatControl, 0.4);
  });

  test("restricted to a segment's sessions", async () => {
    // high-value: s2 (control, 100), s3 (treatment, 150), s5 (treatment, 0).
    const r = await experimentsReport(store, { ...PERIOD, segment: "high-value" });
    assert.equal(r.segment, "high-value");
    assert.deepEqual(
      r.experiments.map((e) => e.experiment),
      ["exp1", "hero"],
    );
    const exp1 = r.experiments[0]!;
    assert.deepEqual(
      [exp1.control.sessions, exp1.control.conversions, exp1.control.revenue],
      [1, 1, 100],
    );
    const t = exp1.variants[0]!;
    assert.deepEqual([t.sessions, t.conversions, t.revenue], [2, 1, 150]);
    // B ~ Beta(2, 2), A ~ Beta(2, 1): ∫ 6x(1 − x) · x² dx = 6 (1/4 − 1/5) = 0.3.
    near(t.probabilityToBeatControl, 0.3);
    // hero: only b (s5), no control arm → b is control by name order.
    assert.deepEqual(r.experiments[1]!.control.variant, "b");
    assert.deepEqual(r.experiments[1]!.variants, []);
  });
});
