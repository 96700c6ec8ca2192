import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { after, describe, test } from "node:test";
import fc from "fast-check";
import { Webhook } from "standardwebhooks";
import { post } from "../src/connectors/http.ts";
import { webhook, webhookBody } from "../src/connectors/webhook.ts";
import { enqueueSummaries, idempotencyKey } from "../src/enqueue.ts";
import { SecretBox, saveIntegration } from "../src/index.ts";
import {
  generateSecret,
  newSecretProblem,
  signedHeaders,
  verifySignature,
  webhookId,
} from "../src/signature.ts";
import { DeliveryWorker } from "../src/worker.ts";
import { FAST_WORKER, openStore, SITE, summaries, testSecret, until } from "./support/helpers.ts";
import { listen } from "./support/http.ts";
import { verifierOf, WebhookReceiver } from "./support/webhook-receiver.ts";

const SECRET = testSecret("webhook");
/** A secret of the old scheme (any ≥ 16 characters), as stored by earlier installs. */
const LEGACY = "legacy-secret-0123456789";

describe("Standard Webhooks signatures", () => {
  const [summary] = summaries(1);
  const body = webhookBody(summary!, "shop-1:s-0:wh-1");
  const library = (secret: string, headers: Record<string, string>, b = body) => {
    try {
      verifierOf(secret).verify(b, headers);
      return true;
    } catch {
      return false;
    }
  };

  test("verifies with the standardwebhooks package; the signature is the specification's", () => {
    const now = Date.now();
    const h = signedHeaders(SECRET, "shop-1:s-0:wh-1", body, now);
    assert.deepEqual(Object.keys(h).sort(), [
      "webhook-id",
      "webhook-signature",
      "webhook-timestamp",
    ]);
    assert.equal(library(SECRET, h), true);
    assert.deepEqual(new Webhook(SECRET).verify(body, h), JSON.parse(body));
    // v1,<base64 HMAC-SHA256(base64-decoded secret, "<id>.<timestamp>.<body>")>, by hand.
    const key = Buffer.from(SECRET.slice("whsec_".length), "base64");
    const t = Math.floor(now / 1000);
    assert.equal(h["webhook-timestamp"], String(t));
    const mac = createHmac("sha256", key)
      .update(`${h["webhook-id"]}.${t}.${body}`)
      .digest("base64");
    assert.equal(h["webhook-signature"], `v1,${mac}`);
    assert.deepEqual(verifySignature(SECRET, h, body), { ok: true });
  });

  test("the id is one per message (same on every attempt), without '.', from the outbox key", () => {
    const a = signedHeaders(SECRET, "shop-1:s-0:wh-1", body, Date.now());
    const b = signedHeaders(SECRET, "shop-1:s-0:wh-1", body, Date.now() + 60_000);
    assert.equal(a["webhook-id"], b["webhook-id"]);
    assert.notEqual(webhookId("shop-1:s-0:wh-1"), webhookId("shop-1:s-1:wh-1"));
    fc.assert(
      fc.property(fc.string(), (k) => /^msg_[A-Za-z0-9_-]{27}$/.test(webhookId(k))),
      { numRuns: 200 },
    );
  });

  test("a tampered body, another secret, an old timestamp and a missing header are refused", () => {
    const h = signedHeaders(SECRET, "k", body, Date.now());
    assert.equal(library(SECRET, h, body.replace('"s-0"', '"s-9"')), false);
    assert.equal(library(testSecret("other"), h), false);
    assert.equal(
      library(SECRET, signedHeaders(SECRET, "k", body, Date.now() - 10 * 60_000)),
      false,
    );
    const { "webhook-id": _, ...noId } = h;
    assert.equal(library(SECRET, noId), false);
    assert.deepEqual(verifySignature(SECRET, noId, body).ok, false);
    assert.equal(verifySignature(SECRET, h, `${body} `).ok, false);
  });

  test("rotation: any of several space-separated signatures may match", () => {
    const h = signedHeaders(SECRET, "k", body, Date.now());
    const rotated = { ...h, "webhook-signature": `v1,${"A".repeat(44)} ${h["webhook-signature"]}` };
    assert.equal(library(SECRET, rotated), true);
    assert.equal(verifySignature(SECRET, rotated, body).ok, true);
  });

  test("new secrets: whsec_ + base64 of 24–64 bytes; generated ones are valid", () => {
    for (let i = 0; i < 20; i++) assert.equal(newSecretProblem(generateSecret()), null);
    assert.equal(newSecretProblem(`whsec_${Buffer.alloc(24).toString("base64")}`), null);
    assert.equal(newSecretProblem(`whsec_${Buffer.alloc(64).toString("base64")}`), null);
    for (const bad of [
      `whsec_${Buffer.alloc(23).toString("base64")}`, // too short
      `whsec_${Buffer.alloc(65).toString("base64")}`, // too long
      "whsec_not base64 at all!!!!!!!!!!!!!!!!",
      Buffer.alloc(32).toString("base64"), // no prefix
      LEGACY,
    ])
      assert.match(newSecretProblem(bad) ?? "", /^secret must be "whsec_"/, bad);
  });

  test("an old secret still signs (raw bytes, verifiable with format raw) and keeps its old header", () => {
    const now = Date.now();
    const h = signedHeaders(LEGACY, "k", body, now);
    assert.equal(library(LEGACY, h), true);
    const t = Math.floor(now / 1000);
    const hex = createHmac("sha256", LEGACY).update(`${t}.${body}`).digest("hex");
    assert.equal(h["X-Intently-Signature"], `t=${t},v1=${hex}`);
    assert.equal(h["X-Intently-Idempotency-Key"], "k");
    assert.ok(!("X-Intently-Signature" in signedHeaders(SECRET, "k", body, now)));
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

  test("POSTs verified by the standardwebhooks package; the segment filter applies", async () => {
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

  test("the receiver refuses each mutation of a genuine request, one field at a time", async () => {
    const [s] = summaries(1, { session: "mut" });
    const key = idempotencyKey(SITE, "mut", "wh-1");
    const body = webhookBody(s!, key);
    const genuine = () => ({
      "content-type": "application/json",
      ...signedHeaders(SECRET, key, body, Date.now()),
    });
    const send = (headers: Record<string, string>, b = body) =>
      post(`${server.url}/hooks/intently`, headers, b, 5000, true);
    const mutations: [string, (h: Record<string, string>) => [Record<string, string>, string?]][] =
      [
        ["no webhook-id", ({ "webhook-id": _, ...h }) => [h]],
        ["another webhook-id", (h) => [{ ...h, "webhook-id": webhookId("other") }]],
        ["no webhook-timestamp", ({ "webhook-timestamp": _, ...h }) => [h]],
        [
          "timestamp 10 min old",
          (h) => [{ ...h, "webhook-timestamp": String(Math.floor(Date.now() / 1000) - 600) }],
        ],
        ["no webhook-signature", ({ "webhook-signature": _, ...h }) => [h]],
        [
          "signed with another secret",
          () => [
            { "content-type": "application/json", ...signedHeaders(testSecret("x"), key, body) },
          ],
        ],
        [
          "v1a instead of v1",
          (h) => [{ ...h, "webhook-signature": h["webhook-signature"]!.replace("v1,", "v1a,") }],
        ],
        ["one byte of the body", (h) => [h, body.replace('"mut"', '"muu"')]],
        ["body re-serialised with spaces", (h) => [h, JSON.stringify(JSON.parse(body), null, 1)]],
      ];
    for (const [name, mutate] of mutations) {
      const [h, b] = mutate(genuine());
      const r = await send(h, b);
      assert.equal(r.status, 401, name);
    }
    assert.equal(receiver.accepted.has(key), false);
    assert.equal((await send(genuine())).status, 200, "the genuine request");
    assert.equal(receiver.accepted.has(key), true);
  });

  test("the connector's filter in isolation", () => {
    const c = webhook.validate({ url: "https://x.test", secret: SECRET, segments: ["high-value"] });
    const [s] = summaries(1);
    assert.equal(webhook.accepts(s!, c), true);
    assert.equal(webhook.accepts({ ...s!, customSegments: [], persistedSegments: [] }, c), false);
  });
});

describe("an install whose secret predates whsec_ ones", async () => {
  const store = await openStore();
  const box = SecretBox.open(null, {});
  const receiver = new WebhookReceiver(LEGACY);
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
  const url = `${server.url}/hook`;
  const save = (secret: string, to = url) =>
    saveIntegration(store, box, {
      id: "wh-old",
      site: SITE,
      kind: "webhook",
      name: "Old",
      config: { url: to, secret },
    });

  test("keeps delivering (raw-key signatures verify); only a new secret must be whsec_", async () => {
    // Stored as an earlier version did: sealed, never checked against the new rule.
    await store.config.saveIntegration({
      id: "wh-old",
      site: SITE,
      kind: "webhook",
      name: "Old",
      config: { url, secret: box.seal(LEGACY, "wh-old"), segments: [] },
      enabled: true,
    });
    assert.equal(await enqueueSummaries(store, box, summaries(2), Date.now()), 2);
    worker.start();
    await until(() => receiver.accepted.size === 2, "2 deliveries");
    assert.deepEqual(receiver.refused, []);
    // Saved again keeping it, or sending the same one again (a moved URL needs it): accepted.
    await save("[redacted]");
    await save(LEGACY, `${url}/v2`);
    // A different secret typed in must be a Standard Webhooks one.
    await assert.rejects(save("another-legacy-secret-0000"), /secret must be "whsec_"/);
    await save(SECRET);
  });
});
