/**
 * Compaction while the server runs (issue 22): after an erasure, the privacy job rewrites the
 * store's file without waiting for a restart — the erased visitor's bytes leave the database
 * file and its WAL — while report queries keep running and collection goes on. The other
 * visitor is found in the file by the same byte search (the control).
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { DB_FILE, type DuckDbStore } from "@intently/store";
import { createApiPlugin } from "../src/api/index.ts";
import { createCollectorPlugin } from "../src/collector/index.ts";
import { retentionJobOf, retentionPlugin } from "../src/retention.ts";
import { startServer } from "../src/server.ts";
import { Client } from "./support-api/client.ts";
import { ADMIN } from "./support-api/server.ts";
import { BROWSER_UA, productView, tempDir } from "./support-collector/helpers.ts";

const ORIGIN = "https://shop.example";
const rand = () => randomBytes(6).toString("hex");

function dbHolds(dir: string, needle: string): boolean {
  const read = (f: string) => {
    try {
      return readFileSync(join(dir, f));
    } catch {
      return Buffer.alloc(0);
    }
  };
  return read(DB_FILE).includes(needle) || read(`${DB_FILE}.wal`).includes(needle);
}

test("an erased visitor leaves the database file while the server runs and reports go on", {
  timeout: 120_000,
}, async () => {
  const dataDir = tempDir();
  const env = { INTENTLY_ADMIN_EMAIL: ADMIN.email, INTENTLY_ADMIN_PASSWORD: ADMIN.password };
  const server = await startServer({ dataDir, port: 0, host: "127.0.0.1" }, [
    createCollectorPlugin(),
    retentionPlugin({ everyMs: 0, compactEveryMs: 0, log: () => {} }),
    createApiPlugin({ env, print: () => {} }),
  ]);
  try {
    const admin = new Client(server.url);
    assert.equal((await admin.login(ADMIN.email, ADMIN.password)).status, 200);
    const created = await admin.post("/api/workspaces/default/sites", {
      name: "Compaction shop",
      allowedOrigins: [ORIGIN],
    });
    const site = created.body as { id: string; publicKey: string };
    const send = async (visitor: string) => {
      const now = Date.now();
      const r = await fetch(`${server.url}/v1/collect`, {
        method: "POST",
        headers: { "content-type": "text/plain", origin: ORIGIN },
        body: JSON.stringify({
          site: site.publicKey,
          batch: `b_${rand()}`,
          visitor,
          session: `s_${visitor}`,
          sentAt: now,
          context: { url: `${ORIGIN}/`, ua: BROWSER_UA },
          events: [productView(now - 1000)],
        }),
      });
      assert.equal(r.status, 200);
    };
    const gone = `v_gone_${rand()}`;
    const kept = `v_kept_${rand()}`;
    await send(gone);
    await send(kept);
    await new Promise((r) => setTimeout(r, 1500)); // a checkpoint: rows and a WAL on disk
    const store = server.ctx.store as DuckDbStore;
    await store.db.exec("CHECKPOINT");
    assert.ok(dbHolds(dataDir, gone), "before: the visitor is in the file");

    const del = await admin.delete(`/api/sites/${site.id}/visitors/${gone}`);
    assert.equal(del.status, 200);
    assert.equal(del.body.compaction, "within-1h");

    // Reports keep being asked for while the file is swapped.
    let stop = false;
    let answered = 0;
    const failures: string[] = [];
    const reports = (async () => {
      while (!stop) {
        const r = await admin.get(`/api/sites/${site.id}/reports/library`);
        if (r.status === 200) answered++;
        else failures.push(`${r.status} ${JSON.stringify(r.body)}`);
      }
    })();
    const job = retentionJobOf(server.app)!;
    assert.equal(await job.compact(), true, "the requested compaction ran");
    assert.equal(await job.compact(), false, "and is not repeated");
    stop = true;
    await reports;
    assert.deepEqual(failures, [], "no report failed during the compaction");
    assert.ok(answered > 0);

    assert.ok(!dbHolds(dataDir, gone), "after: the erased visitor is in neither file nor WAL");
    assert.ok(dbHolds(dataDir, kept), "the kept visitor is found by the same search");
    // Collection and storage go on, on the new file.
    const later = `v_later_${rand()}`;
    await send(later);
    await store.flush();
    const [n] = await store.db.query("SELECT count(*) AS n FROM events WHERE visitor = $v", {
      v: later,
    });
    assert.equal(Number(n?.n), 1);
  } finally {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
