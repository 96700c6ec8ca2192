import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import {
  DeliveryWorker,
  enqueueSummaries,
  GA4_EVENT,
  ga4,
  ga4Payload,
  pseudoClientId,
  SecretBox,
  saveIntegration,
} from "../src/index.ts";
import { Ga4Receiver, validateMp } from "./support/ga4-receiver.ts";
import { FAST_WORKER, openStore, SITE, summaries, until } from "./support/helpers.ts";
import { listen } from "./support/http.ts";

describe("GA4 Measurement Protocol", async () => {
  const receiver = new Ga4Receiver();
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
    ga4.validate({
      measurementId: receiver.measurementId,
      apiSecret: receiver.apiSecret,
      baseUrl: server.url,
      ...over,
    });
  const now = Date.now();
  after(async () => {
    await worker.stop();
    await server.close();
    await store.close();
  });

  test("the payload passes the validation server: names, limits, client_id from the GA cookie", async () => {
    const [s] = summaries(1);
    const body = ga4Payload(s!, GA4_EVENT, now);
    assert.deepEqual(validateMp(body), []);
    assert.equal(body.client_id, "1234567890.1700000000");
    assert.equal(body.user_id, undefined, "an unhashed id is PII: no user_id");
    assert.equal(body.timestamp_micros, s!.endedAt * 1000);
    const r = await ga4.send(s!, "k", config(), { now, timeoutMs: 5000, test: true });
    assert.equal(r.status, 200);
    assert.deepEqual(JSON.parse(r.body), { validationMessages: [] });
    assert.equal(r.verdict, undefined);
    assert.equal(receiver.collected.length, 0, "a test send stops at the validation server");
  });

  test("no GA cookie: a stable pseudo client id from the visitor; hashed ids become user_id", () => {
    const [s] = summaries(1, {
      gaClientId: null,
      identified: "f".repeat(64),
      identifiedHashed: true,
    });
    const body = ga4Payload(s!, GA4_EVENT, now);
    assert.equal(body.client_id, pseudoClientId(s!.visitor));
    assert.match(String(body.client_id), /^\d+\.\d+$/);
    assert.equal(pseudoClientId("v-0"), pseudoClientId("v-0"));
    assert.notEqual(pseudoClientId("v-0"), pseudoClientId("v-1"));
    assert.equal(body.user_id, "f".repeat(64));
    // Long lists are cut to GA's 100-character values; old sessions lose timestamp_micros.
    const long = ga4Payload(
      { ...s!, persistedSegments: Array(40).fill("segment-x") },
      GA4_EVENT,
      s!.endedAt + 80 * 3_600_000,
    );
    assert.deepEqual(validateMp(long), []);
    assert.equal(long.timestamp_micros, undefined);
  });

  test("the validation server's messages make a bad configuration a dead letter", async () => {
    const [s] = summaries(1);
    const bad = config({ eventName: "session_start" });
    const r = await ga4.send(s!, "k", bad, { now, timeoutMs: 5000, test: true });
    assert.equal(r.status, 200);
    assert.equal(r.verdict, "dead");
    assert.match(r.body, /NAME_RESERVED/);
    // Collect itself says 2xx to anything — the reason the validation mode exists.
    const silent = await ga4.send(s!, "k", bad, { now, timeoutMs: 5000 });
    assert.equal(silent.status, 204);
    assert.equal(receiver.dropped, 1);
  });

  test("delivery to /mp/collect through the outbox; 5xx retried", async () => {
    await saveIntegration(store, box, {
      id: "ga-1",
      site: SITE,
      kind: "ga4",
      name: "GA4",
      config: {
        measurementId: receiver.measurementId,
        apiSecret: receiver.apiSecret,
        baseUrl: server.url,
        validate: true,
      },
    });
    receiver.fail5xx = 2;
    const list = summaries(5);
    assert.equal(await enqueueSummaries(store, box, list, Date.now()), 5);
    worker.start();
    await until(() => receiver.collected.length === 5, "5 hits collected");
    await until(
      async () =>
        (await store.outbox.list({ destination: "ga-1", status: "delivered" })).length === 5,
      "settled",
    );
    assert.ok(receiver.debugCalls >= 5, "validated first");
    const sessions = receiver.collected.map(
      (b) => (b.events as { params: Record<string, unknown> }[])[0]!.params.intently_session,
    );
    assert.deepEqual(sessions.sort(), list.map((s) => s.session).sort());
  });
});
