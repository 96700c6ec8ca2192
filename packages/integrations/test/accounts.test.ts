/**
 * Rate limits per vendor account (issue 18): two Klaviyo integrations with one private key share
 * one quota, another key has its own; a receiver's RateLimit-Remaining: 0 holds every send of
 * the account until RateLimit-Reset. Real worker, real HTTP, a plain receiver that records when
 * each request came and with which key (the Klaviyo request contract is klaviyo.test.ts's).
 */
import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import { enqueueSummaries } from "../src/enqueue.ts";
import { SecretBox, saveIntegration } from "../src/index.ts";
import { accountOf, DeliveryWorker } from "../src/worker.ts";
import { FAST_WORKER, openStore, SITE, summaries, until } from "./support/helpers.ts";
import { listen, type Reply, type Req } from "./support/http.ts";

const KEY_A = "pk_account_a_0123456789";
const KEY_B = "pk_account_b_0123456789";

/** The most requests in any closed window [t, t + ms]. */
function maxInWindow(times: number[], ms: number): number {
  const t = [...times].sort((a, b) => a - b);
  let max = 0;
  let j = 0;
  for (let i = 0; i < t.length; i++) {
    while (t[j]! < t[i]! - ms) j++;
    max = Math.max(max, i - j + 1);
  }
  return max;
}

describe("rate limits per vendor account", async () => {
  const store = await openStore();
  const box = SecretBox.open(null, {});
  const seen: { key: string; at: number }[] = [];
  let answer: (r: Req) => Reply = () => ({ status: 202 });
  const server = await listen((r) => {
    seen.push({ key: String(r.headers.authorization).split(" ").pop()!, at: Date.now() });
    return answer(r);
  });
  const worker = new DeliveryWorker(store.outbox, box, (id) => store.config.getIntegration(id), {
    ...FAST_WORKER,
    concurrency: 16,
  });
  after(async () => {
    await worker.stop();
    await server.close();
    await store.close();
  });
  const save = (id: string, apiKey: string) =>
    saveIntegration(store, box, {
      id,
      site: SITE,
      kind: "klaviyo",
      name: id,
      // 5 sends in any 1 s per account: small enough to see in a test.
      config: { apiKey, baseUrl: server.url, rateLimit: { perSecond: 5, burst: 5 } },
    });

  test("the account is a hash of kind, base URL and key: equal keys share, the key is not in it", () => {
    const a = accountOf("klaviyo", ["apiKey"], { apiKey: KEY_A, baseUrl: "https://a.klaviyo.com" });
    const a2 = accountOf("klaviyo", ["apiKey"], {
      apiKey: KEY_A,
      baseUrl: "https://a.klaviyo.com",
      metricName: "Other metric",
    });
    const b = accountOf("klaviyo", ["apiKey"], { apiKey: KEY_B, baseUrl: "https://a.klaviyo.com" });
    assert.equal(a, a2);
    assert.notEqual(a, b);
    assert.ok(!a.includes(KEY_A) && a.length === 22);
  });

  test("two destinations with one key share 5/s; a third with another key has its own 5/s", async () => {
    await save("kl-1", KEY_A);
    await save("kl-2", KEY_A);
    await save("kl-3", KEY_B);
    assert.equal(await enqueueSummaries(store, box, summaries(15), Date.now()), 45);
    worker.start();
    await until(() => seen.length >= 45, "45 sends", 60_000);
    const of = (k: string) => seen.filter((s) => s.key === k).map((s) => s.at);
    const a = maxInWindow(of(KEY_A), 1000);
    const b = maxInWindow(of(KEY_B), 1000);
    console.log(`max per 1 s: key A (2 destinations) ${a}, key B (1 destination) ${b}`);
    // Arrival times, not send times: on a loaded machine one request sent at the end of a second
    // can arrive with the next second's five, so a window may hold one more than the limit.
    assert.ok(a <= 6, `key A: ${a} sends in one second (per destination it would be 10)`);
    assert.ok(b <= 6, `key B: ${b}`);
    assert.equal(of(KEY_A).length, 30);
    // The rate itself: after a burst of 5, 25 more at 5/s take at least 5 s for the account of
    // key A (2.5 s if each destination had its own 5/s), and 10 more take 2 s for key B.
    const span = (ts: number[]) => Math.max(...ts) - Math.min(...ts);
    assert.ok(span(of(KEY_A)) >= 4_500, `key A: 30 sends in ${span(of(KEY_A))} ms`);
    assert.ok(span(of(KEY_B)) >= 1_800, `key B: 15 sends in ${span(of(KEY_B))} ms`);
  });

  test("RateLimit-Remaining: 0 holds the account's sends until RateLimit-Reset; others go on", async () => {
    await worker.stop();
    // One send at a time, so every later request leaves after the first answer is read.
    const serial = new DeliveryWorker(store.outbox, box, (id) => store.config.getIntegration(id), {
      ...FAST_WORKER,
      concurrency: 1,
    });
    seen.length = 0;
    let answeredAt = 0;
    answer = (r) => {
      if (answeredAt || !String(r.headers.authorization).endsWith(KEY_A)) return { status: 202 };
      answeredAt = Date.now();
      return { status: 202, headers: { "ratelimit-remaining": "0", "ratelimit-reset": "2" } };
    };
    const more = summaries(3).map((s, i) => ({ ...s, session: `rl-${i}` }));
    assert.equal(await enqueueSummaries(store, box, more, Date.now()), 9);
    serial.start();
    try {
      await until(() => seen.length >= 9, "9 sends", 30_000);
    } finally {
      await serial.stop();
    }
    const a = seen.filter((s) => s.key === KEY_A && s.at > answeredAt).map((s) => s.at);
    const b = seen.filter((s) => s.key === KEY_B && s.at > answeredAt).map((s) => s.at);
    assert.equal(a.length, 5);
    assert.ok(
      a.every((t) => t >= answeredAt + 1900),
      `key A sent ${a.map((t) => t - answeredAt)} ms after the reset said 2 s`,
    );
    assert.ok(
      b.some((t) => t < answeredAt + 1900),
      "key B was not held by key A's limit",
    );
  });
});
