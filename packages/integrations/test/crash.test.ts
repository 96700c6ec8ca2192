import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { after, describe, test } from "node:test";
import { enqueueSummaries, idempotencyKey } from "../src/enqueue.ts";
import { deliverPending, SecretBox } from "../src/index.ts";
import {
  FAST_WORKER,
  openStore,
  SITE,
  summaries,
  tempDir,
  testSecret,
  until,
} from "./support/helpers.ts";
import { listenHook, saveHook } from "./support/hook.ts";

const CHILD = new URL("./support/deliver-child.ts", import.meta.url).pathname;
const SECRET = testSecret("crash");
const N = 30;

describe("process killed mid-delivery", () => {
  const tmp = tempDir();
  after(() => tmp.cleanup());

  test("kill -9 during sends, restart from the same data folder: nothing lost", {
    timeout: 120_000,
  }, async () => {
    const hook = await listenHook(SECRET);
    const { receiver, server } = hook;
    receiver.delayMs = 150; // slow: sends are in flight when the process dies
    after(() => server.close());

    // Summaries committed to the outbox, then the store closed (as a server would have).
    let store = await openStore(tmp.dir);
    let box = SecretBox.open(tmp.dir);
    await saveHook(store, box, hook, SECRET);
    const list = summaries(N);
    assert.equal(await enqueueSummaries(store, box, list, Date.now()), N);
    await store.close();

    const child = spawn(
      process.execPath,
      ["--import", import.meta.resolve("tsx"), CHILD, tmp.dir],
      {
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    const exited = new Promise((r) => child.once("exit", r));
    await new Promise<void>((r) =>
      createInterface({ input: child.stdout! }).once("line", () => r()),
    );
    await until(() => receiver.accepted.size >= 5 && receiver.openKeys.size > 0, "sends in flight");
    const inFlight = new Set(receiver.openKeys);
    child.kill("SIGKILL");
    await exited;
    // The dying process's requests may still complete at the receiver: let them.
    await until(() => receiver.open === 0, "receiver idle");
    const before = new Map(receiver.counts);

    store = await openStore(tmp.dir);
    box = SecretBox.open(tmp.dir);
    const settled = new Set((await store.outbox.list({ status: "delivered" })).map((m) => m.key));
    assert.ok(settled.size < N, "the crash interrupted delivery");
    for (const k of inFlight) assert.ok(!settled.has(k), "an unanswered send was not marked");

    receiver.delayMs = 0;
    assert.equal(
      await deliverPending(store, box, { worker: FAST_WORKER, timeoutMs: 60_000 }),
      true,
    );
    const keys = list.map((s) => idempotencyKey(SITE, s.session, "wh-1"));
    // Nothing lost.
    assert.deepEqual([...receiver.accepted.keys()].sort(), [...keys].sort());
    assert.equal((await store.outbox.list({ status: "delivered" })).length, N);
    // Sent again after the restart: only what was not recorded as delivered, including every
    // send that was in flight at the crash — always under the same idempotency key.
    const resent = keys.filter((k) => (receiver.counts.get(k) ?? 0) > (before.get(k) ?? 0));
    for (const k of resent) assert.ok(!settled.has(k), `${k} was delivered and sent again`);
    for (const k of inFlight) assert.ok(resent.includes(k), `${k} (in flight) was not retried`);
    assert.ok(receiver.duplicates <= N - settled.size);
    for (const [k, summary] of receiver.accepted) assert.ok(k.endsWith(`:${summary.session}:wh-1`));
    await store.close();
  });
});
