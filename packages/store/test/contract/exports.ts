/**
 * Exports (../../src/exports.ts: the one selection rule) and site activity: a day's file holds
 * the site's non-bot sessions that ended in that local day of the site's time zone, across a DST
 * change (1 November 2026 is 25 hours long in New York).
 */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { localDayRange, type Store } from "../../src/index.ts";
import { eventsOf, rowsOf, SPECS } from "../fixture.ts";
import { addSite, type MakeStore, storePerSuite } from "./support.ts";

const SITE = "ny";
const ZONE = "America/New_York";
const at = (iso: string) => Date.parse(iso);
const BASE = rowsOf(SPECS[0]!).session;

/** Session → [end, bot, purchased]; the wall clock in New York in comments. */
const ENDS: Record<string, [number, boolean, boolean]> = {
  before: [at("2026-11-01T03:30:00Z"), false, false], // 31 Oct 23:30 EDT
  first: [at("2026-11-01T04:30:00Z"), false, true], // 1 Nov 00:30 EDT
  last: [at("2026-11-02T04:30:00Z"), false, false], // 1 Nov 23:30 EST
  bot: [at("2026-11-01T12:00:00Z"), true, false],
  next: [at("2026-11-02T05:30:00Z"), false, true], // 2 Nov 00:30 EST
};

async function fill(store: Store): Promise<void> {
  await addSite(store, SITE, ZONE);
  store.writeSessions(
    Object.entries(ENDS).map(([session, [end, bot, purchased]]) => ({
      ...BASE,
      site: SITE,
      session,
      visitor: `v-${session}`,
      startedAt: end - 20 * 60_000,
      lastEventAt: end - 60_000,
      endedAt: end,
      bot,
      purchased,
      orders: purchased ? 1 : 0,
      revenue: purchased ? 10 : 0,
    })),
  );
  const e = eventsOf(SPECS[0]!)[0]!;
  store.writeEvents([{ ...e, site: SITE, t: at("2026-11-02T05:40:00Z") }]);
  await store.flush();
}

export function exportsContract(make: MakeStore): void {
  describe("exports by local day, and site activity", () => {
    const store = storePerSuite(make, fill);
    const dir = mkdtempSync(join(tmpdir(), "intently-contract-"));
    after(() => rmSync(dir, { recursive: true, force: true }));

    const sessionsOf = async (day: string) => {
      const path = join(dir, `${day}.csv`);
      const rows = await store().exports.write({
        site: SITE,
        ...localDayRange(ZONE, day),
        format: "csv",
        layout: "download",
        path,
      });
      const lines = readFileSync(path, "utf8").trim().split("\n");
      assert.equal(lines.length - 1, rows);
      return lines.slice(1).map((l) => l.split(",")[0]);
    };

    test("a local day's sessions by end, ordered by end, bots left out", async () => {
      assert.deepEqual(await sessionsOf("2026-10-31"), ["before"]);
      assert.deepEqual(await sessionsOf("2026-11-01"), ["first", "last"]);
      assert.deepEqual(await sessionsOf("2026-11-02"), ["next"]);
      assert.deepEqual(await sessionsOf("2026-11-05"), []);
    });

    test("both layouts and formats", async () => {
      const range = localDayRange(ZONE, "2026-11-01");
      for (const layout of ["download", "daily"] as const) {
        const path = join(dir, `${layout}.parquet`);
        const q = { site: SITE, ...range, layout, path };
        assert.equal(await store().exports.write({ ...q, format: "parquet" }), 2);
        assert.equal(readFileSync(path).subarray(0, 4).toString(), "PAR1");
      }
      const daily = join(dir, "daily.csv");
      await store().exports.write({
        site: SITE,
        ...range,
        format: "csv",
        layout: "daily",
        path: daily,
      });
      assert.match(
        readFileSync(daily, "utf8"),
        /^site,session,visitor,identified,started_at,ended_at,/,
      );
    });

    test("activity: the last event since a time, the first purchase", async () => {
      const a = store().activity;
      assert.equal(
        await a.lastEventAt(SITE, at("2026-11-02T00:00:00Z")),
        at("2026-11-02T05:40:00Z"),
      );
      assert.equal(await a.lastEventAt(SITE, at("2026-11-03T00:00:00Z")), null);
      assert.equal(await a.firstPurchaseAt(SITE), ENDS.first![0] - 60_000);
      assert.equal(await a.firstPurchaseAt("no-such-site"), null);
    });
  });
}
