import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { type DuckDbStore, measuredOverlap } from "../src/index.ts";
import { M, near, PERIOD } from "./fixture.ts";
import { fixtureStore } from "./helpers.ts";

/*
 * searchers: s1 s2 s3 s4; high-value: s2 s3 s5 (bot s8 is in both, concurrently: excluded).
 * Both: s2 (searchers 0–5 min, high-value 6–42: never together) and s3 (searchers 0–10 and
 * 20–41, high-value 7–41: together 7–10 and 20–41 = 24 min).
 */
describe("measured overlap", () => {
  let store: DuckDbStore;
  before(async () => {
    store = await fixtureStore();
  });
  after(() => store.close());

  test("sessions in both, shares, and concurrent in-flight overlap", async () => {
    await store.config.saveSegment({
      site: PERIOD.site,
      id: "searchers",
      definition: { id: "searchers", name: "Searchers", condition: {}, method: "in-flight" },
      author: "ann",
      status: "live",
    });
    const r = await measuredOverlap(store, { ...PERIOD, a: "searchers", b: "high-value" });
    assert.deepEqual([r.a.name, r.b.name], ["Searchers", "high-value"]);
    assert.deepEqual([r.a.sessions, r.b.sessions, r.both], [4, 3, 2]);
    near(r.shareOfA, 2 / 4);
    near(r.shareOfB, 2 / 3);
    near(r.jaccard, 2 / 5);
    assert.equal(r.concurrent.sessions, 1);
    near(r.concurrent.shareOfA, 1 / 4);
    near(r.concurrent.shareOfB, 1 / 3);
    assert.equal(r.concurrent.totalMs, 24 * M);
    assert.equal(r.concurrent.meanMs, 24 * M);
  });

  test("framework segments: sessions in both, never concurrent", async () => {
    // focused-browsers: s1 s2 s4 s5 s6 s7; focused-buyers: s2 s6 s7.
    const r = await measuredOverlap(store, {
      ...PERIOD,
      a: "focused-browsers",
      b: "focused-buyers",
    });
    assert.deepEqual([r.a.sessions, r.b.sessions, r.both], [6, 3, 3]);
    near(r.shareOfA, 0.5);
    near(r.shareOfB, 1);
    near(r.jaccard, 0.5);
    assert.deepEqual(
      [r.concurrent.sessions, r.concurrent.totalMs, r.concurrent.meanMs],
      [0, 0, null],
    );
    assert.equal(r.a.name, "Focused Browsers");
  });

  test("framework × custom, and a segment with no sessions", async () => {
    // searchers s1 s2 s3 s4 × converted s2 s3 s7: both s2 s3; concurrent: s3 20–41 = 21 min.
    const r = await measuredOverlap(store, { ...PERIOD, a: "searchers", b: "converted" });
    assert.deepEqual([r.both, r.concurrent.sessions, r.concurrent.totalMs], [2, 1, 21 * M]);
    const none = await measuredOverlap(store, { ...PERIOD, a: "searchers", b: "nobody" });
    assert.deepEqual([none.b.sessions, none.both, none.shareOfB, none.jaccard], [0, 0, null, 0]);
  });
});
