import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import {
  backoffMs,
  DEFAULT_RETRY,
  enqueueSummaries,
  idempotencyKey,
  retryAfterMs,
  SecretBox,
  saveIntegration,
  TokenBucket,
  verdictOf,
} from "../src/index.ts";
import { openStore, SITE, summaries } from "./support/helpers.ts";

describe("delivery policy", () => {
  test("verdicts: 2xx delivered; 408, 429, 5xx, no answer retried; other 4xx and 3xx dead", () => {
    for (const s of [200, 202, 204]) assert.equal(verdictOf(s), "delivered");
    for (const s of [0, 408, 429, 500, 502, 503, 504]) assert.equal(verdictOf(s), "retry");
    for (const s of [301, 400, 401, 403, 404, 409, 410, 413, 415, 422])
      assert.equal(verdictOf(s), "dead");
  });

  test("exponential back-off with full jitter stays within [0, min(cap, base·2^(n−1)))", () => {
    const p = DEFAULT_RETRY;
    for (let attempt = 1; attempt <= 20; attempt++) {
      const cap = Math.min(p.maxMs, p.baseMs * 2 ** (attempt - 1));
      assert.equal(
        backoffMs(attempt, p, () => 0),
        0,
      );
      assert.equal(
        backoffMs(attempt, p, () => 0.999999),
        Math.floor(0.999999 * cap),
      );
      const d = backoffMs(attempt, p);
      assert.ok(d >= 0 && d < cap);
    }
    assert.equal(
      backoffMs(30, p, () => 0.5),
      p.maxMs / 2,
    );
  });

  test("Retry-After as seconds or an HTTP date, capped", () => {
    assert.equal(retryAfterMs("2"), 2000);
    assert.equal(retryAfterMs(null), null);
    assert.equal(retryAfterMs("soon"), null);
    const now = Date.UTC(2026, 0, 1);
    assert.equal(retryAfterMs(new Date(now + 5000).toUTCString(), now), 5000);
    assert.equal(retryAfterMs("999999"), 60 * 60_000);
  });

  test("token bucket: burst, refill, pause", () => {
    const b = new TokenBucket({ perSecond: 10, burst: 3 }, 0);
    assert.deepEqual([b.take(0), b.take(0), b.take(0), b.take(0)], [true, true, true, false]);
    assert.equal(b.waitMs(0), 100);
    assert.equal(b.take(100), true);
    assert.equal(b.take(100), false);
    b.pauseUntil(5000);
    assert.equal(b.take(4999), false);
    assert.equal(b.waitMs(4000), 1000);
    assert.equal(b.take(5000), true);
  });
});

describe("outbox", async () => {
  const store = await openStore();
  const box = SecretBox.open(null);
  after(() => store.close());

  test("enqueue commits one message per accepted destination; keys are idempotent", async () => {
    await saveIntegration(store, box, {
      id: "wh-all",
      site: SITE,
      kind: "webhook",
      name: "all",
      config: { url: "http://127.0.0.1:9/x", secret: "0123456789abcdef" },
    });
    await saveIntegration(store, box, {
      id: "wh-none",
      site: SITE,
      kind: "webhook",
      name: "filtered",
      config: { url: "http://127.0.0.1:9/x", secret: "0123456789abcdef", segments: ["nope"] },
    });
    await saveIntegration(store, box, {
      id: "wh-off",
      site: SITE,
      kind: "webhook",
      name: "disabled",
      enabled: false,
      config: { url: "http://127.0.0.1:9/x", secret: "0123456789abcdef" },
    });
    const list = [...summaries(3), ...summaries(1, { session: "bot-1", bot: true })];
    assert.equal(await enqueueSummaries(store, box, list, 1000), 3);
    assert.equal(await enqueueSummaries(store, box, list, 2000), 0, "same keys again: nothing");
    const all = await store.outbox.list({ site: SITE });
    assert.deepEqual(
      all.map((m) => m.key),
      [0, 1, 2].map((i) => idempotencyKey(SITE, `s-${i}`, "wh-all")),
    );
    assert.equal(JSON.parse(all[0]!.payload).session, "s-0");
    const [m] = await store.outbox.metrics(11_000, SITE);
    assert.deepEqual(m, {
      site: SITE,
      destination: "wh-all",
      pending: 3,
      delivered: 0,
      retried: 0,
      dead: 0,
      lagMs: 10_000,
    });
  });

  test("settle, metrics (delivered, retried, dead, lag) and replay", async () => {
    const [k0, k1, k2] = [0, 1, 2].map((i) => idempotencyKey(SITE, `s-${i}`, "wh-all")) as [
      string,
      string,
      string,
    ];
    await store.outbox.settle(k0, { kind: "delivered", at: 3000, status: 200 });
    await store.outbox.settle(k1, {
      kind: "retry",
      at: 3000,
      nextAt: 9000,
      status: 503,
      error: "x",
    });
    await store.outbox.settle(k2, { kind: "dead", at: 3000, status: 422, error: "no" });
    assert.deepEqual(
      (await store.outbox.due(5000, 10)).map((m) => m.key),
      [],
    );
    assert.deepEqual(
      (await store.outbox.due(9000, 10)).map((m) => m.key),
      [k1],
    );
    assert.equal(await store.outbox.nextDueAt(), 9000);
    const [m] = await store.outbox.metrics(11_000, SITE);
    assert.deepEqual(
      [m!.pending, m!.delivered, m!.retried, m!.dead, m!.lagMs],
      [1, 1, 1, 1, 10_000],
    );
    assert.equal(await store.outbox.replay({ site: SITE, destination: "wh-all" }, 12_000), 1);
    const back = await store.outbox.get(k2);
    assert.deepEqual([back!.status, back!.attempts, back!.nextAt], ["pending", 0, 12_000]);
    // A settled message is never settled again (a late answer after a replay-less delivery).
    await store.outbox.settle(k0, { kind: "dead", at: 4000, status: 500, error: "late" });
    assert.equal((await store.outbox.get(k0))!.status, "delivered");
  });
});
