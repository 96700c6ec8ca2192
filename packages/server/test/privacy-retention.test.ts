/**
 * Retention everywhere (issue 22, "Must show"): one cutoff for the tables, the collector log, the
 * export files and the integrations outbox (by the session's time, not the message's). A site
 * that keeps 1 day and a site that keeps 395 days get the same traffic; after a retention run
 * two days later the first site's visitor is in no table, no log segment, no export file, no
 * outbox message and — by a byte search — no file of the data folder, and after the store's
 * compaction not in the database file or its WAL either; the second site keeps everything.
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { dayOf, EXPORT_KIND, exportDay } from "@intently/integrations";
import { DAY_MS, DuckDbStore } from "@intently/store";
import { endLiveSessions } from "../src/api/privacy/end-sessions.ts";
import { collectorOf, createCollectorPlugin, readLog } from "../src/collector/index.ts";
import { searchableBytes } from "../src/find-bytes.ts";
import { retentionJobOf, retentionPlugin } from "../src/retention.ts";
import { startServer } from "../src/server.ts";
import { addToCart, BROWSER_UA, productView, tempDir } from "./support-collector/helpers.ts";

const ORIGIN = "https://shop.example";
const dataDir = tempDir();
const exportsDir = mkdtempSync(join(tmpdir(), "intently-retention-exports-"));
after(() => {
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(exportsDir, { recursive: true, force: true });
});

const rand = () => randomBytes(6).toString("hex");

function filesHolding(dir: string, needle: string, skip: (n: string) => boolean = () => false) {
  const found: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (!skip(name) && searchableBytes(p).includes(needle)) found.push(p);
    }
  };
  walk(dir);
  return found;
}

test("one cutoff for tables, log, exports and outbox; then no file holds the expired visitor", {
  timeout: 120_000,
}, async () => {
  const server = await startServer({ dataDir, port: 0, host: "127.0.0.1" }, [
    createCollectorPlugin({ checkpointEveryMs: 200 }),
    retentionPlugin({ everyMs: 0, log: () => {} }),
  ]);
  const { store } = server.ctx;
  const sites = {
    short: { id: "short", days: 1, visitor: `v_short_${rand()}`, session: `s_short_${rand()}` },
    long: { id: "long", days: 395, visitor: `v_long_${rand()}`, session: `s_long_${rand()}` },
  };
  await store.config.createWorkspace({ id: "w", name: "W" });
  for (const s of Object.values(sites)) {
    await store.config.createSite({
      id: s.id,
      workspaceId: "w",
      name: s.id,
      publicKey: `pk_${s.id}`,
      allowedOrigins: [ORIGIN],
      settings: { retentionDays: s.days },
    });
    await store.config.saveIntegration({
      id: `exp-${s.id}`,
      site: s.id,
      kind: EXPORT_KIND,
      name: "Daily export",
      config: { folder: exportsDir, formats: ["csv", "parquet"] },
      enabled: true,
    });
    for (let n = 0; n < 3; n++) {
      const now = Date.now();
      const r = await fetch(`${server.url}/v1/collect`, {
        method: "POST",
        headers: { "content-type": "text/plain", origin: ORIGIN },
        body: JSON.stringify({
          site: `pk_${s.id}`,
          batch: `b_${n}_${rand()}`,
          visitor: s.visitor,
          session: s.session,
          sentAt: now,
          // A browser's user agent: sessions of bots are left out of exports.
          context: { url: `${ORIGIN}/`, lang: "en-GB", ua: BROWSER_UA },
          events: [productView(now - 2000, `SKU${n}`), addToCart(now - 1000, `SKU${n}`)],
        }),
      });
      assert.equal(r.status, 200, await r.text());
    }
  }
  const now = Date.now();
  // Sessions end (so they are in the tables and the exports); a checkpoint covers the batches.
  endLiveSessions(server.ctx, () => true);
  await store.flush();
  await new Promise((r) => setTimeout(r, 600));
  const day = dayOf(now);
  for (const s of Object.values(sites))
    for (const f of ["csv", "parquet"] as const)
      assert.equal((await exportDay(store, s.id, day, exportsDir, f)).rows, 1, `${s.id} ${f}`);
  assert.ok(filesHolding(exportsDir, sites.short.visitor).length > 0, "the short site exported");

  // Outbox messages: one of a session that started 3 days ago (created now), one of a recent one.
  const msg = (s: { id: string; visitor: string }, name: string, startedAt: number) => ({
    key: `${s.id}:${name}:wh`,
    site: s.id,
    destination: "wh",
    payload: JSON.stringify({ site: s.id, visitor: s.visitor, session: name, startedAt }),
  });
  await store.outbox.enqueue(
    [msg(sites.short, "old", now - 3 * DAY_MS), msg(sites.short, "new", now)],
    now,
  );
  const job = retentionJobOf(server.app)!;
  const keys = async () => (await store.outbox.list()).map((m) => m.key).sort();

  // 1. Today: only the message of the session that started 3 days ago is past the 1-day cutoff.
  const first = await job.run(now);
  assert.equal(first.removed.short?.outbox, 1);
  assert.deepEqual(await keys(), ["short:new:wh"], "by the session's time, not the message's");
  assert.equal(first.removed.short?.logBatches, 0);
  assert.equal(first.removed.short?.exportFiles, 0);

  // 2. Two days later everything of the short site is past its cutoff, nothing of the long one.
  const second = await job.run(now + 2 * DAY_MS);
  const short = second.removed.short!;
  assert.ok(short.events > 0 && short.sessions === 1, JSON.stringify(short));
  assert.equal(short.logBatches, 3, "the site's three batches dropped from the log");
  assert.equal(short.exportFiles, 2, "its CSV and Parquet files deleted");
  assert.equal(short.outbox, 1);
  assert.deepEqual(second.removed.long, {
    events: 0,
    sessions: 0,
    intervals: 0,
    pageViews: 0,
    outbox: 0,
    logBatches: 0,
    exportFiles: 0,
  });
  const logged = [...readLog(collectorOf(server.app)!.log.dir)]
    .map((e) => e.record)
    .filter((r) => r.k === "b");
  assert.ok(!logged.some((r) => r.site === "short"), "no batch of the short site in the log");
  assert.equal(logged.filter((r) => r.site === "long").length, 3);
  assert.ok(!existsSync(join(exportsDir, "short", `short-${day}.csv`)));
  assert.ok(existsSync(join(exportsDir, "long", `long-${day}.parquet`)));
  await server.close();

  const isDb = (n: string) => n.startsWith("intently.duckdb");
  for (const id of [sites.short.visitor, sites.short.session]) {
    assert.deepEqual(filesHolding(dataDir, id, isDb), [], `${id} in a file of the data folder`);
    assert.deepEqual(filesHolding(exportsDir, id), [], `${id} in an export file`);
  }
  assert.ok(filesHolding(dataDir, sites.long.visitor, isDb).length > 0, "control: the log");
  assert.ok(filesHolding(exportsDir, sites.long.visitor).length > 0, "control: the exports");

  // The next open compacts the store's file.
  const reopened = await DuckDbStore.open(dataDir);
  try {
    for (const table of ["events", "sessions", "intervals"]) {
      const [r] = await reopened.db.query(
        `SELECT count(*) FILTER (WHERE site = 'short') AS short,
           count(*) FILTER (WHERE site = 'long') AS long FROM ${table}`,
      );
      assert.equal(Number(r?.short), 0, `${table}: short site's rows gone`);
      assert.ok(Number(r?.long) > 0, `${table}: long site's rows kept`);
    }
  } finally {
    await reopened.close();
  }
  for (const id of [sites.short.visitor, sites.short.session])
    assert.deepEqual(filesHolding(dataDir, id), [], `${id} after compaction`);
  assert.ok(filesHolding(dataDir, sites.long.visitor).some((p) => p.includes("intently.duckdb")));
});
