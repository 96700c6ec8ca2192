import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { SIGNALS } from "@intently/engine";
import { type DuckDbStore, type SegmentReport, segmentReport } from "../src/index.ts";
import { DAY0, near, PERIOD } from "./fixture.ts";
import { fixtureStore } from "./helpers.ts";

/*
 * focused-browsers in days 0–1: s1 s2 s4 s5 s6 s7 (s3 skipped it; s8 is a bot).
 * Visitors v1 (s1, s4) v2 v4 v5 v6 = 5. Conversions s2 (100), s7 (50); orders 2.
 * Final xC .05 1 .01 .3 .2 1 (Σ 2.56); max xC .08 1 .02 .4 .5 1 (Σ 3).
 * Site: s1..s7: visitors 6, conversions 3, orders 4 (s3 has 2), revenue 300,
 * final xC Σ 3.56, max xC Σ 4, frustrated sessions s3 s4.
 */
describe("segment report", () => {
  let store: DuckDbStore;
  let r: SegmentReport;
  before(async () => {
    store = await fixtureStore();
    r = await segmentReport(store, { ...PERIOD, segment: "focused-browsers" });
  });
  after(() => store.close());

  test("headline figures", () => {
    assert.deepEqual(
      [r.segment, r.kind, r.name, r.sessions, r.visitors, r.conversions, r.orders, r.revenue],
      ["focused-browsers", "framework", "Focused Browsers", 6, 5, 2, 2, 150],
    );
    near(r.share, 6 / 7);
    near(r.conversionRate, 1 / 3);
    near(r.aov, 75);
    near(r.revenuePerSession, 25);
    near(r.xC.avgFinal, 2.56 / 6);
    near(r.xC.avgMax, 0.5);
    near(r.xC.max, 1);
    near(r.frustrationRate, 1 / 6);
  });

  test("site average and comparison", () => {
    const s = r.siteAverage;
    assert.deepEqual(
      [s.sessions, s.visitors, s.conversions, s.orders, s.revenue],
      [7, 6, 3, 4, 300],
    );
    near(s.conversionRate, 3 / 7);
    near(s.aov, 75);
    near(s.revenuePerSession, 300 / 7);
    near(s.xC.avgFinal, 3.56 / 7);
    near(s.xC.avgMax, 4 / 7);
    near(s.xC.max, 1);
    near(s.frustrationRate, 2 / 7);
    const c = r.comparison;
    near(c.conversionRate.difference, 1 / 3 - 3 / 7);
    near(c.conversionRate.index, 7 / 9);
    near(c.aov.difference, 0);
    near(c.aov.index, 1);
    near(c.revenuePerSession.difference, 25 - 300 / 7);
    near(c.revenuePerSession.index, 7 / 12);
    near(c.avgXcFinal.difference, 2.56 / 6 - 3.56 / 7);
    near(c.avgXcFinal.index, 2.56 / 6 / (3.56 / 7));
    near(c.frustrationRate.difference, 1 / 6 - 2 / 7);
    near(c.frustrationRate.index, 7 / 12);
  });

  test("daily trend: every day of the period", () => {
    assert.deepEqual(
      r.daily.map((d) => [d.date, d.day, d.sessions, d.conversions, d.revenue]),
      [
        ["2024-11-11", DAY0, 2, 1, 100], // s1, s2
        ["2024-11-12", DAY0 + 1, 4, 1, 50], // s4 s5 s6 s7
      ],
    );
    near(r.daily[0]!.conversionRate, 0.5);
    near(r.daily[1]!.conversionRate, 0.25);
  });

  test("breakdowns", () => {
    const pick = (d: keyof SegmentReport["breakdowns"]) =>
      r.breakdowns[d].map((e) => [e.key, e.sessions, e.conversions, e.revenue]);
    assert.deepEqual(pick("device"), [
      ["desktop", 4, 2, 150],
      ["mobile", 2, 0, 0],
    ]);
    assert.deepEqual(pick("trafficSource"), [
      ["direct", 2, 1, 50],
      ["organic-search", 2, 0, 0],
      ["email", 1, 0, 0],
      ["paid-search", 1, 1, 100],
    ]);
    assert.deepEqual(pick("landingPageType"), [
      ["home", 4, 0, 0],
      ["category", 2, 2, 150],
    ]);
    assert.deepEqual(pick("country"), [
      ["GB", 4, 1, 100],
      ["DE", 1, 1, 50],
      ["FR", 1, 0, 0],
    ]);
    assert.deepEqual(pick("visitorType"), [
      ["new", 3, 0, 0],
      ["returning", 3, 2, 150],
    ]);
    near(r.breakdowns.device[0]!.share, 4 / 6);
    near(r.breakdowns.device[0]!.conversionRate, 0.5);
    assert.equal(r.breakdowns.device[1]!.conversionRate, 0);
  });

  test("segment flow: 7 stays (s4 came back from struggling-browsers)", () => {
    assert.deepEqual(
      r.flow.from.map((f) => [f.segment, f.transitions]),
      [
        [null, 6],
        ["struggling-browsers", 1],
      ],
    );
    assert.deepEqual(
      r.flow.to.map((f) => [f.segment, f.transitions]),
      [
        ["focused-explorers", 4], // s1 s2 s5 s7
        ["focused-buyers", 1], // s6
        ["struggling-browsers", 1], // s4
        ["unengaged-browsers", 1], // s4
      ],
    );
    near(r.flow.from[0]!.share, 6 / 7);
    near(r.flow.to[0]!.share, 4 / 7);
  });

  test("top pages from the rollups of days 0–1", () => {
    assert.deepEqual(r.topPages, [
      { path: "/", pageType: "home", views: 7, sessions: 6 },
      { path: "/c/shoes", pageType: "category", views: 3, sessions: 2 },
    ]);
  });

  test("frustration and exit signals against the site", () => {
    const by = new Map(r.frustration.map((f) => [f.signal, f]));
    assert.equal(r.frustration.length, SIGNALS.length);
    const dead = by.get("dead_click")!;
    assert.deepEqual([dead.kind, dead.count, dead.sessions], ["frustration", 2, 1]);
    near(dead.rate, 1 / 6);
    near(dead.siteRate, 1 / 7);
    const rage = by.get("rage_click")!;
    assert.deepEqual([rage.count, rage.sessions, rage.rate], [0, 0, 0]);
    near(rage.siteRate, 1 / 7); // s3 (the bot's 9 are excluded)
    near(by.get("form_error")!.siteRate, 1 / 7);
    const exit = by.get("exit_intent")!;
    assert.deepEqual([exit.kind, exit.count, exit.sessions], ["exit", 1, 1]);
    near(exit.rate, 1 / 6);
    const hidden = by.get("tab_hidden")!;
    assert.deepEqual([hidden.count, hidden.sessions], [2, 1]);
    for (const s of ["js_error", "u_turn", "idle", "cart_emptied"] as const)
      assert.deepEqual([by.get(s)!.count, by.get(s)!.siteRate], [0, 0]);
  });

  test("a custom segment: membership from its list, flow from framework segments in force", async () => {
    const c = await segmentReport(store, { ...PERIOD, segment: "searchers" });
    // s1 s2 s3 s4 (s3 twice); visitors v1 v2 v3; conversions s2 s3; orders 1 + 2.
    assert.deepEqual(
      [c.kind, c.sessions, c.visitors, c.conversions, c.orders, c.revenue],
      ["custom", 4, 3, 2, 3, 250],
    );
    near(c.aov, 250 / 3);
    assert.deepEqual(
      c.flow.from.map((f) => [f.segment, f.transitions]),
      [
        ["focused-browsers", 3],
        ["converted", 1],
        ["focused-explorers", 1],
      ],
    );
    assert.deepEqual(
      c.flow.to.map((f) => [f.segment, f.transitions]),
      [
        [null, 3],
        ["focused-considerers", 1],
        ["struggling-buyers", 1],
      ],
    );
    assert.deepEqual(c.topPages, []);
  });
});
