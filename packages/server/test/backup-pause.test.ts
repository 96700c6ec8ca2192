/**
 * A backup's pause (issue 23, item 4): reports wait only while the DuckDB file is copied with
 * connections closed; the collector log — append-only, its segments sealed at the pause — is
 * copied after the pause, as it stood at the pause. Here a running server with a ~30 MB log
 * takes a load of small batches and report queries while three backups run through the API; the
 * test prints the pauses and the slowest report answer as JSON (speed is not asserted), and
 * checks that each backup's log holds exactly the records up to its `logUpTo`, byte for byte as
 * the source's, even though batches kept arriving (and segments kept growing) during the copy.
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { readdirSync, rmSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { readLog } from "../src/collector/log-files.ts";
import { startFullServer } from "./support-api/full-server.ts";

const ORIGIN = "https://shop.example";
const rand = () => randomBytes(6).toString("hex");

/** ~58 KB: 100 page views (the most a batch holds) with long URLs (the body limit is 64 KB). */
function bigEvents(now: number) {
  return Array.from({ length: 100 }, (_, i) => ({
    type: "page_view",
    t: now - 120_000 + i * 1000,
    page: { url: `${ORIGIN}/p/${i}/${"x".repeat(480)}` },
  }));
}

const logBytes = (dir: string) =>
  readdirSync(dir).reduce((n, f) => n + statSync(join(dir, f)).size, 0);

test("backup pause: the log is copied after the pause, as it stood at it", {
  timeout: 300_000,
}, async () => {
  const full = await startFullServer({ origin: ORIGIN });
  const dataDir = full.server.ctx.config.dataDir as string;
  const logDir = join(dataDir, "log");
  const root = join(dirname(dataDir), `backups-${rand()}`);
  try {
    // Fill the log: 600 batches of ~58 KB, 6 at a time, each its own visitor.
    let next = 0;
    await Promise.all(
      Array.from({ length: 6 }, async () => {
        while (next < 600) {
          next++;
          const r = await full.collect(`v_${rand()}`, bigEvents(Date.now()));
          assert.equal(r.status, 200, await r.text());
        }
      }),
    );
    const filled = logBytes(logDir);

    // Load while backing up: small batches and report queries, until the backups are done.
    let done = false;
    let sent = 0;
    let slowestReportMs = 0;
    const q = `from=${Date.now() - 86_400_000}&to=${Date.now() + 86_400_000}`;
    const load = [
      ...Array.from({ length: 4 }, async () => {
        while (!done && sent < 20_000) {
          sent++;
          const now = Date.now();
          const r = await full.collect(`v_${rand()}`, [
            { type: "page_view", t: now - 500, page: { url: `${ORIGIN}/` } },
          ]);
          assert.equal(r.status, 200);
        }
      }),
      (async () => {
        for (let i = 0; !done && i < 10_000; i++) {
          const t = performance.now();
          const r = await full.admin.get(`/api/sites/${full.site.id}/reports/ips?${q}`);
          assert.equal(r.status, 200);
          slowestReportMs = Math.max(slowestReportMs, performance.now() - t);
        }
      })(),
    ];
    const runs: { pausedMs: number; totalMs: number; logUpTo: number }[] = [];
    try {
      await new Promise((r) => setTimeout(r, 300));
      for (let i = 0; i < 3; i++) {
        const dest = join(root, `b${i}`);
        const r = await full.admin.post("/api/admin/backup", { dest });
        assert.equal(r.status, 200, JSON.stringify(r.body));
        runs.push(r.body);
        // The copy holds every record ≤ logUpTo, and none after it, as the source holds them.
        const want = [...readLog(logDir)].filter((e) => e.seq <= r.body.logUpTo);
        const got = [...readLog(join(dest, "log"))];
        assert.equal(got.length, want.length, `backup ${i}: records up to ${r.body.logUpTo}`);
        assert.deepEqual(
          got.map((e) => e.seq),
          want.map((e) => e.seq),
        );
      }
    } finally {
      done = true;
      await Promise.all(load);
    }
    assert.ok(sent > 0);
    console.log(
      JSON.stringify({
        bench: "backup-pause",
        logBytesBefore: filled,
        pausedMs: runs.map((r) => r.pausedMs),
        totalMs: runs.map((r) => r.totalMs),
        slowestReportMs: Math.round(slowestReportMs),
        batchesDuringBackups: sent,
      }),
    );
  } finally {
    await full.stop();
    rmSync(root, { recursive: true, force: true });
  }
});
