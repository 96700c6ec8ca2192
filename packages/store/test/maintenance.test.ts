import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { DAY_MS, ipsReport } from "../src/index.ts";
import { PERIOD, rowsOf, SITE, SPECS, T0 } from "./fixture.ts";
import { fixtureStore } from "./helpers.ts";

const count = async (store: Awaited<ReturnType<typeof fixtureStore>>, sql: string) =>
  Number((await store.db.exec(sql))[0]!.n);

describe("retention and erasure", () => {
  test("retention deletes each configured site's data older than its retention days", async () => {
    const store = await fixtureStore();
    await store.config.createWorkspace({ id: "w1", name: "W" });
    await store.config.createSite({
      id: SITE,
      workspaceId: "w1",
      name: "Shop",
      publicKey: "pk_1",
      settings: { retentionDays: 5 },
    });
    // Another site's old data, with default retention (395 days): kept.
    const other = rowsOf({ ...SPECS[8]!, id: "o1" });
    store.writeSessions([{ ...other.session, site: "elsewhere" }]);
    await store.flush();
    // now = T0 + 3 days → cutoff T0 − 2 days: p1 (T0 − 3 d) goes; p2 (exactly the cutoff) stays.
    const deleted = await store.applyRetention(T0 + 3 * DAY_MS);
    assert.deepEqual(deleted, {
      [SITE]: { events: 2, sessions: 1, intervals: 1, pageViews: 1, outbox: 0 },
    });
    assert.equal(await count(store, "SELECT count(*) AS n FROM sessions WHERE session = 'p1'"), 0);
    assert.equal(await count(store, "SELECT count(*) AS n FROM sessions WHERE session = 'p2'"), 1);
    assert.equal(
      await count(store, "SELECT count(*) AS n FROM sessions WHERE site = 'elsewhere'"),
      1,
    );
    assert.equal(await count(store, "SELECT count(*) AS n FROM page_views WHERE path = '/old'"), 0);
    // The rollups lost p1 too: the previous week now has p2 only.
    const week = await store.queries.frameworkTotals({ site: SITE, from: T0 - 7 * DAY_MS, to: T0 });
    assert.equal(week.total.sessions, 1);
    assert.equal(week.segments[0]!.sessions, 1); // focused-browsers: p2
    // Explicit cutoff, idempotent.
    assert.deepEqual(await store.deleteBefore(SITE, T0 - 2 * DAY_MS), {
      events: 0,
      sessions: 0,
      intervals: 0,
      pageViews: 0,
      outbox: 0,
    });
    await store.close();
  });

  test("erasing a visitor removes their events, sessions and intervals everywhere", async () => {
    const store = await fixtureStore();
    // Queued rows of the visitor are erased too.
    const queued = rowsOf({ ...SPECS[0]!, id: "s9", start: T0 + 2 * 3_600_000 });
    store.writeSessions([queued.session]);
    store.writeIntervals(queued.intervals);
    const n1 = rowsOf(SPECS[0]!).intervals.length + rowsOf(SPECS[3]!).intervals.length;
    const ended = [SPECS[0]!, SPECS[3]!, { ...SPECS[0]!, id: "s9", start: T0 + 2 * 3_600_000 }].map(
      (spec) => new Date(rowsOf(spec).session.endedAt).toISOString().slice(0, 10),
    );
    const r = await store.eraseVisitor(SITE, "v1"); // s1, s4 and s9
    assert.deepEqual(r, {
      events: 4,
      sessions: 3,
      intervals: n1 + queued.intervals.length,
      pageViews: 0,
      outbox: 0,
      // The UTC days their sessions ended: the export files to rewrite.
      endedDays: [...new Set(ended)].sort(),
    });
    for (const table of ["events", "sessions", "intervals"])
      assert.equal(
        await count(store, `SELECT count(*) AS n FROM ${table} WHERE visitor = 'v1'`),
        0,
      );
    assert.equal(await count(store, "SELECT count(*) AS n FROM sessions"), SPECS.length - 2);
    // Reports no longer see them: 5 non-bot sessions in the period (s2 s3 s5 s6 s7).
    const ips = await ipsReport(store, PERIOD);
    assert.equal(ips.sessions, 5);
    await store.close();
  });
});
