/**
 * An erasure cut short right after its tombstone (issue 22): the next start finishes it from
 * the pending file, whether or not the visitor's batches are still in the log (they may have
 * been pruned long ago): the store's rows and the export files of the days the sessions ended.
 */
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { exportDay } from "@intently/integrations";
import type { DuckDbStore } from "@intently/store";
import { endLiveSessions } from "../src/api/privacy/end-sessions.ts";
import { createCollectorPlugin } from "../src/collector/index.ts";
import { rewriteSegments } from "../src/collector/log-rewrite.ts";
import { PENDING_FILE, Tombstones } from "../src/collector/tombstones.ts";
import {
  makeBatch,
  post,
  SITE,
  startCollector,
  tempDir,
  uid,
} from "./support-collector/helpers.ts";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function crashAfterTombstone(prune: boolean) {
  const dataDir = tempDir();
  const folder = mkdtempSync(join(tmpdir(), "gap-exports-"));
  const plugin = createCollectorPlugin();
  const A = { visitor: uid("v_a"), session: uid("s_a") };
  const B = { visitor: uid("v_b"), session: uid("s_b") };
  const first = await startCollector(plugin, dataDir);
  const store = first.server.ctx.store as DuckDbStore;
  await store.config.saveIntegration({
    id: "ex",
    site: SITE.id,
    kind: "export",
    name: "x",
    config: { folder, formats: ["csv"] },
    enabled: true,
  });
  for (const who of [A, B]) assert.equal((await post(first.url, makeBatch(who))).status, 200);
  await sleep(1200);
  endLiveSessions(first.server.ctx, (s) => s.site === SITE.id);
  await store.flush();
  const [d] = await store.db.query(
    "SELECT strftime(make_timestamp(ended_at*1000),'%Y-%m-%d') AS d FROM sessions LIMIT 1",
  );
  const path = (await exportDay(store, SITE.id, String(d!.d), folder, "csv")).path;
  assert.ok(readFileSync(path, "utf8").includes(A.visitor));
  await first.server.close();
  const logDir = join(dataDir, "log");
  if (prune) await rewriteSegments(logDir, Number.MAX_SAFE_INTEGER, (r) => r.visitor === A.visitor); // as if pruned
  const t = new Tombstones(logDir);
  t.add(SITE.id, [A.visitor]);
  // What Collector.tombstone leaves: the tombstone and the pending erasure naming its target.
  t.setPending(true, [{ site: SITE.id, visitor: A.visitor }]);
  const second = await startCollector(plugin, dataDir);
  const deadline = Date.now() + 10_000;
  while (existsSync(join(logDir, PENDING_FILE)) && Date.now() < deadline) await sleep(50);
  const [ev] = await (second.server.ctx.store as DuckDbStore).db.query(
    "SELECT count(*) AS n FROM events WHERE visitor = $v",
    { v: A.visitor },
  );
  const csvHasA = readFileSync(path, "utf8").includes(A.visitor);
  await second.server.close();
  return { pending: existsSync(join(logDir, PENDING_FILE)), eventsOfA: Number(ev!.n), csvHasA };
}

test("crash after tombstone, A in log: exports rewritten at next start", async () => {
  const r = await crashAfterTombstone(false);
  assert.equal(r.csvHasA, false, "export file still holds A");
  assert.equal(r.pending, false);
});
test("crash after tombstone, A's batches already pruned from log: store erased at next start", async () => {
  const r = await crashAfterTombstone(true);
  assert.equal(r.eventsOfA, 0, "events still hold A");
  assert.equal(r.csvHasA, false, "export file still holds A");
  assert.equal(r.pending, false);
});
