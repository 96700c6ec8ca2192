import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import {
  appendRows,
  EVENT_COLUMNS,
  INTERVAL_COLUMNS,
  PAGE_VIEW_COLUMNS,
  SESSION_COLUMNS,
} from "../src/duckdb/columns.ts";
import { MIGRATIONS } from "../src/duckdb/migrations.ts";
import {
  DuckDbStore,
  experimentsReport,
  ipsReport,
  LATEST_VERSION,
  measuredOverlap,
  segmentLibrary,
  segmentReport,
} from "../src/index.ts";
import { eventsOf, PAGE_VIEWS, PERIOD, rowsOf, SITE, SPECS, T0, writeFixture } from "./fixture.ts";
import { tempDir } from "./helpers.ts";

const reports = async (store: DuckDbStore) => ({
  ips: await ipsReport(store, PERIOD),
  library: await segmentLibrary(store, { site: SITE, to: T0 + 7 * 86_400_000 }),
  segment: await segmentReport(store, { ...PERIOD, segment: "focused-browsers" }),
  custom: await segmentReport(store, { ...PERIOD, segment: "searchers" }),
  overlap: await measuredOverlap(store, { ...PERIOD, a: "searchers", b: "high-value" }),
  experiments: await experimentsReport(store, PERIOD),
  stats: await store.stats(),
});

/** Sessions columns of versions 1 (no signal counts) and 2 (no visitor key). */
const V2_COLUMNS = SESSION_COLUMNS.filter((c) => c.name !== "visitor_key");
const V1_COLUMNS = V2_COLUMNS.filter((c) => !c.name.startsWith("sig_"));
const INTERVALS = "SELECT * FROM intervals ORDER BY session, entered_at, segment";

describe("persistence", () => {
  const tmp = tempDir();
  after(() => tmp.cleanup());

  test("restart: close and reopen the data folder loses nothing (queued rows included)", async () => {
    const dir = `${tmp.dir}/restart`;
    const a = await DuckDbStore.open(dir);
    await a.config.createWorkspace({ id: "w1", name: "W" });
    await a.config.createSite({ id: SITE, workspaceId: "w1", name: "Shop", publicKey: "pk_1" });
    await writeFixture(a);
    const before = await reports(a);
    // Queued but never flushed explicitly: close() must write it.
    const late = rowsOf({ ...SPECS[0]!, id: "late", start: T0 + 5 * 86_400_000 });
    a.writeSessions([late.session]);
    a.writeIntervals(late.intervals);
    await a.close();
    await a.close(); // idempotent

    const b = await DuckDbStore.open(dir);
    const again = await reports(b);
    assert.deepEqual(again.ips, before.ips);
    assert.deepEqual(again.segment, before.segment);
    assert.deepEqual(again.custom, before.custom);
    assert.deepEqual(again.overlap, before.overlap);
    assert.deepEqual(again.experiments, before.experiments);
    // The late session is in the library's week, and in the counts.
    assert.equal(again.library.totalSessions, before.library.totalSessions + 1);
    assert.equal(again.stats.sessions, before.stats.sessions + 1);
    assert.equal(again.stats.intervals, before.stats.intervals + late.intervals.length);
    assert.equal(again.stats.events, before.stats.events);
    assert.equal(again.stats.pageViews, before.stats.pageViews);
    assert.equal((await b.config.getSiteByPublicKey("pk_1"))?.id, SITE);
    await b.close();
  });

  for (const from of [1, 2]) {
    test(`migration from schema version ${from} with data loses nothing`, async () => {
      const dir = `${tmp.dir}/migrate-${from}`;
      // An old database, written with that version's columns.
      const old = await DuckDbStore.open(dir, { schemaVersion: from });
      await old.config.createWorkspace({ id: "w1", name: "W" });
      await old.config.createSite({ id: SITE, workspaceId: "w1", name: "Shop", publicKey: "pk_1" });
      const all = SPECS.map(rowsOf);
      const sessionCols = from === 1 ? V1_COLUMNS : V2_COLUMNS;
      await appendRows(
        old.db,
        "sessions",
        sessionCols,
        all.map((r) => r.session),
      );
      await appendRows(
        old.db,
        "intervals",
        INTERVAL_COLUMNS,
        all.flatMap((r) => r.intervals),
      );
      await appendRows(old.db, "events", EVENT_COLUMNS, SPECS.flatMap(eventsOf));
      if (from === 2) await appendRows(old.db, "page_views", PAGE_VIEW_COLUMNS, PAGE_VIEWS);
      const select = `SELECT ${sessionCols.map((c) => c.name).join(", ")} FROM sessions ORDER BY session`;
      const oldSessions = await old.db.exec(select);
      const oldIntervals = await old.db.exec(INTERVALS);
      await old.close();

      const store = await DuckDbStore.open(dir);
      const versions = await store.db.exec(
        "SELECT version FROM schema_migrations ORDER BY version",
      );
      assert.deepEqual(
        versions.map((v) => v.version),
        MIGRATIONS.map((m) => m.version),
      );
      assert.equal(LATEST_VERSION, 8);
      assert.deepEqual(await store.db.exec(select), oldSessions);
      assert.deepEqual(await store.db.exec(INTERVALS), oldIntervals);
      const [keys] = await store.db.exec(
        "SELECT count(*) FILTER (WHERE visitor_key IS NULL) AS missing, count(DISTINCT visitor_key) AS k FROM sessions",
      );
      assert.deepEqual([keys!.missing, keys!.k], [0, 9]); // v1…v9
      const stats = await store.stats();
      assert.deepEqual(
        [stats.schemaVersion, stats.sessions, stats.events, stats.pageViews],
        [LATEST_VERSION, SPECS.length, 2 * SPECS.length, from === 2 ? PAGE_VIEWS.length : 0],
      );
      // The rollups were backfilled: the reports give the fixture's figures.
      const ips = await ipsReport(store, PERIOD);
      assert.deepEqual(
        ips.phases.map((p) => p.entered),
        [7, 6, 5, 4],
      );
      const overlap = await measuredOverlap(store, { ...PERIOD, a: "searchers", b: "high-value" });
      assert.deepEqual([overlap.both, overlap.concurrent.totalMs], [2, 24 * 60_000]);
      const seg = await segmentReport(store, { ...PERIOD, segment: "focused-browsers" });
      assert.deepEqual([seg.sessions, seg.visitors, seg.revenue], [6, 5, 150]);
      assert.equal((await store.config.getSite(SITE))?.publicKey, "pk_1");
      // And current writes work on it.
      const fresh = rowsOf({ ...SPECS[1]!, id: "after-migration" });
      store.writeSessions([fresh.session]);
      await store.flush();
      assert.equal((await store.stats()).sessions, SPECS.length + 1);
      await store.close();
    });
  }

  test("a data folder from a newer build is refused", async () => {
    const dir = `${tmp.dir}/newer`;
    const s = await DuckDbStore.open(dir);
    await s.db.exec("INSERT INTO schema_migrations VALUES (99, 'future', 0)");
    await s.close();
    await assert.rejects(DuckDbStore.open(dir), /schema version 99/);
  });
});
