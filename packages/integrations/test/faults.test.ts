import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import type { DuckDbStore } from "@intently/store";
import { disableIntegration } from "../src/disabled.ts";
import { enqueueSummaries, idempotencyKey } from "../src/enqueue.ts";
import { disabledOf, SecretBox, saveIntegration } from "../src/index.ts";
import { DEFAULT_WORKER, DeliveryWorker } from "../src/worker.ts";
import { openStore, SITE, summaries, testSecret, until } from "./support/helpers.ts";
import { type Listening, listen } from "./support/http.ts";
import { WebhookReceiver } from "./support/webhook-receiver.ts";

const SECRET = testSecret("faults");

/** A port that is free now (the receiver is "down": connections are refused). */
async function freePort(): Promise<number> {
  const s = await listen(() => ({ status: 200 }));
  await s.close();
  return s.port;
}

async function setup(id: string, port: number, maxAttempts: number) {
  const store = await openStore();
  const box = SecretBox.open(null, {});
  await saveIntegration(store, box, {
    id,
    site: SITE,
    kind: "webhook",
    name: id,
    config: { url: `http://127.0.0.1:${port}/hook`, secret: SECRET },
  });
  const worker = new DeliveryWorker(store.outbox, box, (i) => store.config.getIntegration(i), {
    // maxAttempts − 1 retries, 20 ms doubling up to 200 ms (the shape of the default, compressed).
    retry: {
      schedule: Array.from({ length: maxAttempts - 1 }, (_, i) => Math.min(200, 20 * 2 ** i)),
      jitter: 0.1,
    },
    pollMs: 50,
    timeoutMs: 5000,
    onGone: (destination, reason, at) => disableIntegration(store, destination, reason, at),
  });
  return { store, box, worker };
}

const count = async (store: DuckDbStore, status: "pending" | "delivered" | "dead") =>
  (await store.outbox.list({ status })).length;

describe("faults", () => {
  const cleanup: (() => Promise<void>)[] = [];
  after(async () => {
    for (const c of cleanup.reverse()) await c();
  });

  test("receiver down, then failing, then back: all delivered, none twice under one key", async () => {
    const port = await freePort();
    const { store, box, worker } = await setup("wh-down", port, 1000);
    cleanup.push(
      () => store.close(),
      () => worker.stop(),
    );
    const list = summaries(20);
    assert.equal(await enqueueSummaries(store, box, list, Date.now()), 20);
    worker.start();
    // Down: every message fails at least twice (connection refused), none is lost or dead.
    await until(
      async () => (await store.outbox.list()).every((m) => m.attempts >= 2),
      "2 failed attempts each",
    );
    assert.equal(await count(store, "dead"), 0);
    assert.equal((await store.outbox.get(idempotencyKey(SITE, "s-0", "wh-down")))!.lastStatus, 0);
    // Up but unavailable (503) for a while.
    const receiver = new WebhookReceiver(SECRET);
    receiver.mode = "unavailable";
    const server: Listening = await listen(receiver.handle, port);
    cleanup.push(() => server.close());
    await until(() => receiver.requests >= 20, "503 answers");
    assert.equal(receiver.accepted.size, 0);
    // Back.
    receiver.mode = "ok";
    await until(async () => (await count(store, "delivered")) === 20, "all delivered");
    assert.deepEqual(
      [...receiver.accepted.keys()].sort(),
      list.map((s) => idempotencyKey(SITE, s.session, "wh-down")).sort(),
    );
    assert.equal(receiver.duplicates, 0, "no key delivered twice");
    const [m] = await store.outbox.metrics(Date.now(), SITE);
    assert.deepEqual([m!.delivered, m!.dead, m!.pending, m!.lagMs], [20, 0, 0, 0]);
    assert.ok(m!.retried >= 40);
  });

  test("permanent 4xx: dead letters at once; replay after the fix delivers them", async () => {
    const receiver = new WebhookReceiver(SECRET);
    receiver.mode = "reject";
    const server = await listen(receiver.handle);
    const { store, box, worker } = await setup("wh-4xx", server.port, 10);
    cleanup.push(
      () => server.close(),
      () => store.close(),
      () => worker.stop(),
    );
    assert.equal(await enqueueSummaries(store, box, summaries(5), Date.now()), 5);
    worker.start();
    await until(async () => (await count(store, "dead")) === 5, "5 dead letters");
    const dead = await store.outbox.list({ status: "dead" });
    assert.ok(
      dead.every((d) => d.attempts === 1 && d.lastStatus === 422),
      "no retry on a permanent error",
    );
    assert.match(dead[0]!.lastError!, /HTTP 422: schema not accepted/);
    assert.equal(receiver.accepted.size, 0);
    // Fixed: replay.
    receiver.mode = "ok";
    assert.equal(await store.outbox.replay({ site: SITE, destination: "wh-4xx" }, Date.now()), 5);
    worker.kick();
    await until(async () => (await count(store, "delivered")) === 5, "replayed and delivered");
    assert.equal(receiver.accepted.size, 5);
    assert.equal(receiver.duplicates, 0);
  });

  test("retries exhausted: dead after maxAttempts; a removed destination: dead, not stuck", async () => {
    const receiver = new WebhookReceiver(SECRET);
    receiver.mode = "unavailable";
    const server = await listen(receiver.handle);
    const { store, box, worker } = await setup("wh-503", server.port, 3);
    cleanup.push(
      () => server.close(),
      () => store.close(),
      () => worker.stop(),
    );
    assert.equal(await enqueueSummaries(store, box, summaries(2), Date.now()), 2);
    worker.start();
    await until(async () => (await count(store, "dead")) === 2, "2 dead letters");
    const dead = await store.outbox.list({ status: "dead" });
    assert.ok(dead.every((d) => d.attempts === 3 && d.retries === 2 && d.lastStatus === 503));
    await store.outbox.enqueue(
      [{ key: "shop-1:x:gone", site: SITE, destination: "gone", payload: "{}" }],
      Date.now(),
    );
    worker.kick();
    await until(async () => (await store.outbox.get("shop-1:x:gone"))!.status === "dead", "gone");
    assert.equal((await store.outbox.get("shop-1:x:gone"))!.lastError, "integration removed");
  });

  test("429s use up no attempt: 6 in a row, then delivered, with 3 attempts allowed", async () => {
    const receiver = new WebhookReceiver(SECRET);
    let throttled = 0;
    const server = await listen((r) =>
      throttled++ < 6 ? { status: 429, headers: { "retry-after": "0" } } : receiver.handle(r),
    );
    const { store, box, worker } = await setup("wh-429", server.port, 3);
    cleanup.push(
      () => server.close(),
      () => store.close(),
      () => worker.stop(),
    );
    assert.equal(await enqueueSummaries(store, box, summaries(1), Date.now()), 1);
    worker.start();
    await until(async () => (await count(store, "delivered")) === 1, "delivered after the 429s");
    const [m] = await store.outbox.list({ status: "delivered" });
    assert.equal(m!.attempts, 1, "only the successful send counts as an attempt");
    assert.equal(m!.retries, 6);
    assert.equal(await count(store, "dead"), 0);
  });

  test("410 Gone: a dead letter, the integration disabled with a reason; saving re-enables it", async () => {
    const receiver = new WebhookReceiver(SECRET);
    receiver.mode = "gone";
    const server = await listen(receiver.handle);
    const { store, box, worker } = await setup("wh-410", server.port, 1000);
    cleanup.push(
      () => server.close(),
      () => store.close(),
      () => worker.stop(),
    );
    assert.equal(await enqueueSummaries(store, box, summaries(3), Date.now()), 3);
    worker.start();
    await until(async () => (await count(store, "dead")) === 3, "3 dead letters");
    const row = await store.config.getIntegration("wh-410");
    assert.equal(row!.enabled, false);
    assert.match(disabledOf(row!)!.reason, /410 Gone/);
    // Nothing is retried against a 410, and no new message is accepted for it while disabled.
    assert.ok(receiver.requests <= 3, `${receiver.requests} requests`);
    assert.equal(
      await enqueueSummaries(store, box, summaries(1, { session: "later" }), Date.now()),
      0,
    );
    const dead = await store.outbox.list({ status: "dead" });
    assert.ok(
      dead.every((d) => d.attempts === 1),
      "no retry after a 410",
    );
    // The receiver is back: saving the integration again clears the mark; replay delivers.
    receiver.mode = "ok";
    await saveIntegration(store, box, {
      id: "wh-410",
      site: SITE,
      kind: "webhook",
      name: "wh-410",
      config: { url: `http://127.0.0.1:${server.port}/hook`, secret: "[redacted]" },
    });
    const saved = await store.config.getIntegration("wh-410");
    assert.equal(saved!.enabled, true);
    assert.equal(disabledOf(saved!), null);
    assert.equal(await store.outbox.replay({ destination: "wh-410" }, Date.now()), 3);
    worker.kick();
    await until(async () => (await count(store, "delivered")) === 3, "3 delivered after replay");
  });

  test("timeout: 15 s by default; an answer later than the timeout is retried, not waited for", async () => {
    assert.equal(DEFAULT_WORKER.timeoutMs, 15_000);
    const receiver = new WebhookReceiver(SECRET);
    receiver.delayMs = 1000;
    const server = await listen(receiver.handle);
    const { store, box, worker } = await setup("wh-slow", server.port, 1000);
    const fast = new DeliveryWorker(store.outbox, box, (i) => store.config.getIntegration(i), {
      ...worker.options,
      timeoutMs: 150,
    });
    cleanup.push(
      () => server.close(),
      () => store.close(),
      () => fast.stop(),
    );
    assert.equal(await enqueueSummaries(store, box, summaries(1), Date.now()), 1);
    fast.start();
    await until(
      async () => (await store.outbox.list())[0]!.lastError === "no answer: ETIMEDOUT",
      "a timed-out attempt",
    );
    receiver.delayMs = 0;
    await until(async () => (await count(store, "delivered")) === 1, "delivered once it answers");
  });
});
