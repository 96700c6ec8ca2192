/**
 * Report days are the site's local days: a shop in New York across the end of DST (3 November
 * 2024) has its sessions bucketed by New York dates, each exactly once, in the rollups, the
 * page views and the segment report; changing the zone re-buckets everything stored.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { ingestSimulation } from "@intently/demo-data";
import { DAY_MS, DuckDbStore, dayOfIso, type Period, segmentReport } from "../src/index.ts";
import { assertSameAfterRebuild } from "./support/rebuild.ts";

const SITE = "demo";
const START = Date.UTC(2024, 10, 1, 12); // 1 Nov 2024, DST ends in New York on the 3rd

function intlDate(t: number, tz: string): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone: tz,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(t);
}

describe("site time zone", () => {
  let store: DuckDbStore;
  let p: Period;
  let starts: number[];

  before(async () => {
    store = await DuckDbStore.open(null, { buffer: { maxRows: 2000 } });
    await store.config.createWorkspace({ id: "w", name: "W" });
    await store.config.createSite({
      id: SITE,
      workspaceId: "w",
      name: "Shop",
      publicKey: "pk",
      settings: { timeZone: "America/New_York" },
    });
    await ingestSimulation({ sessions: 600, seed: 5, days: 5, start: START, store, site: SITE });
    await store.flush();
    const rows = await store.db.exec(
      `SELECT started_at AS t FROM sessions WHERE site = '${SITE}' AND NOT bot`,
    );
    starts = rows.map((r) => Number(r.t));
    p = { site: SITE, from: START - 3 * DAY_MS, to: START + 10 * DAY_MS };
  });
  after(() => store.close());

  /** Non-bot sessions per local date of `tz`, from the raw start times. */
  function expected(tz: string): Map<string, number> {
    const m = new Map<string, number>();
    for (const t of starts) m.set(intlDate(t, tz), (m.get(intlDate(t, tz)) ?? 0) + 1);
    return m;
  }

  async function daily(): Promise<Map<string, number>> {
    const rows = await store.queries.daily(p, "*");
    return new Map(
      rows.map((r) => [new Date(r.day * DAY_MS).toISOString().slice(0, 10), r.sessions]),
    );
  }

  test("rollups count every session once, in its New York day", async () => {
    assert.ok(starts.length > 300);
    assert.deepEqual(await daily(), expected("America/New_York"));
    const total = [...(await daily()).values()].reduce((a, b) => a + b, 0);
    assert.equal(total, starts.length);
  });

  test("page views are rolled up by the same local days", async () => {
    const days = await store.db.exec(
      `SELECT DISTINCT day FROM page_views WHERE site = '${SITE}' ORDER BY day`,
    );
    const local = new Set(
      [...expected("America/New_York").keys()].map((d) => dayOfIso(d) as number),
    );
    assert.ok(days.length > 0);
    for (const r of days) assert.ok(local.has(Number(r.day)), `page-view day ${r.day}`);
  });

  test("the segment report's days are New York dates, the 25-hour day included", async () => {
    const from = Date.parse("2024-11-01T04:00:00Z"); // midnight in New York (EDT)
    const to = Date.parse("2024-11-05T05:00:00Z"); // midnight (EST)
    const r = await segmentReport(store, {
      site: SITE,
      from,
      to,
      segment: "focused-browsers",
      now: to + 1,
    });
    assert.equal(r.timeZone, "America/New_York");
    assert.deepEqual(
      r.daily.map((d) => d.date),
      ["2024-11-01", "2024-11-02", "2024-11-03", "2024-11-04"],
    );
    assert.ok(r.daily.every((d) => d.complete));
    assert.equal(
      r.daily.reduce((s, d) => s + d.sessions, 0),
      r.sessions,
    );
    // A period given by instants inside its days is widened to the same whole local days.
    const r2 = await segmentReport(store, {
      site: SITE,
      from: from + 3_600_000,
      to: to - 3_600_000,
      segment: "focused-browsers",
    });
    assert.deepEqual(r2.period, r.period);
    assert.equal(r2.sessions, r.sessions);
  });

  test("a new zone re-buckets the stored rollups: Lord Howe, then UTC", async () => {
    const totalBefore = (await store.queries.frameworkTotals(p)).total.sessions;
    const pvBefore = await store.db.exec(
      `SELECT sum(views) AS v FROM page_views WHERE site = '${SITE}'`,
    );
    for (const tz of ["Australia/Lord_Howe", "UTC"]) {
      await store.config.updateSite(SITE, { settings: { timeZone: tz } });
      assert.deepEqual(await daily(), expected(tz), tz);
      assert.equal((await store.queries.frameworkTotals(p)).total.sessions, totalBefore);
      const pv = await store.db.exec(
        `SELECT sum(views) AS v FROM page_views WHERE site = '${SITE}'`,
      );
      assert.equal(Number(pv[0]?.v), Number(pvBefore[0]?.v), "page views are moved, not lost");
    }
    await assert.rejects(
      store.config.updateSite(SITE, { settings: { timeZone: "Mars/Olympus" } }),
      /IANA/,
    );
  });

  test("re-bucketed rollups equal rollups rebuilt from scratch in the new zone", async () => {
    await store.config.updateSite(SITE, { settings: { timeZone: "Asia/Kathmandu" } });
    const q = store.queries;
    await assertSameAfterRebuild(store, async () => ({
      daily: await q.daily(p, "*"),
      phases: await q.phaseOutcomesByDay(p),
      breakdowns: await q.breakdowns(p, "focused-browsers"),
      flow: await q.flow(p, "focused-browsers"),
      overlap: await q.overlap(p, "focused-browsers", "focused-explorers"),
      custom: await q.customTotals(p),
    }));
    assert.deepEqual(await daily(), expected("Asia/Kathmandu"));
  });
});
