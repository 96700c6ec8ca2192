import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { DAY_MS } from "@intently/store";
import { exportPath, runExports } from "../src/export.ts";
import { exportDay, SecretBox, saveIntegration } from "../src/index.ts";
import { openStore, SITE, tempDir } from "./support/helpers.ts";
import { recordSession } from "./support/record.ts";
import { browserEvents, buyerEvents } from "./support/sessions.ts";

const DAY = "2026-06-01";
const T0 = Date.parse(`${DAY}T10:00:00Z`);

describe("scheduled exports", async () => {
  const tmp = tempDir();
  const store = await openStore();
  after(async () => {
    await store.close();
    tmp.cleanup();
  });
  recordSession(store, SITE, "buyer", buyerEvents(T0, 80), T0 + 20 * 60_000);
  recordSession(store, SITE, "browser", browserEvents(T0 + 3_600_000), T0 + 2 * 3_600_000);
  // Ends on the next day: in the next day's file.
  recordSession(store, SITE, "late", browserEvents(T0 + 13 * 3_600_000), T0 + 14.5 * 3_600_000);
  recordSession(store, "other-site", "x", browserEvents(T0), T0 + 60_000);

  test("CSV: one row per session that ended that day, with header", async () => {
    const r = await exportDay(store, SITE, DAY, tmp.dir, "csv");
    assert.equal(r.path, join(tmp.dir, SITE, `${SITE}-${DAY}.csv`));
    assert.equal(r.rows, 2);
    const lines = readFileSync(r.path, "utf8").trim().split("\n");
    const header = lines[0]!.split(",");
    assert.deepEqual(header.slice(0, 8), [
      "site",
      "session",
      "visitor",
      "identified",
      "started_at",
      "ended_at",
      "segment",
      "custom_segments",
    ]);
    assert.equal(lines.length, 3);
    const buyer = lines.find((l) => l.includes(",buyer,"))!;
    const cells = Object.fromEntries(header.map((h, i) => [h, buyer.split(",")[i]]));
    assert.equal(cells.segment, "converted");
    assert.equal(cells.revenue, "80.0");
    assert.equal(cells.purchased, "true");
    assert.match(cells.persisted_segments!, /converted/);
    assert.match(cells.identified!, /^[0-9a-f]{64}$/, "the stored hash, never the raw id");
    assert.ok(!readFileSync(r.path, "utf8").includes("ann@example.com"));
  });

  test("Parquet: the same rows, lists and timestamps kept", async () => {
    const r = await exportDay(store, SITE, DAY, tmp.dir, "parquet");
    assert.equal(r.rows, 2);
    const rows = await store.db.query(
      `SELECT session, segment, persisted_segments, revenue, started_at FROM read_parquet('${r.path}') ORDER BY session`,
    );
    assert.deepEqual(
      rows.map((x) => x.session),
      ["browser", "buyer"],
    );
    const buyer = rows[1]!;
    assert.equal(buyer.segment, "converted");
    assert.ok(
      Array.isArray(buyer.persisted_segments) &&
        (buyer.persisted_segments as string[]).includes("converted"),
    );
    assert.equal(buyer.revenue, 80);
    assert.equal((buyer.started_at as Date).toISOString().slice(0, 10), DAY);
  });

  test("the schedule writes each finished day once, per configured format", async () => {
    const box = SecretBox.open(null, {});
    const folder = join(tmp.dir, "scheduled");
    await saveIntegration(store, box, {
      id: "ex-1",
      site: SITE,
      kind: "export",
      name: "Daily",
      config: { folder, formats: ["csv", "parquet"] },
    });
    const dayStart = Date.parse(`${DAY}T00:00:00Z`);
    // During the next day's grace period, the day is not exported yet (only the one before).
    const early = await runExports(store, dayStart + DAY_MS + 60_000, {
      catchUpDays: 0,
      graceMs: 3_600_000,
    });
    assert.ok(early.length === 2 && early.every((p) => p.includes("2026-05-31")), early.join());
    const written = await runExports(store, dayStart + DAY_MS + 2 * 3_600_000, {
      catchUpDays: 0,
      graceMs: 3_600_000,
    });
    assert.deepEqual(written.sort(), [
      exportPath(folder, SITE, DAY, "csv"),
      exportPath(folder, SITE, DAY, "parquet"),
    ]);
    assert.ok(existsSync(written[0]!));
    assert.deepEqual(
      await runExports(store, dayStart + DAY_MS + 3 * 3_600_000, {
        catchUpDays: 0,
        graceMs: 3_600_000,
      }),
      [],
    );
  });
});

describe("export folders", () => {
  test("an export can only write inside the allowed roots", async () => {
    const { validateExport } = await import("../src/export-config.ts");
    assert.throws(() => validateExport({ folder: "/etc/cron.d" }), /must be inside/);
    assert.throws(() => validateExport({ folder: `${tmpdir()}/../etc` }), /must be inside/);
    assert.throws(() => validateExport({ folder: "relative/x" }), /absolute/);
    assert.equal(validateExport({ folder: join(tmpdir(), "ok") }).folder, join(tmpdir(), "ok"));
  });
});
