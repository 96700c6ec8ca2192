/**
 * An erasure cut short is finished at the next start (issue 22). Batches of visitors A and B are
 * sent, checkpointed and the server stopped gracefully; then the state a crash right after the
 * tombstone leaves behind is made on the closed data folder (A tombstoned, the pending marker
 * set, nothing else done). At the next start the collector must finish the erasure: the marker
 * goes, A's batches are in no log segment, A is in no table and not live, B is untouched, and a
 * new batch under A's id is refused with 202 {stop: "erased"} and not logged. Run with the
 * the `ended` checkpoint written at shutdown and without it (a stop whose last checkpoint was
 * lost): either way B's stored end keeps it ended. Sessions revived by recovery after a crash
 * are covered by privacy-erasure-crash.test.ts (SIGKILL).
 */
import assert from "node:assert/strict";
import { existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import { after, test } from "node:test";
import type { DuckDbStore } from "@intently/store";
import { createCollectorPlugin, readLog } from "../src/collector/index.ts";
import { PENDING_FILE, Tombstones } from "../src/collector/tombstones.ts";
import type { RunningServer } from "../src/server.ts";
import {
  makeBatch,
  post,
  SITE,
  startCollector,
  tempDir,
  uid,
} from "./support-collector/helpers.ts";

const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Batch records of a visitor in every log segment. */
function loggedBatches(dataDir: string, visitor: string): number {
  let n = 0;
  for (const { record } of readLog(join(dataDir, "log"))) {
    if (record.k === "b" && record.visitor === visitor) n++;
  }
  return n;
}

async function rowsOf(server: RunningServer, table: string, visitor: string): Promise<number> {
  const store = server.ctx.store as DuckDbStore;
  const [r] = await store.db.query(
    `SELECT count(*) AS n FROM ${table} WHERE site = $site AND visitor = $visitor`,
    { site: SITE.id, visitor },
  );
  return Number(r?.n ?? 0);
}

const liveOf = (server: RunningServer, visitor: string) =>
  [...server.ctx.host.engine.sessions()].filter((s) => s.site === SITE.id && s.visitor === visitor)
    .length;

for (const sessionsEndOnClose of [true, false]) {
  test(`an erasure cut short after its tombstone is finished at the next start (sessions ${
    sessionsEndOnClose ? "ended" : "kept live"
  } at shutdown)`, { timeout: 60_000 }, async () => {
    const dataDir = tempDir();
    dirs.push(dataDir);
    const plugin = createCollectorPlugin({ sessionsEndOnClose });
    const A = { visitor: uid("v_a"), session: uid("s_a") };
    const B = { visitor: uid("v_b"), session: uid("s_b") };

    const first = await startCollector(plugin, dataDir);
    for (let i = 0; i < 2; i++) {
      for (const who of [A, B]) {
        const r = await post(first.url, makeBatch(who));
        assert.equal(r.status, 200, JSON.stringify(r.body));
      }
    }
    await sleep(1500); // a checkpoint puts both visitors' events in the store
    assert.ok((await rowsOf(first.server, "events", A.visitor)) > 0, "A's events stored");
    await first.server.close();

    // A crash right after the tombstone: nothing else of the erasure has happened.
    const logDir = join(dataDir, "log");
    const tombstones = new Tombstones(logDir);
    tombstones.add(SITE.id, [A.visitor]);
    tombstones.setPending(true, [{ site: SITE.id, visitor: A.visitor }]);
    assert.equal(loggedBatches(dataDir, A.visitor), 2, "A's batches still in the log");

    const second = await startCollector(plugin, dataDir);
    try {
      const pending = join(logDir, PENDING_FILE);
      const deadline = Date.now() + 10_000;
      while (existsSync(pending) && Date.now() < deadline) await sleep(50);
      assert.ok(!existsSync(pending), "the pending marker is gone within 10 s");

      assert.equal(loggedBatches(dataDir, A.visitor), 0, "A's batches in no log segment");
      assert.equal(loggedBatches(dataDir, B.visitor), 2, "B's batches kept in the log");
      const s = second.server;
      for (const table of ["events", "sessions", "intervals"]) {
        assert.equal(await rowsOf(s, table, A.visitor), 0, `${table} holds A`);
      }
      assert.ok((await rowsOf(s, "events", B.visitor)) > 0, "B's events kept");
      // Without the `ended` checkpoint (the second run) recovery would once have revived B from
      // the log and ended it again; the store's own end of B, after B's last batch, now keeps it
      // ended either way (collector/stored-ends.ts), so its row is there once and it is not live.
      assert.equal(await rowsOf(s, "sessions", B.visitor), 1, "B's ended session kept, once");
      assert.equal(liveOf(s, A.visitor), 0, "A is not live");
      assert.equal(liveOf(s, B.visitor), 0, "B stays ended");

      const again = await post(second.url, makeBatch(A));
      assert.equal(again.status, 202, JSON.stringify(again.body));
      assert.equal(again.body.stop, "erased");
      assert.equal(loggedBatches(dataDir, A.visitor), 0, "the refused batch is not logged");
      assert.equal(liveOf(s, A.visitor), 0, "the refused batch starts no session");
    } finally {
      await second.server.close();
    }
  });
}
