/**
 * Issue 23, item 2: a full disk under the collector's log. A real small disk — a 4 MB tmpfs
 * mounted for the test (root only; skipped with the reason otherwise) — holds the log; a filler
 * file fills it. While it is full, collect answers 503 and /readyz fails, with one error line;
 * once the filler is gone the log recovers by itself (no restart) and the refused batches are
 * accepted when the tag retries them. Then the disk fills again and the server stops while it
 * is full, so its last checkpoint cannot be written: the next start finds the sessions that
 * ended at the stop in the store and does not revive them, and the store holds each session and
 * each event once (its writes are idempotent by key) with rollups equal to a rebuild's.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import {
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  rmSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { DuckDbStore } from "@intently/store";
import { collectorOf, createCollectorPlugin } from "../src/collector/index.ts";
import {
  addToCart,
  type BatchBody,
  makeBatch,
  post,
  productView,
  SITE,
  startCollector,
  type TestServer,
  tempDir,
} from "./support-collector/helpers.ts";

const DISK_BYTES = 4 << 20;

/** Mounts a tmpfs of `bytes` at a new directory, or says why it cannot. */
function mountSmallDisk(bytes: number): { dir: string } | { skip: string } {
  if (process.platform !== "linux") return { skip: "needs Linux (tmpfs)" };
  if (process.getuid?.() !== 0) return { skip: "needs root to mount a tmpfs" };
  const dir = mkdtempSync(join(tmpdir(), "intently-small-disk-"));
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", `size=${bytes}`, "tmpfs", dir], {
      stdio: "pipe",
    });
    return { dir };
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    return { skip: `mount -t tmpfs refused: ${(e as Error).message.split("\n")[0]}` };
  }
}

/** Writes a file until the disk refuses more (ENOSPC); returns its path. */
function fill(dir: string): string {
  const path = join(dir, "filler");
  const fd = openSync(path, "w");
  const chunk = Buffer.alloc(64 << 10, 7);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (e) {
    assert.equal((e as NodeJS.ErrnoException).code, "ENOSPC");
  } finally {
    closeSync(fd);
  }
  return path;
}

interface Readiness {
  ready: boolean;
  checks: Record<"log" | "store" | "engine", { ok: boolean; reason?: string }>;
}

async function readyz(t: TestServer): Promise<{ status: number; body: Readiness }> {
  const r = await fetch(`${t.server.url}/readyz`);
  return { status: r.status, body: (await r.json()) as Readiness };
}

async function until(what: string, check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Three batches of one session: each with a page view and a cart add, later each time. */
function sessionBatches(): BatchBody[] {
  const first = makeBatch();
  const now = Date.now();
  return [0, 1, 2].map((i) =>
    i === 0
      ? first
      : makeBatch({
          visitor: first.visitor,
          session: first.session,
          context: undefined,
          events: [productView(now - 900 + i * 200, `SKU${i}`), addToCart(now - 800 + i * 200)],
        }),
  );
}

const disk = mountSmallDisk(DISK_BYTES);

describe("collector: a full disk under the log", {
  skip: "skip" in disk ? disk.skip : false,
}, () => {
  const mount = "dir" in disk ? disk.dir : "";
  const dataDir = tempDir();
  const logDir = join(mount, "log");
  const lines: string[] = [];
  const plugin = createCollectorPlugin({
    logDir,
    // No checkpoint but the one at shutdown: the restart below then records every batch again.
    checkpointEveryMs: 3_600_000,
    log: { retryMinMs: 20, retryMaxMs: 100 },
  });
  const start = () =>
    startCollector(plugin, dataDir, {
      logLevel: "info",
      logStream: { write: (l: string) => void lines.push(l) },
    });
  /** Batches answered 200 (each once), by batch id. */
  const accepted = new Map<string, BatchBody>();
  let t: TestServer | null = null;

  before(() => mkdirSync(logDir, { recursive: true }));
  after(async () => {
    await t?.server.close();
    try {
      execFileSync("umount", [mount], { stdio: "pipe" });
    } finally {
      rmSync(mount, { recursive: true, force: true });
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  const send = async (b: BatchBody) => {
    const a = await post(t!.url, b);
    if (a.status === 200) {
      assert.equal(a.headers.get("intently-duplicate"), null, "a refused batch was not kept");
      accepted.set(b.batch, b);
    }
    return a;
  };
  const errorLines = () => lines.filter((l) => l.includes("collector log cannot append"));
  const recoveredLines = () => lines.filter((l) => l.includes("collector log recovered"));

  test("503 and not ready while full; recovers by itself once space is freed", async () => {
    t = await start();
    const batches = Array.from({ length: 20 }, sessionBatches).flat();
    for (const b of batches.slice(0, 9)) assert.equal((await send(b)).status, 200);
    assert.equal((await readyz(t)).status, 200);

    const filler = fill(mount);
    // The segment's last page may still take a few records: send until the log refuses; from
    // then on every batch is refused.
    const refused: BatchBody[] = [];
    for (const b of batches.slice(9)) {
      const a = await send(b);
      if (a.status === 200 && refused.length === 0) continue;
      assert.equal(a.status, 503);
      // The batch whose write failed, then the refusals before the body is read.
      const why =
        refused.length === 0 ? ["log unavailable", "ENOSPC"] : ["overloaded", "log-failed"];
      assert.deepEqual([a.body.error, a.body.reason], why);
      assert.ok(Number(a.headers.get("retry-after")) > 0);
      refused.push(b);
      if (refused.length === 5) break;
    }
    assert.equal(refused.length, 5, "the log refused batches while full");
    const notReady = await readyz(t);
    assert.equal(notReady.status, 503);
    assert.equal(notReady.body.checks.log.ok, false);
    assert.match(notReady.body.checks.log.reason ?? "", /ENOSPC/);
    // Still full after several probes: still refused, and the error was logged once.
    await new Promise((r) => setTimeout(r, 300));
    assert.equal((await send(refused[0]!)).status, 503);
    assert.equal((await readyz(t)).status, 503);
    assert.equal(errorLines().length, 1, "one error line for the change of state");
    const line = JSON.parse(errorLines()[0]!) as { level: string; err: { code: string } };
    assert.equal(line.level, "error");
    assert.equal(line.err.code, "ENOSPC");

    unlinkSync(filler);
    await until("readiness", async () => (await readyz(t!)).status === 200);
    assert.equal(recoveredLines().length, 1);
    // The tag retries what was refused: each is accepted now, as a new batch.
    for (const b of refused) assert.equal((await send(b)).status, 200);
    assert.equal((await send(makeBatch())).status, 200);
    assert.equal(errorLines().length, 1);
  });

  test("a stop while full, then a restart: no session or event is stored twice", async () => {
    const more = Array.from({ length: 3 }, sessionBatches);
    for (const s of more) for (const b of s) assert.equal((await send(b)).status, 200);
    const filler = fill(mount);
    let refused = 0;
    for (const b of Array.from({ length: 10 }, sessionBatches).flat()) {
      if ((await send(b)).status === 503) refused++;
      if (refused === 2) break;
    }
    assert.equal(refused, 2);
    // The last checkpoint (and its `ended` mark) cannot be written; the store has every row.
    await t!.server.close();
    t = null;
    unlinkSync(filler);

    t = await start();
    const recovery = collectorOf(t.server.app)!.recovery;
    assert.equal(recovery.checkpoint, 0, "no checkpoint was ever written");
    // The store holds every session as ended after its last batch: none is revived or recorded
    // again (its page views would count twice: collector-restart-page-views.test.ts).
    assert.equal(recovery.recorded, 0, "no batch recorded again");
    assert.equal(recovery.sessions, 0, "no ended session revived");
    await t.server.close();
    t = null;

    const sessions = new Set([...accepted.values()].map((b) => b.session));
    const events = [...accepted.values()].reduce((n, b) => n + b.events.length, 0);
    const store = await DuckDbStore.open(dataDir);
    try {
      const q = (sql: string) => store.db.query(sql);
      const [counts] = await q(`SELECT count(*) AS n, count(DISTINCT session) AS d FROM sessions`);
      assert.equal(counts!.n, sessions.size, "one row per session");
      assert.equal(counts!.d, sessions.size);
      const [ev] = await q(`SELECT count(*) AS n FROM events WHERE site = '${SITE.id}'`);
      assert.equal(ev!.n, events, "each accepted event once");
      const twice = await q(
        `SELECT session, t, type FROM events GROUP BY ALL HAVING count(*) > 1 LIMIT 5`,
      );
      assert.deepEqual(twice, []);
      const intervals = await q(
        `SELECT session, segment, entered_at FROM intervals GROUP BY ALL HAVING count(*) > 1`,
      );
      assert.deepEqual(intervals, [], "no interval twice");
      // Replaced sessions took their rollups with them: the same figures as a rebuild.
      const rollup = () =>
        q(`SELECT segment, sum(sessions)::BIGINT AS s, sum(orders)::BIGINT AS o
           FROM segment_daily GROUP BY segment HAVING sum(sessions) <> 0 ORDER BY segment`);
      const incremental = await rollup();
      await store.rebuildRollups();
      assert.deepEqual(incremental, await rollup());
    } finally {
      await store.close();
    }
  });
});

const whole = mountSmallDisk(24 << 20);
const DIRECT_ROWS = 5000;

describe("collector: the whole data folder on a disk that fills", {
  skip: "skip" in whole ? whole.skip : false,
}, () => {
  const mount = "dir" in whole ? whole.dir : "";
  let t: TestServer | null = null;
  after(async () => {
    await t?.server.close().catch(() => {});
    try {
      execFileSync("umount", [mount], { stdio: "pipe" });
    } finally {
      rmSync(mount, { recursive: true, force: true });
    }
  });

  test("the store's failed writes are kept and written once space is freed", async () => {
    const dataDir = join(mount, "data");
    mkdirSync(dataDir);
    t = await startCollector(
      createCollectorPlugin({ checkpointEveryMs: 100, log: { retryMinMs: 20, retryMaxMs: 100 } }),
      dataDir,
    );
    let accepted = 0;
    const send = async () => {
      const a = await post(t!.url, makeBatch());
      if (a.status === 200) accepted++;
      return a.status;
    };
    for (let i = 0; i < 10; i++) assert.equal(await send(), 200);
    const filler = fill(mount);
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) statuses.push(await send());
    assert.equal(statuses.at(-1), 503);
    // The store's writes fail too (DuckDB's WAL): rows recorded now (more than the WAL's last
    // page holds) wait in its buffer.
    const store = t.server.ctx.store as DuckDbStore;
    const now = Date.now();
    const direct = Array.from({ length: DIRECT_ROWS }, (_, i) => ({
      site: SITE.id,
      session: "s-direct",
      visitor: "v-direct",
      t: now + i,
      type: "page_view",
      pageUrl: `https://shop.example/p/${i}`,
      pageType: "product",
      items: null,
      value: null,
      data: JSON.stringify({ note: "x".repeat(200), i }),
      bot: false,
    }));
    store.writeEvents(direct);
    await assert.rejects(store.flush(), /No space left on device/);
    assert.ok(store.pendingRows() >= DIRECT_ROWS, "kept in the buffer");
    assert.equal((await readyz(t)).status, 503);
    unlinkSync(filler);
    await until("readiness", async () => (await readyz(t!)).status === 200);
    for (let i = 0; i < 5; i++) assert.equal(await send(), 200);
    await store.flush();
    const [ev] = await store.db.query(
      "SELECT count(*) AS n, count(DISTINCT (session, t, type)) AS d FROM events",
    );
    const n = accepted * 2 + DIRECT_ROWS;
    assert.deepEqual(ev, { n, d: n }, "every accepted event, once");
  });
});
