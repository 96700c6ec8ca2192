/**
 * Page views after a stop whose last checkpoint was lost (issue 23, item 3). A graceful stop
 * writes an `ended` checkpoint, then ends the live sessions, whose rows — page-view rollups
 * included — reach the store. When that checkpoint cannot be written (a full disk: see
 * collector-disk-full.test.ts, which cuts it the same way), the next start revives those
 * sessions from the log and they end a second time. Sessions and events are replaced by key, but
 * `page_views` rows are additive and carry no session: each page view was counted twice.
 *
 * Here the checkpoint is lost by cutting the log's last record short (what the log itself does
 * to a group whose write failed); the figures after the restart and its stop must equal those
 * before it, since nothing new was sent.
 */
import assert from "node:assert/strict";
import { readFileSync, rmSync, truncateSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { DuckDbStore } from "@intently/store";
import { createCollectorPlugin, listSegments, readLog } from "../src/collector/index.ts";
import { scanRecords } from "../src/collector/log-format.ts";
import {
  makeBatch,
  post,
  productView,
  SITE,
  startCollector,
  tempDir,
} from "./support-collector/helpers.ts";

async function figures(dataDir: string) {
  const store = await DuckDbStore.open(dataDir);
  try {
    const q = (sql: string) => store.db.query(sql);
    return {
      pageViews: await q(
        `SELECT segment, path, sum(views)::BIGINT AS views, sum(sessions)::BIGINT AS sessions
         FROM page_views WHERE site = '${SITE.id}' GROUP BY ALL ORDER BY ALL`,
      ),
      sessions: await q(`SELECT count(*)::BIGINT AS n FROM sessions WHERE site = '${SITE.id}'`),
      events: await q(`SELECT count(*)::BIGINT AS n FROM events WHERE site = '${SITE.id}'`),
    };
  } finally {
    await store.close();
  }
}

/** Cuts the log's last record (the stop's `ended` checkpoint) short, as a failed write leaves it. */
function loseLastCheckpoint(logDir: string): void {
  const last = listSegments(logDir).at(-1)!;
  const records = [...scanRecords(readFileSync(last.path))];
  const tail = [...readLog(logDir)].at(-1)!;
  assert.equal(tail.record.k, "c", "the stop logged a checkpoint last");
  assert.ok(records.length > 0);
  const size = readFileSync(last.path).length;
  truncateSync(last.path, size - 3);
  assert.notEqual([...readLog(logDir)].at(-1)?.record.k, "c", "the checkpoint is gone");
}

test("a restart after a lost checkpoint counts no page view twice", async () => {
  const dataDir = tempDir();
  // No periodic checkpoint: the stop's is the only one, so the restart records every batch again.
  const plugin = createCollectorPlugin({ checkpointEveryMs: 3_600_000 });
  try {
    let t = await startCollector(plugin, dataDir);
    for (let i = 0; i < 6; i++) {
      const now = Date.now();
      const b = makeBatch({
        events: [productView(now - 3000, `SKU${i}`), productView(now - 2000, "SKU-X")],
      });
      assert.equal((await post(t.url, b)).status, 200);
    }
    await t.server.close();
    const before = await figures(dataDir);
    assert.equal(Number(before.sessions[0]!.n), 6);
    const views = before.pageViews.reduce((n, r) => n + Number(r.views), 0);
    assert.ok(views >= 12, `every page view is in page_views (${views})`);

    loseLastCheckpoint(join(dataDir, "log"));
    t = await startCollector(plugin, dataDir);
    await t.server.close();
    assert.deepEqual(await figures(dataDir), before);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
