import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import {
  DeliveryWorker,
  enqueueSummaries,
  idempotencyKey,
  KLAVIYO_METRIC,
  klaviyo,
  SecretBox,
  saveIntegration,
  verdictOf,
} from "../src/index.ts";
import { FAST_WORKER, openStore, SITE, summaries, until } from "./support/helpers.ts";
import { listen } from "./support/http.ts";
import { KlaviyoReceiver } from "./support/klaviyo-receiver.ts";

describe("Klaviyo Events API", async () => {
  const receiver = new KlaviyoReceiver();
  const server = await listen(receiver.handle);
  const store = await openStore();
  const box = SecretBox.open(null, {});
  const worker = new DeliveryWorker(
    store.outbox,
    box,
    (id) => store.config.getIntegration(id),
    FAST_WORKER,
  );
  const config = (over: Record<string, unknown> = {}) =>
    klaviyo.validate({ apiKey: receiver.apiKey, baseUrl: server.url, ...over });
  const opts = { now: Date.now(), timeoutMs: 5000 };
  after(async () => {
    await worker.stop();
    await server.close();
    await store.close();
  });

  test("Create Event: documented headers and JSON:API body, 202 accepted", async () => {
    const [s] = summaries(1, { session: "direct-1" });
    const r = await klaviyo.send(s!, "shop-1:direct-1:kl", config(), opts);
    assert.equal(r.status, 202, r.body);
    const e = receiver.events.get("shop-1:direct-1:kl")!;
    assert.deepEqual(e.metric, { data: { type: "metric", attributes: { name: KLAVIYO_METRIC } } });
    assert.deepEqual(e.profile, {
      data: { type: "profile", attributes: { email: "buyer0@example.com" } },
    });
    assert.equal(e.time, new Date(s!.endedAt).toISOString());
    assert.equal(e.value, 129.5);
    const p = e.properties as Record<string, unknown>;
    assert.equal(p.segment, "converted");
    assert.deepEqual(p.persisted_segments, s!.persistedSegments);
    assert.equal(p.stage, "post-purchase");
  });

  test("hashed identified ids go as external_id; anonymous sessions are not sent", async () => {
    const [s] = summaries(1, { session: "direct-2", identified: "ab12", identifiedHashed: true });
    const r = await klaviyo.send(s!, "k-hashed", config(), opts);
    assert.equal(r.status, 202);
    assert.deepEqual(receiver.events.get("k-hashed")!.profile, {
      data: { type: "profile", attributes: { external_id: "ab12" } },
    });
    assert.equal(klaviyo.accepts({ ...s!, identified: null }, config()), false);
  });

  test("the receiver holds Klaviyo's contract: no key 401, no revision 400, bad body 400", async () => {
    const [s] = summaries(1, { session: "direct-3" });
    const bad = await klaviyo.send(s!, "k-bad", config({ apiKey: "pk_wrong" }), opts);
    assert.equal(bad.status, 401);
    assert.match(bad.body, /not_authenticated/);
    assert.equal(verdictOf(bad.status), "dead");
    const noRevision = await fetch(`${server.url}/api/events`, {
      method: "POST",
      headers: {
        authorization: `Klaviyo-API-Key ${receiver.apiKey}`,
        accept: "application/vnd.api+json",
        "content-type": "application/vnd.api+json",
      },
      body: "{}",
    });
    assert.equal(noRevision.status, 400);
    // A profile without an identifier is refused with a JSON:API error pointer.
    const anon = await klaviyo.send({ ...s!, identified: null }, "k-anon", config(), opts);
    assert.equal(anon.status, 400);
    assert.match(anon.body, /\/data\/attributes\/profile/);
  });

  test("429 with Retry-After and 5xx are retried; every event recorded once", async () => {
    await saveIntegration(store, box, {
      id: "kl-1",
      site: SITE,
      kind: "klaviyo",
      name: "Klaviyo",
      config: { apiKey: receiver.apiKey, baseUrl: server.url },
    });
    receiver.burst = 3;
    receiver.fail5xx = 2;
    const list = summaries(10);
    assert.equal(await enqueueSummaries(store, box, list, Date.now()), 10);
    worker.start();
    const keys = list.map((s) => idempotencyKey(SITE, s.session, "kl-1"));
    await until(() => keys.every((k) => receiver.events.has(k)), "all 10 events");
    await until(
      async () =>
        (await store.outbox.list({ destination: "kl-1", status: "delivered" })).length === 10,
      "settled",
    );
    assert.ok(receiver.statuses.includes(429), "the burst limit was hit");
    assert.ok(receiver.statuses.includes(503));
    assert.equal(receiver.duplicates, 0);
    const [m] = await store.outbox.metrics(Date.now(), SITE);
    assert.equal(m!.delivered, 10);
    assert.ok(m!.retried >= 3, `retried ${m!.retried}`);
    assert.equal(m!.dead, 0);
  });
});
