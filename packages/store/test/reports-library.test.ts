import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { DAY_MS, type DuckDbStore, segmentLibrary } from "../src/index.ts";
import type { LibraryRow } from "../src/reports/library.ts";
import { near, SITE, T0 } from "./fixture.ts";
import { fixtureStore } from "./helpers.ts";

/*
 * Current week [T0, T0+7d): s1..s7 (7 sessions; the bot s8 excluded). Previous week: p1, p2.
 * Revenue: s2 100, s3 150, s7 50; p2 80.
 */
type Expect = [sessions: number, conversions: number, revenue: number];
const NOW: Record<string, Expect> = {
  "focused-browsers": [6, 2, 150], // s1 s2 s4 s5 s6 s7
  "struggling-browsers": [1, 0, 0], // s4
  "unengaged-browsers": [1, 0, 0], // s4
  "focused-explorers": [5, 3, 300], // s1 s2 s3 s5 s7
  "struggling-explorers": [1, 1, 150], // s3
  "drifting-explorers": [1, 0, 0], // s1
  "focused-considerers": [4, 3, 300], // s2 s3 s5 s7
  "struggling-considerers": [0, 0, 0],
  "wavering-considerers": [1, 0, 0], // s5
  "focused-buyers": [3, 2, 150], // s2 s6 s7
  "struggling-buyers": [1, 1, 150], // s3
  "abandoning-buyers": [1, 0, 0], // s6
  converted: [3, 3, 300], // s2 s3 s7
  "high-value": [3, 2, 250], // s2 s3 s5
  "paused-seg": [0, 0, 0], // saved, no sessions
  searchers: [4, 2, 250], // s1 s2 s3 s4
};
const BEFORE: Record<string, Expect> = {
  "focused-browsers": [2, 1, 80], // p1 p2
  "focused-explorers": [1, 1, 80], // p2
  "focused-considerers": [1, 1, 80],
  "focused-buyers": [1, 1, 80],
  converted: [1, 1, 80],
  "high-value": [1, 1, 80],
  searchers: [1, 1, 80],
};

describe("segment library", () => {
  let store: DuckDbStore;
  let rows: Map<string, LibraryRow>;
  before(async () => {
    store = await fixtureStore();
    const def = (id: string, name: string) => ({ id, name, condition: {}, method: "in-flight" });
    await store.config.saveSegment({
      site: SITE,
      id: "searchers",
      definition: def("searchers", "Searchers"),
      author: "a",
      status: "live",
    });
    await store.config.saveSegment({
      site: SITE,
      id: "paused-seg",
      definition: def("paused-seg", "Paused"),
      author: "a",
      status: "paused",
    });
    await store.config.saveSegment({
      site: SITE,
      id: "gone",
      definition: def("gone", "Gone"),
      author: "a",
      status: "archived",
    });
    const lib = await segmentLibrary(store, { site: SITE, to: T0 + 7 * DAY_MS });
    assert.equal(lib.totalSessions, 7);
    assert.equal(lib.previousTotalSessions, 2);
    assert.deepEqual(lib.period, { from: T0, to: T0 + 7 * DAY_MS });
    assert.deepEqual(lib.previousPeriod, { from: T0 - 7 * DAY_MS, to: T0 });
    rows = new Map(lib.segments.map((s) => [s.segment, s]));
    assert.deepEqual(
      lib.segments.map((s) => s.segment),
      [...Object.keys(NOW).slice(0, 13), "high-value", "paused-seg", "searchers"],
    );
  });
  after(() => store.close());

  test("sessions, share, conversion rate and revenue of every segment, now and before", () => {
    for (const [id, [n, c, r]] of Object.entries(NOW)) {
      const row = rows.get(id)!;
      assert.deepEqual([row.sessions, row.conversions, row.revenue], [n, c, r], id);
      near(row.share, n / 7, `${id} share`);
      if (n === 0) assert.equal(row.conversionRate, null);
      else near(row.conversionRate, c / n, `${id} conversion`);
      const [pn, pc, pr] = BEFORE[id] ?? [0, 0, 0];
      assert.deepEqual(
        [row.previous.sessions, row.previous.conversions, row.previous.revenue],
        [pn, pc, pr],
        `${id} before`,
      );
      near(row.previous.share, pn / 2, `${id} previous share`);
    }
  });

  test("period-over-period change", () => {
    const fb = rows.get("focused-browsers")!.change;
    near(fb.sessions, (6 - 2) / 2);
    near(fb.share, 6 / 7 - 1);
    near(fb.conversionRate, 2 / 6 - 1 / 2);
    near(fb.revenue, (150 - 80) / 80);
    const fe = rows.get("focused-explorers")!.change;
    near(fe.sessions, 4);
    near(fe.share, 5 / 7 - 1 / 2);
    near(fe.conversionRate, 3 / 5 - 1);
    near(fe.revenue, (300 - 80) / 80);
    const se = rows.get("searchers")!.change;
    near(se.sessions, 3);
    near(se.share, 4 / 7 - 1 / 2);
    near(se.conversionRate, 2 / 4 - 1);
    near(se.revenue, (250 - 80) / 80);
    // Nothing before: relative changes unknown; share changes from 0; conversion unknown.
    const sb = rows.get("struggling-browsers")!.change;
    assert.deepEqual([sb.sessions, sb.conversionRate, sb.revenue], [null, null, null]);
    near(sb.share, 1 / 7);
  });

  test("names, kinds and status", () => {
    const fb = rows.get("focused-browsers")!;
    assert.deepEqual([fb.name, fb.kind, fb.status], ["Focused Browsers", "framework", "live"]);
    const s = rows.get("searchers")!;
    assert.deepEqual([s.name, s.kind, s.status], ["Searchers", "custom", "live"]);
    const p = rows.get("paused-seg")!;
    assert.deepEqual([p.name, p.status, p.share], ["Paused", "paused", 0]);
    // Unsaved but with data: its id is its name.
    assert.equal(rows.get("high-value")!.name, "high-value");
    assert.equal(rows.has("gone"), false);
  });
});
