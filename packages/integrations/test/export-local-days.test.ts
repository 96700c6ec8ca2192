/**
 * Exports by the site's local days (issue 20), across both DST changes of America/New_York in
 * 2026: 8 March is 23 hours long, 1 November 25 hours. A session is in the file of the local day
 * it ended on (the store's one selection rule); UTC days would put the sessions ending in the
 * local evening into the next day's file. An erasure names the local days, so it rewrites the
 * right files.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, describe, test } from "node:test";
import { localDayRange } from "@intently/store";
import { exportPath, runExports } from "../src/export.ts";
import { exportDay, SecretBox, saveIntegration } from "../src/index.ts";
import { openStore, tempDir } from "./support/helpers.ts";
import { recordSession } from "./support/record.ts";
import { browserEvents } from "./support/sessions.ts";

const SITE = "ny-shop";
const ZONE = "America/New_York";
const HOUR = 3_600_000;
const at = (iso: string) => Date.parse(iso);

/** Session id → end (UTC); comments give the New York wall clock. */
const ENDS: Record<string, number> = {
  f: at("2026-03-08T04:30:00Z"), // 7 Mar 23:30 EST
  e: at("2026-03-09T03:30:00Z"), // 8 Mar 23:30 EDT (UTC: 9 Mar)
  d: at("2026-11-01T03:30:00Z"), // 31 Oct 23:30 EDT (UTC: 1 Nov)
  a: at("2026-11-01T04:30:00Z"), // 1 Nov 00:30 EDT
  b: at("2026-11-02T04:30:00Z"), // 1 Nov 23:30 EST (UTC: 2 Nov)
  c: at("2026-11-02T05:30:00Z"), // 2 Nov 00:30 EST
};

/** Session ids of an export CSV (daily layout: site, session, …). */
const sessionsIn = (path: string) =>
  readFileSync(path, "utf8")
    .trim()
    .split("\n")
    .slice(1)
    .map((l) => l.split(",")[1])
    .sort();

describe("exports by the site's local days, across DST changes", async () => {
  const tmp = tempDir();
  const store = await openStore();
  await store.config.createSite({
    id: SITE,
    workspaceId: "w1",
    name: "New York shop",
    publicKey: "pk_ny",
    settings: { timeZone: ZONE },
  });
  for (const [id, end] of Object.entries(ENDS))
    recordSession(store, SITE, id, browserEvents(end - 20 * 60_000), end);
  after(async () => {
    await store.close();
    tmp.cleanup();
  });

  test("local days are 23 and 25 hours long on the changes", () => {
    const spring = localDayRange(ZONE, "2026-03-08");
    const fall = localDayRange(ZONE, "2026-11-01");
    assert.equal(spring.from, at("2026-03-08T05:00:00Z"));
    assert.equal(spring.to - spring.from, 23 * HOUR);
    assert.equal(fall.from, at("2026-11-01T04:00:00Z"));
    assert.equal(fall.to - fall.from, 25 * HOUR);
  });

  test("a day's file holds the sessions that ended in that local day", async () => {
    const expected: Record<string, string[]> = {
      "2026-03-07": ["f"],
      "2026-03-08": ["e"],
      "2026-10-31": ["d"],
      "2026-11-01": ["a", "b"],
      "2026-11-02": ["c"],
    };
    for (const [day, ids] of Object.entries(expected)) {
      const r = await exportDay(store, SITE, day, tmp.dir, "csv");
      assert.equal(r.rows, ids.length, day);
      assert.deepEqual(sessionsIn(r.path), ids, day);
    }
  });

  test("the schedule names files by local day and waits for the local day's end", async () => {
    const folder = `${tmp.dir}/scheduled`;
    await saveIntegration(store, SecretBox.open(null, {}), {
      id: "ny-export",
      site: SITE,
      kind: "export",
      name: "Daily",
      config: { folder, formats: ["csv"] },
    });
    const schedule = { catchUpDays: 2, graceMs: HOUR };
    // 2 Nov 23:30 EST: 2 Nov is not over, so 30 Oct … 1 Nov are written.
    const first = await runExports(store, at("2026-11-03T04:30:00Z"), schedule);
    const mine = (paths: string[]) => paths.filter((p) => p.includes(SITE)).sort();
    assert.deepEqual(
      mine(first),
      ["2026-10-30", "2026-10-31", "2026-11-01"].map((d) => exportPath(folder, SITE, d, "csv")),
    );
    assert.deepEqual(sessionsIn(exportPath(folder, SITE, "2026-11-01", "csv")), ["a", "b"]);
    // 3 Nov 01:30 EST, past the grace: 2 Nov is written.
    const next = await runExports(store, at("2026-11-03T06:30:00Z"), schedule);
    assert.deepEqual(mine(next), [exportPath(folder, SITE, "2026-11-02", "csv")]);
  });

  test("an erasure names the local days its sessions ended on", async () => {
    const gone = await store.eraseVisitor(SITE, "v-b");
    assert.equal(gone.sessions, 1);
    assert.deepEqual(gone.endedDays, ["2026-11-01"]);
    const r = await exportDay(store, SITE, "2026-11-01", tmp.dir, "csv");
    assert.deepEqual(sessionsIn(r.path), ["a"]);
  });
});
