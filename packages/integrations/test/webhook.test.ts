import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { after, describe, test } from "node:test";
import {
  DeliveryWorker,
  enqueueSummaries,
  idempotencyKey,
  SecretBox,
  saveIntegration,
  signatureHeader,
  verifySignature,
  webhook,
  webhookBody,
} from "../src/index.ts";
import { FAST_WORKER, openStore, SITE, summaries, until } from "./support/helpers.ts";
import { listen } from "./support/http.ts";
import { verify, WebhookReceiver } from "./support/webhook-receiver.ts";

const SECRET = "whsec_0123456789abcdef";

describe("webhook signatures (the README recipe)", () => {
  const [summary] = summaries(1);
  const body = webhookBody(summary!, "k1");

  test("a receiver following the recipe accepts a genuine request", () => {
    const header = signatureHeader(SECRET, body);
    assert.match(header, /^t=\d+,v1=[0-9a-f]{64}$/);
    assert.equal(verify(SECRET, header, body), true);
    assert.deepEqual(verifySignature(SECRET, header, body), { ok: true });
    // v1 is HMAC-SHA256(secret, "<t>.<body>") in hex, as documented.
    const t = header.slice(2, header.indexOf(","));
    const mac = createHmac("sha256", SECRET).update(`${t}.${body}`).digest("hex");
    assert.equal(header, `t=${t},v1=${mac}`);
  });

  test("a tampered body, a wrong secret and an old timestamp are rejected", () => {
    const header = signatureHeader(SECRET, body);
    const tampered = body.replace('"revenue":129.5', '"revenue":1129.5');
    assert.notEqual(tampered, body);
    assert.equal(verify(SECRET, header, tampered), false);
    assert.equal(verify("another-secret-value", header, body), false);
    const old = signatureHeader(SECRET, body, Date.now() - 10 * 60_000);
    assert.equal(verify(SECRET, old, body), false);
    assert.deepEqual(verifySignature(SECRET, old, body), {
      ok: false,
      reason: "timestamp too old",
    });
    assert.equal(verifySignature(SECRET, header, tampered).ok, false);
    assert.equal(verifySignature(SECRET, undefined, body).ok, false);
  });

  test("several v1 values (secret rotation): any match is enough", () => {
    const header = signatureHeader(SECRET, body);
    const rotated = `${header},v1=${"0".repeat(64)}`;
    assert.equal(verify(SECRET, rotated, body), true);
    assert.equal(verifySignature(SECRET, rotated, body).ok, true);
  });
});

describe("webhook delivery", async () => {
  const store = await openStore();
  const box = SecretBox.open(null, {});
  const receiver = new WebhookReceiver(SECRET);
  const server = await listen(receiver.handle);
  const worker = new DeliveryWorker(
    store.outbox,
    box,
    (id) => store.config.getIntegration(id),
    FAST_WORKER,
  );
  after(async () => {
    await worker.stop();
    await server.close();
    await store.close();
  });

  test("signed POSTs with the idempotency key; the segment filter applies", async () => {
    await saveIntegration(store, box, {
      id: "wh-1",
      site: SITE,
      kind: "webhook",
      name: "Hook",
      config: { url: `${server.url}/hooks/intently`, secret: SECRET, segments: ["converted"] },
    });
    const buyers = summaries(4);
    const browsers = summaries(2, {
      segment: "focused-browsers",
      persistedSegments: ["focused-browsers"],
      customSegments: [],
    }).map((s, i) => ({ ...s, session: `b-${i}` }));
    assert.equal(await enqueueSummaries(store, box, [...buyers, ...browsers], Date.now()), 4);
    worker.start();
    await until(() => receiver.accepted.size === 4, "4 deliveries");
    await until(
      async () => (await store.outbox.list({ status: "delivered" })).length === 4,
      "settled",
    );
    assert.deepEqual(
      [...receiver.accepted.keys()].sort(),
      buyers.map((s) => idempotencyKey(SITE, s.session, "wh-1")).sort(),
    );
    assert.deepEqual(receiver.refused, []);
    assert.equal(receiver.duplicates, 0);
    assert.equal(receiver.accepted.get(idempotencyKey(SITE, "s-2", "wh-1"))?.session, "s-2");
  });

  test("the connector's filter in isolation", () => {
    const c = webhook.validate({ url: "https://x.test", secret: SECRET, segments: ["high-value"] });
    const [s] = summaries(1);
    assert.equal(webhook.accepts(s!, c), true);
    assert.equal(webhook.accepts({ ...s!, customSegments: [], persistedSegments: [] }, c), false);
  });
});
