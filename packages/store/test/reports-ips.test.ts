import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { type DuckDbStore, ipsReport } from "../src/index.ts";
import { DEFAULT_IPS_BENCHMARKS, ipsBand, phaseScore } from "../src/reports/benchmarks.ts";
import { near, PERIOD, SITE } from "./fixture.ts";
import { fixtureStore } from "./helpers.ts";

/*
 * Final phases of the 7 non-bot sessions in the period: s1 build-intent, s2 converted,
 * s3 converted, s4 engage, s5 maintain-intent, s6 convert, s7 converted.
 * Reached ≥ engage 7, ≥ build 6, ≥ maintain 5, ≥ convert 4, converted 3.
 * Revenue: s2 100, s3 150, s7 50 (all converted) = 300.
 */
const HALF = { floor: 0.5, ceiling: 1 };
const EVEN = { engage: HALF, "build-intent": HALF, "maintain-intent": HALF, convert: HALF };

describe("IPS", () => {
  let store: DuckDbStore;
  before(async () => {
    store = await fixtureStore();
  });
  after(() => store.close());

  test("phase scores, IPS, drop-off, revenue at stake and segments by state", async () => {
    const r = await ipsReport(store, PERIOD, { benchmarks: EVEN });
    assert.equal(r.sessions, 7);
    const [engage, build, maintain, convert] = r.phases;
    assert.deepEqual(
      r.phases.map((p) => [p.phase, p.entered, p.progressed, p.dropped]),
      [
        ["engage", 7, 6, 1],
        ["build-intent", 6, 5, 1],
        ["maintain-intent", 5, 4, 1],
        ["convert", 4, 3, 1],
      ],
    );
    near(engage!.rate, 6 / 7);
    near(build!.rate, 5 / 6);
    near(maintain!.rate, 4 / 5);
    near(convert!.rate, 3 / 4);
    // (rate − 0.5) / 0.5 × 100
    near(engage!.score, 500 / 7);
    near(build!.score, 200 / 3);
    near(maintain!.score, 60);
    near(convert!.score, 50);
    assert.deepEqual(
      r.phases.map((p) => p.band),
      ["good", "good", "good", "fair"],
    );
    // (500/7·7 + 200/3·6 + 60·5 + 50·4) / 22 = 1400 / 22
    near(r.ips, 1400 / 22);
    assert.equal(r.band, "good");
    assert.equal(r.bandLabel, "Good");
    // Revenue of sessions past the phase / their number: 300/6, 300/5, 300/4, 300/3.
    near(engage!.revenuePerProgressingSession, 50);
    near(build!.revenuePerProgressingSession, 60);
    near(maintain!.revenuePerProgressingSession, 75);
    near(convert!.revenuePerProgressingSession, 100);
    assert.deepEqual(
      r.phases.map((p) => p.revenueAtStake),
      [50, 60, 75, 100],
    );
    assert.deepEqual(
      r.phases.map((p) => p.segments.map((s) => [s.segment, s.state, s.sessions, s.dropped])),
      [
        [
          ["focused-browsers", "focus", 6, 0],
          ["struggling-browsers", "struggle", 1, 0],
          ["unengaged-browsers", "abandon", 1, 1],
        ],
        [
          ["focused-explorers", "focus", 5, 0],
          ["struggling-explorers", "struggle", 1, 0],
          ["drifting-explorers", "abandon", 1, 1],
        ],
        [
          ["focused-considerers", "focus", 4, 0],
          ["struggling-considerers", "struggle", 0, 0],
          ["wavering-considerers", "abandon", 1, 1],
        ],
        [
          ["focused-buyers", "focus", 3, 0],
          ["struggling-buyers", "struggle", 1, 0],
          ["abandoning-buyers", "abandon", 1, 1],
        ],
      ],
    );
    assert.equal(engage!.segments[0]!.name, "Focused Browsers");
    assert.deepEqual(engage!.benchmark, HALF);
  });

  test("default benchmarks, and the site's edited ones from its settings", async () => {
    const d = await ipsReport(store, PERIOD);
    // Defaults: engage, build and maintain rates exceed their ceilings (100);
    // convert: (0.75 − 0.35) / 0.45 = 8/9 → 88.89. IPS = (100·18 + 800/9·4) / 22.
    assert.deepEqual(
      d.phases.slice(0, 3).map((p) => p.score),
      [100, 100, 100],
    );
    near(d.phases[3]!.score, 800 / 9);
    near(d.ips, (1800 + (800 / 9) * 4) / 22);
    assert.equal(d.band, "excellent");
    assert.deepEqual(d.phases[3]!.benchmark, DEFAULT_IPS_BENCHMARKS.convert);

    await store.config.createWorkspace({ id: "w1", name: "W" });
    await store.config.createSite({ id: SITE, workspaceId: "w1", name: "Shop", publicKey: "pk_1" });
    await store.config.updateSite(SITE, { settings: { ipsBenchmarks: EVEN } });
    const edited = await ipsReport(store, PERIOD);
    near(edited.ips, 1400 / 22);
  });

  test("an empty period has no score", async () => {
    const r = await ipsReport(store, { site: SITE, from: 0, to: 1 });
    assert.equal(r.sessions, 0);
    assert.equal(r.ips, null);
    assert.equal(r.band, null);
    assert.ok(r.phases.every((p) => p.rate === null && p.score === null && p.revenueAtStake === 0));
  });

  test("score and band arithmetic", () => {
    assert.equal(phaseScore(0.2, { floor: 0.3, ceiling: 0.7 }), 0);
    near(phaseScore(0.5, { floor: 0.3, ceiling: 0.7 }), 50);
    assert.equal(phaseScore(0.9, { floor: 0.3, ceiling: 0.7 }), 100);
    assert.deepEqual([0, 19.99, 20, 39.9, 40, 60, 79.9, 80, 100].map(ipsBand), [
      "very-poor",
      "very-poor",
      "poor",
      "poor",
      "fair",
      "good",
      "good",
      "excellent",
      "excellent",
    ]);
  });
});
