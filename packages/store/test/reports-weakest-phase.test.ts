/**
 * "Weakest phase" follows revenue at stake (issue 20, item 8): on phase outcomes where the lowest
 * phase score (the old rule) is Convert while Maintain Intent has the most revenue at stake, the
 * report names Maintain Intent; the revenue at stake, summed, exceeds the period's revenue.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { FRAMEWORK_SEGMENT_IDS } from "@intently/engine";
import type { PhaseOutcomeRow } from "../src/queries.ts";
import { DEFAULT_IPS_BENCHMARKS } from "../src/reports/benchmarks.ts";
import { ipsOf, weakestPhase } from "../src/reports/ips.ts";

const PERIOD = { site: "s", from: 0, to: 86_400_000 };
const seg = FRAMEWORK_SEGMENT_IDS[0]!;
const row = (phase: string, sessions: number, revenue = 0): PhaseOutcomeRow => ({
  phase,
  segment: seg,
  sessions,
  revenue,
});
/** Furthest phases: 300 stop at Engage, 300 at Build Intent, 200 at Maintain Intent, 80 at Convert, 120 buy £80 each. */
const OUTCOMES = [
  row("engage", 300),
  row("build-intent", 300),
  row("maintain-intent", 200),
  row("convert", 80),
  row("converted", 120, 120 * 80),
];
const report = (outcomes: PhaseOutcomeRow[]) =>
  ipsOf(
    PERIOD,
    outcomes,
    { total: { sessions: 1000, conversions: 120, revenue: 9600 }, segments: [] },
    DEFAULT_IPS_BENCHMARKS,
  );

test("the weakest phase is the one with the most revenue at stake, not the lowest score", () => {
  const r = report(OUTCOMES);
  const by = Object.fromEntries(r.phases.map((p) => [p.phase, p]));
  // The scores alone would say Convert (lowest score)...
  const lowest = [...r.phases].sort((a, b) => (a.score ?? 0) - (b.score ?? 0))[0]!;
  assert.equal(lowest.phase, "convert");
  // ...while Maintain Intent loses the most revenue: 200 dropped × £9,600 / 200 progressed.
  assert.equal(by["maintain-intent"]!.revenueAtStake, 9600);
  assert.equal(by.convert!.revenueAtStake, 80 * 80);
  const most = [...r.phases].sort((a, b) => b.revenueAtStake - a.revenueAtStake)[0]!;
  assert.equal(most.phase, "maintain-intent");
  assert.equal(r.weakestPhase, "maintain-intent");
  // Revenue at stake counts revenue not earned, phase by phase: its sum exceeds the revenue.
  const atStake = r.phases.reduce((s, p) => s + p.revenueAtStake, 0);
  assert.ok(atStake > 9600, `${atStake}`);
  assert.equal(r.defaultBenchmarks, true);
});

test("with no revenue recorded, the most dropped sessions; nobody dropped, no weakest phase", () => {
  const r = report(OUTCOMES.map((o) => ({ ...o, revenue: 0 })));
  assert.ok(r.phases.every((p) => p.revenueAtStake === 0));
  // Engage and Build Intent both drop 300: the earlier one.
  assert.equal(r.weakestPhase, "engage");
  assert.equal(report([row("converted", 10, 500)]).weakestPhase, null);
  assert.equal(report([]).weakestPhase, null);
  assert.equal(
    weakestPhase([
      { phase: "engage", revenueAtStake: 10, dropped: 100 },
      { phase: "convert", revenueAtStake: 20, dropped: 1 },
    ]),
    "convert",
  );
});
