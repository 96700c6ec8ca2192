/**
 * Erasure and retention: a visitor's events, sessions, intervals and outbox summaries go, and
 * reports stop counting them; retention deletes what started before a site's cutoff, sites
 * without configuration keep everything.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { DAY_MS, isoDay } from "../../src/index.ts";
import { eventsOf, PERIOD, rowsOf, SITE, SPECS, T0, writeFixture } from "../fixture.ts";
import { addSite, type MakeStore, storePerSuite } from "./support.ts";

const V1 = SPECS.filter((s) => s.visitor === "v1");
const count = (specs: typeof SPECS) => ({
  events: specs.flatMap(eventsOf).length,
  sessions: specs.length,
  intervals: specs.flatMap((s) => rowsOf(s).intervals).length,
});

export function privacyContract(make: MakeStore): void {
  describe("erasure", () => {
    const store = storePerSuite(make, writeFixture);

    test("a visitor's rows and outbox summaries go; the days their sessions ended are named", async () => {
      const before = await store().queries.frameworkTotals(PERIOD);
      const summary = (visitor: string, session: string) => ({
        key: `${SITE}:${session}:wh`,
        site: SITE,
        destination: "wh",
        payload: JSON.stringify({ site: SITE, session, visitor }),
      });
      await store().outbox.enqueue([summary("v1", "s1"), summary("v2", "x")], T0);
      const gone = await store().eraseVisitor(SITE, "v1");
      assert.deepEqual(
        { events: gone.events, sessions: gone.sessions, intervals: gone.intervals },
        count(V1),
      );
      assert.equal(gone.outbox, 1);
      const days = [
        ...new Set(V1.map((s) => isoDay(Math.floor(rowsOf(s).session.endedAt / DAY_MS)))),
      ];
      assert.deepEqual(gone.endedDays, days.sort());
      assert.deepEqual(await store().identitiesOf(SITE, "v1"), []);
      assert.ok(
        !(await store().sessionTallies(SITE)).some((t) => V1.some((s) => s.id === t.session)),
      );
      const after = await store().queries.frameworkTotals(PERIOD);
      const inPeriod = V1.filter((s) => !s.bot && s.start >= PERIOD.from && s.start < PERIOD.to);
      assert.equal(after.total.sessions, before.total.sessions - inPeriod.length);
      assert.deepEqual(
        (await store().outbox.list({ site: SITE })).map((m) => m.key),
        [`${SITE}:x:wh`],
      );
    });

    test("erasing an unknown visitor deletes nothing", async () => {
      const r = await store().eraseVisitor(SITE, "nobody");
      assert.deepEqual(
        [r.events, r.sessions, r.intervals, r.outbox, r.endedDays.length],
        [0, 0, 0, 0, 0],
      );
    });
  });

  describe("retention", () => {
    const store = storePerSuite(make, writeFixture);

    test("deleteBefore: the site's sessions started before the cutoff, their events and intervals", async () => {
      const old = SPECS.filter((s) => s.start < T0);
      assert.ok(old.length > 0, "the fixture has sessions before the period");
      const r = await store().deleteBefore(SITE, T0);
      assert.equal(r.sessions, old.length);
      assert.equal(r.intervals, count(old).intervals);
      assert.equal((await store().stats()).sessions, SPECS.length - old.length);
      assert.deepEqual(await store().deleteBefore("other-site", T0 + 9 * DAY_MS), {
        events: 0,
        sessions: 0,
        intervals: 0,
        pageViews: 0,
        outbox: 0,
      });
    });

    test("applyRetention: by each configured site's retention days only", async () => {
      const left = (await store().stats()).sessions;
      assert.deepEqual(await store().applyRetention(T0 + 400 * DAY_MS), {}, "no site configured");
      await addSite(store(), SITE);
      await store().config.updateSite(SITE, { settings: { retentionDays: 30 } });
      const r = await store().applyRetention(T0 + 400 * DAY_MS);
      assert.equal(r[SITE]?.sessions, left);
      assert.equal((await store().stats()).sessions, 0);
    });
  });
}
