/**
 * The scheduled retention job on a real server over a DuckDB data folder: each site loses the
 * rows (and outbox messages) older than its own retention and keeps the newer ones; a failing
 * site is logged and the others still run; the job stops with the server.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { ingestSimulation } from "@intently/demo-data";
import { DAY_MS, DuckDbStore, type Store } from "@intently/store";
import { type RunningServer, startServer } from "../src/index.ts";
import { RetentionJob, retentionJobOf, retentionPlugin } from "../src/retention.ts";

const NOW = Date.now();
const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

type Db = DuckDbStore["db"];
type SiteData = Awaited<ReturnType<typeof siteData>>;

/**
 * Sites a (30 days) and b (90 days), each with 120 days of sessions and old and new messages;
 * returns the data folder and what each site holds.
 */
async function seed(): Promise<{ dir: string; before: { a: SiteData; b: SiteData } }> {
  const dir = mkdtempSync(join(tmpdir(), "intently-retention-"));
  dirs.push(dir);
  const store = await DuckDbStore.open(dir);
  try {
    await store.config.createWorkspace({ id: "w", name: "W" });
    for (const [id, days] of [
      ["a", 30],
      ["b", 90],
    ] as const) {
      await store.config.createSite({
        id,
        workspaceId: "w",
        name: id,
        publicKey: `pk_${id}`,
        settings: { retentionDays: days },
      });
      await ingestSimulation({
        store,
        site: id,
        sessions: 240,
        seed: id === "a" ? 1 : 2,
        days: 120,
        start: NOW - 120 * DAY_MS,
        segments: [],
      });
      const msg = (n: number) => ({
        key: `${id}:s-${n}:wh`,
        site: id,
        destination: "wh",
        payload: JSON.stringify({ site: id, session: `s-${n}`, visitor: `v-${n}` }),
      });
      await store.outbox.enqueue([msg(1)], NOW - 100 * DAY_MS); // pending, too old for both
      await store.outbox.enqueue([msg(2)], NOW - 60 * DAY_MS); // dead letter: a's goes
      await store.outbox.settle(`${id}:s-2:wh`, { kind: "dead", at: NOW, status: 0, error: "x" });
      await store.outbox.enqueue([msg(3)], NOW - DAY_MS); // recent: kept
    }
    await store.flush();
    return { dir, before: { a: await siteData(store.db, "a"), b: await siteData(store.db, "b") } };
  } finally {
    await store.close();
  }
}

const dbOf = (server: RunningServer) => (server.ctx.store as DuckDbStore).db;

/** Oldest rows of a site, in days before NOW, and its row counts. */
async function siteData(db: Db, site: string) {
  const [r] = await db.query(
    `SELECT (SELECT min(started_at) FROM sessions WHERE site = $site) AS oldest,
       (SELECT count(*) FROM sessions WHERE site = $site) AS sessions,
       (SELECT count(*) FROM events WHERE site = $site) AS events,
       (SELECT min(t) FROM events WHERE site = $site) AS first_event,
       (SELECT min(session_start) FROM intervals WHERE site = $site) AS first_interval,
       (SELECT min(day) FROM page_views WHERE site = $site) AS first_day`,
    { site },
  );
  const days = (t: unknown) => (NOW - Number(t)) / DAY_MS;
  return {
    oldestDays: days(r!.oldest),
    firstEventDays: days(r!.first_event),
    firstIntervalDays: days(r!.first_interval),
    firstPageDays: days(Number(r!.first_day) * DAY_MS),
    sessions: Number(r!.sessions),
    events: Number(r!.events),
  };
}

const outboxKeys = async (store: Store) => (await store.outbox.list()).map((m) => m.key).sort();

test("the job applies each site's own retention soon after start, and stops on close", async () => {
  const { dir, before } = await seed();
  const lines: string[] = [];
  let ran!: () => void;
  const firstRun = new Promise<void>((r) => {
    ran = r;
  });
  const server = await startServer({ dataDir: dir, port: 0, retentionEveryMs: 3_600_000 }, [
    retentionPlugin({
      firstRunMs: 10,
      log: (line) => {
        lines.push(line);
        ran();
      },
      warn: (line) => lines.push(line),
    }),
  ]);
  try {
    await firstRun;
    assert.ok(before.a.oldestDays > 100 && before.b.oldestDays > 100, "120 days of history");
    assert.ok(before.a.firstPageDays > 100, "page rollups too");
    const a = await siteData(dbOf(server), "a");
    const b = await siteData(dbOf(server), "b");
    // a keeps 30 days: older rows went, newer stayed.
    assert.ok(a.oldestDays <= 30 && a.firstEventDays <= 30 && a.firstIntervalDays <= 30, "a");
    assert.ok(a.firstPageDays <= 31, "page rollups go by whole days");
    assert.ok(a.sessions > 0 && a.sessions < before.a.sessions && a.events < before.a.events);
    // b keeps 90 days: it still has rows 30-90 days old that a's setting would have removed.
    assert.ok(b.oldestDays <= 90 && b.oldestDays > 30, `b oldest ${b.oldestDays}`);
    assert.ok(b.sessions < before.b.sessions && b.sessions > a.sessions);
    // The aggregates reports read lost the old sessions too.
    const totals = (site: string, fromDays: number, toDays: number) =>
      server.ctx.store.queries.frameworkTotals({
        site,
        from: NOW - fromDays * DAY_MS,
        to: NOW - toDays * DAY_MS,
      });
    assert.equal((await totals("a", 121, 31)).total.sessions, 0);
    assert.equal((await totals("b", 121, 91)).total.sessions, 0);
    assert.ok((await totals("b", 89, 31)).total.sessions > 0);
    // The outbox: a loses its 60-day-old dead letter, b keeps its own; 100-day-old ones go.
    assert.deepEqual(await outboxKeys(server.ctx.store), ["a:s-3:wh", "b:s-2:wh", "b:s-3:wh"]);

    assert.equal(lines.length, 1, lines.join("\n"));
    const gone = (site: string) =>
      before[site as "a" | "b"].sessions - (site === "a" ? a : b).sessions;
    assert.match(lines[0]!, /^retention: 2 site\(s\) in \d+ ms, removed events=\d+ sessions=\d+/);
    assert.ok(lines[0]!.includes(`a: events=${before.a.events - a.events}`), lines[0]);
    assert.ok(lines[0]!.includes(`sessions=${gone("a")}`), lines[0]);
    assert.ok(lines[0]!.includes(`b: events=${before.b.events - b.events}`), lines[0]);
    assert.ok(lines[0]!.includes("outbox=3"), "a: 2 messages, b: 1");
  } finally {
    await server.close();
  }
  // Stopped: no timer left.
  const job = retentionJobOf(server.app)!;
  assert.equal((job as unknown as { timer: unknown }).timer, null);
});

test("runs repeat every period; a failing site is logged and the others still run", async () => {
  const { dir } = await seed();
  const logs: string[] = [];
  const warnings: string[] = [];
  const server = await startServer({ dataDir: dir, port: 0 }, []);
  try {
    // The server's store, with site a's deletes failing.
    const store = Object.create(server.ctx.store) as Store;
    store.deleteBefore = (site, cutoff) =>
      site === "a"
        ? Promise.reject(new Error("disk on fire"))
        : server.ctx.store.deleteBefore(site, cutoff);
    const job = new RetentionJob(store, {
      everyMs: 30,
      firstRunMs: 0,
      log: (l) => logs.push(l),
      warn: (l) => warnings.push(l),
    });
    job.start();
    while (logs.length < 2) await new Promise((r) => setTimeout(r, 10));
    await job.stop();
    const runs = logs.length;
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(logs.length, runs, "no run after stop");

    assert.deepEqual(warnings.slice(0, 2), [
      "retention: site a failed: disk on fire",
      "retention: site a failed: disk on fire",
    ]);
    assert.match(logs[0]!, /\(b: events=\d+ .*\); failed: a$/);
    assert.match(
      logs[1]!,
      /removed events=0 sessions=0 intervals=0 pageViews=0 outbox=0 logBatches=0 exportFiles=0; failed: a$/,
    );
    assert.ok((await siteData(dbOf(server), "a")).oldestDays > 100, "a untouched");
    assert.ok((await siteData(dbOf(server), "b")).oldestDays <= 90, "b done");
  } finally {
    await server.close();
  }
});

test("retentionEveryMs 0 disables the schedule", async () => {
  let runs = 0;
  const server = await startServer({ dataDir: null, port: 0, retentionEveryMs: 0 }, [
    retentionPlugin({ firstRunMs: 0, log: () => runs++ }),
  ]);
  await new Promise((r) => setTimeout(r, 50));
  await server.close();
  assert.equal(runs, 0);
  assert.equal((retentionJobOf(server.app) as unknown as { timer: unknown }).timer, null);
});

test("by default a run's line is a JSON log line of the server, never bare standard output", async () => {
  const { dir } = await seed();
  const logged: string[] = [];
  const stdout: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
    stdout.push(String(chunk));
    return write(chunk, ...rest);
  }) as typeof process.stdout.write;
  const server = await startServer(
    {
      dataDir: dir,
      port: 0,
      retentionEveryMs: 3_600_000,
      logLevel: "info",
      logStream: { write: (line) => logged.push(line) },
    },
    [retentionPlugin({ firstRunMs: 10 })],
  );
  try {
    const job = retentionJobOf(server.app)!;
    await job.run();
  } finally {
    await server.close();
    process.stdout.write = write;
  }
  const line = logged.map((l) => JSON.parse(l) as { level: string; msg: string });
  assert.ok(
    line.some((l) => l.level === "info" && /^retention: 2 site\(s\)/.test(l.msg)),
    JSON.stringify(line),
  );
  assert.ok(!stdout.some((s) => s.startsWith("retention:")), stdout.join(""));
});
