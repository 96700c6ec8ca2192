import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { after, describe, test } from "node:test";
import { F, STAGES, type Stage } from "@intently/engine";
import { collectorOf, readLog } from "../src/collector/index.ts";
import {
  makeBatch,
  post,
  SITE,
  startCollector,
  type TestServer,
  tempDir,
} from "./support-collector/helpers.ts";
import { Load } from "./support-collector/load.ts";

const SERVE = new URL("./support-collector/serve.ts", import.meta.url).pathname;
const SESSIONS = 16;
const ACKS_BEFORE_KILL = 200;

function spawnServer(dataDir: string): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(
    process.execPath,
    [
      "--import",
      import.meta.resolve("tsx"),
      SERVE,
      "--data-dir",
      dataDir,
      "--port",
      "0",
      "--site-id",
      SITE.id,
      "--site-key",
      SITE.publicKey,
      "--origins",
      SITE.allowedOrigins.join(","),
    ],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`server exited with ${code}`)));
    createInterface({ input: child.stdout! }).once("line", (line) => {
      resolve({ child, port: (JSON.parse(line) as { port: number }).port });
    });
  });
}

const until = async (ok: () => boolean) => {
  while (!ok()) await new Promise((r) => setTimeout(r, 20));
};

describe("collector: kill -9 under load, then restart", () => {
  const dataDir = tempDir();
  let restarted: TestServer | null = null;
  after(async () => {
    await restarted?.stop();
  });

  test("every acknowledged batch is in the log and the sessions resume", {
    timeout: 120_000,
  }, async () => {
    const { child, port } = await spawnServer(dataDir);
    const exited = new Promise((r) => child.once("exit", r));
    const load = new Load(`http://127.0.0.1:${port}/v1/collect`, SESSIONS);
    load.start();
    await until(() => load.ackedBatches >= ACKS_BEFORE_KILL);
    child.kill("SIGKILL");
    await exited;
    await load.stop();

    // 1. Every acknowledged batch is durable.
    const logged = new Map<string, number>();
    const eventsOf = new Map<string, number>();
    for (const { record: r } of readLog(join(dataDir, "log"))) {
      if (r.k !== "b") continue;
      logged.set(r.batch, (logged.get(r.batch) ?? 0) + 1);
      eventsOf.set(r.session, (eventsOf.get(r.session) ?? 0) + r.events.length);
    }
    let acked = 0;
    for (const s of load.sessions) {
      for (const a of s.acked) {
        acked++;
        assert.equal(logged.get(a.batch), 1, `acknowledged batch ${a.batch} in the log once`);
      }
    }
    assert.ok(acked >= ACKS_BEFORE_KILL);

    // 2. A restart on the same data dir recovers the sessions from the log.
    restarted = await startCollector(undefined, dataDir);
    const { host } = restarted.server.ctx;
    const recovery = collectorOf(restarted.server.app)!.recovery;
    assert.ok(recovery.sessions >= SESSIONS, `recovered ${recovery.sessions} sessions`);
    for (const s of load.sessions) {
      const state = host.engine.get(SITE.id, s.session);
      assert.ok(state, `session ${s.session} is live again`);
      const ackedEvents = s.acked.reduce((n, a) => n + a.events, 0);
      assert.equal(state.n[F.Events], eventsOf.get(s.session));
      assert.ok(state.n[F.Events]! >= ackedEvents);
    }

    // 3. A new batch continues each session (counters, stage, memberships), not a new one.
    for (const s of load.sessions) {
      const before = host.engine.get(SITE.id, s.session)!.n[F.Events]!;
      const b = makeBatch({
        visitor: s.visitor,
        session: s.session,
        events: [{ type: "scroll", t: Date.now(), depth: 99 }],
      });
      const r = await post(restarted.url, b);
      assert.equal(r.status, 200);
      assert.equal(host.engine.get(SITE.id, s.session)!.n[F.Events], before + 1);
      const pre = s.last!;
      assert.ok(
        STAGES.indexOf(r.body.stage as Stage) >= STAGES.indexOf(pre.stage as Stage),
        `stage ${pre.stage} → ${r.body.stage}`,
      );
      for (const id of pre.persisted as string[])
        assert.ok((r.body.persisted as string[]).includes(id), `${id} still persisted`);
    }

    // 4. A retry of a batch acknowledged before the crash (the same body, sent again with a
    // new sentAt, as the tag does) is recognised as applied.
    const s0 = load.sessions[0]!;
    const retry = { ...s0.acked[0]!.body, sentAt: Date.now() };
    const eventsBefore = host.engine.get(SITE.id, s0.session)!.n[F.Events];
    const r = await post(restarted.url, retry);
    assert.equal(r.status, 200);
    assert.equal(r.headers.get("intently-duplicate"), "1");
    assert.equal(host.engine.get(SITE.id, s0.session)!.n[F.Events], eventsBefore);
  });
});
