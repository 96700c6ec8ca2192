import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import fc from "fast-check";
import { klaviyo } from "../src/connectors/klaviyo.ts";
import { enqueueSummaries, idempotencyKey } from "../src/enqueue.ts";
import { SecretBox, saveIntegration } from "../src/index.ts";
import { RateLimiter } from "../src/rate-limiter.ts";
import {
  backoffMs,
  checkRetryPolicy,
  DEFAULT_RETRY,
  maxAttempts,
  minRetrySpanMs,
  rateLimitState,
  retryAfterMs,
  verdictOf,
} from "../src/retry.ts";
import { openStore, SITE, summaries, testSecret } from "./support/helpers.ts";

const SECRET = testSecret("policy");

describe("delivery policy", () => {
  test("verdicts: 2xx delivered; 429 throttled; 408, 5xx, no answer retried; other 4xx and 3xx dead", () => {
    for (const s of [200, 202, 204]) assert.equal(verdictOf(s), "delivered");
    assert.equal(verdictOf(429), "throttled");
    for (const s of [0, 408, 500, 502, 503, 504]) assert.equal(verdictOf(s), "retry");
    for (const s of [301, 400, 401, 403, 404, 409, 410, 413, 415, 422])
      assert.equal(verdictOf(s), "dead");
  });

  test("the default schedule spans at least 24 h (Standard Webhooks' table), under GA4's 72 h", () => {
    const p = DEFAULT_RETRY;
    assert.equal(maxAttempts(p), 9);
    assert.ok(minRetrySpanMs(p) >= 24 * 3_600_000, `${minRetrySpanMs(p) / 3_600_000} h`);
    const longest = p.schedule.reduce((a, d) => a + d, 0) * (1 + p.jitter);
    assert.ok(longest < 72 * 3_600_000, `${longest / 3_600_000} h`);
    // The delays, once the lowest and once the highest jitter, as documented.
    const lo = p.schedule.map((_, i) => backoffMs(i + 1, p, () => 0));
    const hi = p.schedule.map((_, i) => backoffMs(i + 1, p, () => 1));
    assert.deepEqual(
      lo,
      p.schedule.map((d) => Math.round(d * 0.9)),
    );
    assert.deepEqual(
      hi,
      p.schedule.map((d) => Math.round(d * 1.1)),
    );
    assert.equal(backoffMs(maxAttempts(p), p), null, "after the last attempt: a dead letter");
    assert.equal(
      p.schedule.reduce((a, d) => a + d, 0),
      ((51 * 60 + 35) * 60 + 5) * 1000,
    );
  });

  test("delays stay within the jitter of the schedule (any policy)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 10 ** 9 }), { minLength: 1, maxLength: 20 }),
        fc.double({ min: 0, max: 0.99, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (schedule, jitter, r) => {
          const p = { schedule, jitter };
          return schedule.every((d, i) => {
            const got = backoffMs(i + 1, p, () => r)!;
            return got >= Math.floor(d * (1 - jitter)) && got <= Math.ceil(d * (1 + jitter));
          });
        },
      ),
    );
    assert.throws(() => checkRetryPolicy({ schedule: [1, -1], jitter: 0 }), /schedule/);
    assert.throws(() => checkRetryPolicy({ schedule: [1], jitter: 1 }), /jitter/);
  });

  test("Retry-After as seconds or an HTTP date, capped; RateLimit-Remaining/-Reset", () => {
    assert.equal(retryAfterMs("2"), 2000);
    assert.equal(retryAfterMs(null), null);
    assert.equal(retryAfterMs("soon"), null);
    const now = Date.UTC(2026, 0, 1);
    assert.equal(retryAfterMs(new Date(now + 5000).toUTCString(), now), 5000);
    assert.equal(retryAfterMs("999999"), 60 * 60_000);
    assert.deepEqual(rateLimitState("12", "30"), { remaining: 12, resetMs: 30_000 });
    assert.equal(rateLimitState("12", undefined), null);
    assert.equal(rateLimitState("-1", "3"), null);
  });
});

/** Sends a limiter allows when asked every `stepMs` for `ms`, with a simulated clock. */
function saturate(limiter: RateLimiter, ms: number, stepMs = 1): number[] {
  const sent: number[] = [];
  for (let t = 0; t <= ms; t += stepMs) while (limiter.take(t)) sent.push(t);
  return sent;
}

/** The most sends in any closed window [t, t + windowMs]. */
function maxInWindow(sent: number[], windowMs: number): number {
  let max = 0;
  let j = 0;
  for (let i = 0; i < sent.length; i++) {
    while (sent[j]! < sent[i]! - windowMs) j++;
    max = Math.max(max, i - j + 1);
  }
  return max;
}

describe("rate limiter", () => {
  test("Klaviyo's limits (350/s burst, 3,500/min steady) hold in every sliding window", () => {
    const sent = saturate(new RateLimiter(klaviyo.rate, 0), 5 * 60_000);
    const perMinute = maxInWindow(sent, 60_000);
    const perSecond = maxInWindow(sent, 1000);
    // Figures for the report: the old token bucket let 3,829 through in the first minute.
    console.log(
      `klaviyo: max ${perMinute} in any 60 s, ${perSecond} in any 1 s, ${sent.length} in 5 min`,
    );
    assert.ok(perMinute <= 3500, `${perMinute} in a minute`);
    assert.ok(perSecond <= 350, `${perSecond} in a second`);
    assert.ok(sent.length >= 5 * 3400, "and the quota is used, not wasted");
  });

  test("any limit: never more than burst in 1 s nor perMinute in 60 s (fast-check)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 1, max: 400 }),
        fc.option(fc.integer({ min: 1, max: 3000 }), { nil: undefined }),
        fc.integer({ min: 1, max: 400 }),
        (perSecond, burst, perMinute, stepMs) => {
          const limit = { perSecond, burst, perMinute };
          const sent = saturate(new RateLimiter(limit, 0), 150_000, stepMs);
          const cap = perMinute ?? perSecond * 60;
          return maxInWindow(sent, 1000) <= burst && maxInWindow(sent, 60_000) <= cap;
        },
      ),
      { numRuns: 40 },
    );
  });

  test("429: the account waits for Retry-After, else doubling from 1 s; RateLimit-* bound sends", () => {
    const l = new RateLimiter({ perSecond: 100, burst: 100 }, 0);
    assert.equal(l.throttled(0, 5000, null), 5000);
    assert.equal(l.take(4999), false);
    assert.equal(l.waitMs(4000), 1000);
    assert.equal(l.take(5000), true);
    l.answered(null, 5100); // a success ends the series of 429s
    assert.equal(l.throttled(6000, null, null), 1000);
    assert.equal(l.throttled(7000, null, null), 2000);
    assert.equal(l.throttled(9000, null, { remaining: 0, resetMs: 7000 }), 7000);
    l.answered({ remaining: 2, resetMs: 10_000 }, 20_000);
    assert.deepEqual([l.take(20_000), l.take(20_000), l.take(20_000)], [true, true, false]);
    assert.equal(l.waitMs(20_000), 10_000);
    assert.equal(l.take(30_000), true, "the receiver's window has reset");
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
      config: { url: "http://127.0.0.1:9/x", secret: SECRET },
    });
    await saveIntegration(store, box, {
      id: "wh-none",
      site: SITE,
      kind: "webhook",
      name: "filtered",
      config: { url: "http://127.0.0.1:9/x", secret: SECRET, segments: ["nope"] },
    });
    await saveIntegration(store, box, {
      id: "wh-off",
      site: SITE,
      kind: "webhook",
      name: "disabled",
      enabled: false,
      config: { url: "http://127.0.0.1:9/x", secret: SECRET },
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
