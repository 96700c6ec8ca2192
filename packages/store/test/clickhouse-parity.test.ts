/**
 * The ClickHouse store against the embedded DuckDB store on the same simulated traffic (the
 * engine and recorder through demo-data's ingestSimulation, on a site in New York so local days
 * cross a DST change): every report query gives the same figures (doubles rounded to 6
 * decimals: sums in another order differ in the last bits). Then the same rows written again
 * (a worker's replay) change nothing but the page-view rollups, which have no row identity.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { DEMO_SEGMENTS, ingestSimulation } from "@intently/demo-data";
import { FRAMEWORK_SEGMENT_IDS } from "@intently/engine";
import type { ClickHouseStore } from "../src/clickhouse/store.ts";
import { DAY_MS, DuckDbStore, type Period, type Store } from "../src/index.ts";
import type { EventRow, IntervalRow, SessionRow } from "../src/rows.ts";
import type { FieldRead } from "../src/session-groups.ts";
import { addSite } from "./contract/support.ts";
import { openClickHouseStore } from "./support/clickhouse.ts";
import { roundDeep } from "./support/rebuild.ts";

const SITE = "parity";
const START = Date.UTC(2026, 9, 30); // a 1 November DST change in New York within the days
const SEGMENTS = [...FRAMEWORK_SEGMENT_IDS, ...DEMO_SEGMENTS.map((s) => s.id), "*", "nope"];
const READS: FieldRead[] = [
  { field: "deviceType" },
  { field: "xC", cuts: [0.05, 0.2, 0.5] },
  { field: "identified" },
  { field: "trafficSource", values: ["direct", "organic-search"] },
  { field: "pageViews" },
  { field: "isBot" },
];

const byJson = <T>(xs: T[]) =>
  [...xs].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));

/** Every figure the reports read, for one store. */
async function figures(store: Store, p: Period): Promise<Record<string, unknown>> {
  const q = store.queries;
  const out: Record<string, unknown> = {
    phaseOutcomes: await q.phaseOutcomes(p),
    phaseOutcomesByDay: await q.phaseOutcomesByDay(p),
    frameworkTotals: await q.frameworkTotals(p),
    customTotals: byJson(await q.customTotals(p)),
    arms: await q.experimentArms(p, null),
    groups: byJson(await q.sessionGroups(p, READS, true)),
    groupsPlain: await q.sessionGroups(p, [], false),
    topValues: await q.topValues(p, ["trafficSource", "country", "deviceType", "pageViews"], 3),
    dataQuality: await q.dataQuality(p),
    tallies: await store.sessionTallies(SITE),
    ends: byJson(await store.sessionEndsSince(p.from)),
    lastEventAt: await store.activity.lastEventAt(SITE, p.from),
    firstPurchaseAt: await store.activity.firstPurchaseAt(SITE),
  };
  for (const s of SEGMENTS) {
    out[`compare ${s}`] = await q.compare(p, s);
    out[`daily ${s}`] = await q.daily(p, s);
    out[`breakdowns ${s}`] = await q.breakdowns(p, s);
    out[`flow ${s}`] = byJson(await q.flow(p, s));
    out[`topPages ${s}`] = await q.topPages(p, s, 5);
    out[`arms ${s}`] = await q.experimentArms(p, s);
  }
  for (const [a, b] of [
    ["focused-browsers", "focused-explorers"],
    ["focused-explorers", "focused-browsers"],
    ["high-value-carts", "focused-buyers"],
    ["mobile-shoppers", "converted"],
    ["mobile-shoppers", "focused-browsers"],
    ["paid-social-visitors", "paid-social-visitors"],
  ] as const)
    out[`overlap ${a} ${b}`] = await q.overlap(p, a, b);
  return roundDeep(out) as Record<string, unknown>;
}

describe("ClickHouse gives DuckDB's figures on the same traffic", () => {
  let duck: DuckDbStore;
  let ch: ClickHouseStore;
  const rows = {
    events: [] as EventRow[],
    sessions: [] as SessionRow[],
    intervals: [] as IntervalRow[],
  };
  let period: Period;

  before(async () => {
    duck = await DuckDbStore.open(null);
    ch = await openClickHouseStore({ maxRows: 5_000 });
    for (const s of [duck, ch] as Store[]) await addSite(s, SITE, "America/New_York");
    // The rows ClickHouse is given, kept to write them again.
    const tee = new Proxy(ch, {
      get(target, prop) {
        const v = Reflect.get(target, prop, target);
        if (prop === "writeEvents" || prop === "writeSessions" || prop === "writeIntervals") {
          const key =
            prop === "writeEvents" ? "events" : prop === "writeSessions" ? "sessions" : "intervals";
          return (r: never[]) => {
            (rows[key] as unknown[]).push(...r);
            return (v as (r: never[]) => void).call(target, r);
          };
        }
        return typeof v === "function" ? v.bind(target) : v;
      },
    });
    const opts = { sessions: 400, seed: 7, days: 4, start: START, site: SITE };
    const a = await ingestSimulation({ ...opts, store: duck });
    const b = await ingestSimulation({ ...opts, store: tee });
    assert.deepEqual(a, b, "the same traffic");
    period = { site: SITE, from: START, to: START + 5 * DAY_MS };
  });
  after(async () => {
    await duck?.close();
    await ch?.close();
  });

  test("every report query, segment by segment", async () => {
    const [d, c] = [await figures(duck, period), await figures(ch, period)];
    // Not vacuous: the traffic reaches every kind of figure compared.
    const len = (k: string) => (d[k] as unknown[]).length;
    assert.ok((d.frameworkTotals as { total: { sessions: number } }).total.sessions > 300);
    const days = new Set((d.phaseOutcomesByDay as { day: number }[]).map((r) => r.day));
    assert.ok(days.size >= 4, "local days across the DST change");
    for (const k of ["customTotals", "arms", "groups", "flow focused-browsers"])
      assert.ok(len(k) > 1, k);
    for (const k of ["topPages focused-browsers", "breakdowns mobile-shoppers"])
      assert.ok(len(k) > 1, k);
    const o = d["overlap mobile-shoppers focused-browsers"] as { concurrentMs: number };
    assert.ok(o.concurrentMs > 0, "a custom segment overlaps a framework one");
    assert.ok((d.dataQuality as { events: number }).events > 1000);
    for (const k of Object.keys(d)) assert.deepEqual(c[k], d[k], k);
  });

  test("a part of the period, and its local days", async () => {
    const p = { site: SITE, from: START + DAY_MS + 5 * 3_600_000, to: START + 3 * DAY_MS };
    const [d, c] = [await figures(duck, p), await figures(ch, p)];
    for (const k of Object.keys(d)) assert.deepEqual(c[k], d[k], k);
  });

  test("the same rows written again (a replay) change no figure but page views", async () => {
    const before = await figures(ch, period);
    const stats = await ch.stats();
    ch.writeEvents(rows.events);
    ch.writeSessions(rows.sessions);
    ch.writeIntervals(rows.intervals);
    await ch.flush();
    const again = await figures(ch, period);
    for (const k of Object.keys(before))
      if (!k.startsWith("topPages")) assert.deepEqual(again[k], before[k], k);
    const s = await ch.stats();
    assert.deepEqual(
      [s.events, s.sessions, s.intervals],
      [stats.events, stats.sessions, stats.intervals],
    );
  });

  test("a new custom segment back-filled over the period: the same sessions, once", async () => {
    const q = {
      segment: "backfilled-mobile",
      period,
      reads: [{ field: "deviceType", values: ["mobile"] }],
      framework: true,
      matches: (g: { keys: unknown[]; frameworkSeen: number }) =>
        g.keys[0] === "mobile" && (g.frameworkSeen & 1) !== 0,
    };
    const added = await duck.backfillSegment(q);
    assert.ok(added > 10);
    assert.equal(await ch.backfillSegment(q), added);
    assert.equal(await ch.backfillSegment(q), 0, "a back-fill run twice adds nothing");
    const [d, c] = [await figures(duck, period), await figures(ch, period)];
    for (const k of ["customTotals", "groups", "frameworkTotals"]) assert.deepEqual(c[k], d[k], k);
    for (const f of [
      (s: Store) => s.queries.compare(period, q.segment),
      (s: Store) => s.queries.daily(period, q.segment),
      (s: Store) => s.queries.breakdowns(period, q.segment),
    ])
      assert.deepEqual(roundDeep(await f(ch)), roundDeep(await f(duck)));
  });
});
