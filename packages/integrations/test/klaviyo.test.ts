import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import { KLAVIYO_METRIC, KLAVIYO_REVISION, klaviyo } from "../src/connectors/klaviyo.ts";
import { enqueueSummaries, idempotencyKey } from "../src/enqueue.ts";
import { klaviyoRevisionAge, SecretBox, saveIntegration } from "../src/index.ts";
import { sampleSummary } from "../src/tools.ts";
import { DeliveryWorker } from "../src/worker.ts";
import { editJson, type Mutation, runConnectorContract } from "./support/connector-contract.ts";
import { FAST_WORKER, openStore, SITE, summaries, until } from "./support/helpers.ts";
import { listen } from "./support/http.ts";
import {
  KLAVIYO_RELEASED_REVISIONS,
  KLAVIYO_XL,
  KlaviyoReceiver,
  revisionProblem,
} from "./support/klaviyo-receiver.ts";

type Attributes = Record<string, unknown> & {
  metric: { data: { attributes: { name: string } } };
  profile: { data: { attributes: Record<string, unknown> } };
  properties: Record<string, unknown>;
};
const attrs = (body: Record<string, unknown>) =>
  (body.data as { attributes: Attributes }).attributes;
const header =
  (name: string, value: string | null): Mutation["apply"] =>
  (r) => {
    if (value === null) delete r.headers[name];
    else r.headers[name] = value;
    return r;
  };
const attr =
  (change: (a: Attributes) => void): Mutation["apply"] =>
  (r) =>
    editJson(r, (b) => change(attrs(b)));
/** Frozen at the start of a minute: every request of a case falls in one rate window. */
const T0 = Math.floor(Date.now() / 60_000) * 60_000;

runConnectorContract<KlaviyoReceiver>({
  vendor: "Klaviyo",
  connector: klaviyo as never,
  receiver: () => new KlaviyoReceiver({ clock: () => T0 }),
  config: (url, r) => ({ apiKey: r.apiKey, baseUrl: url }),
  summary: sampleSummary(SITE, T0),
  refused: (a) => a.status >= 400,
  accepted: [
    {
      name: "accept: application/json (Klaviyo's own example)",
      apply: header("accept", "application/json"),
    },
    { name: "no accept header", apply: header("accept", null) },
    {
      name: "the trailing slash: POST /api/events/",
      apply: (r) => ({ ...r, path: "/api/events/" }),
    },
    {
      name: "a supported older revision (2026-01-15)",
      apply: header("revision", "2026-01-15"),
    },
    {
      name: "no time (Klaviyo uses the time received)",
      apply: attr((a) => {
        delete a.time;
      }),
    },
  ],
  mutations: [
    { name: "header: no Authorization", apply: header("authorization", null) },
    {
      name: "header: a wrong private key",
      apply: header("authorization", "Klaviyo-API-Key pk_wrong"),
    },
    { name: "header: no revision", apply: header("revision", null) },
    {
      name: "header: a revision that never existed (2026-09-01)",
      apply: header("revision", "2026-09-01"),
    },
    { name: "header: a retired revision (2024-10-15)", apply: header("revision", "2024-10-15") },
    { name: "header: accept text/html", apply: header("accept", "text/html") },
    { name: "header: content-type text/plain", apply: header("content-type", "text/plain") },
    {
      name: "name length: a metric name of 128 characters",
      apply: attr((a) => {
        a.metric.data.attributes.name = "m".repeat(128);
      }),
    },
    {
      name: "event count: two events in one Create Event body",
      apply: (r) =>
        editJson(r, (b) => {
          b.data = [b.data, b.data];
        }),
    },
    {
      name: "event size: 401 properties",
      apply: attr((a) => {
        for (let i = 0; i < 401; i++) a.properties[`p${i}`] = i;
      }),
    },
    {
      name: "event size: a property over 100 kB",
      apply: attr((a) => {
        a.properties.big = "x".repeat(100 * 1024 + 1);
      }),
    },
    {
      name: "profile: no identifier",
      apply: attr((a) => {
        a.profile.data.attributes = {};
      }),
    },
    {
      name: "profile: a phone number not in E.164",
      apply: attr((a) => {
        a.profile.data.attributes = { phone_number: "0044 20 7946 0000" };
      }),
    },
    {
      name: "value: a string",
      apply: attr((a) => {
        a.value = "129.50";
      }),
    },
    {
      name: "value_currency: not ISO 4217",
      apply: attr((a) => {
        a.value_currency = "pounds";
      }),
    },
    {
      name: "timestamp: 1999-12-31",
      apply: attr((a) => {
        a.time = "1999-12-31T23:59:59Z";
      }),
    },
    {
      name: "timestamp: two years ahead",
      apply: attr((a) => {
        a.time = new Date(T0 + 2 * 365 * 86_400_000).toISOString();
      }),
    },
    {
      name: "timestamp: not ISO 8601",
      apply: attr((a) => {
        a.time = "12/07/2026";
      }),
    },
    {
      name: `rate: ${KLAVIYO_XL.burst + 1} requests in one second (burst ${KLAVIYO_XL.burst}/s)`,
      apply: (r) => r,
      repeat: KLAVIYO_XL.burst + 1,
    },
    {
      name: `rate: ${KLAVIYO_XL.steady + 1} requests in one minute (steady ${KLAVIYO_XL.steady}/min)`,
      // 10 ms a request on the receiver's clock: 100 a second (under the burst), all in 35 s.
      prepare(r) {
        let t = T0;
        r.clock = () => {
          t += 10;
          return t;
        };
      },
      apply: (r) => r,
      repeat: KLAVIYO_XL.steady + 1,
    },
  ],
});

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

  test("Create Event: JSON:API body with the e-mail, value and value_currency; 202", async () => {
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
    assert.equal(e.value_currency, "GBP");
    const p = e.properties as Record<string, unknown>;
    assert.equal(p.segment, "converted");
    assert.deepEqual(p.persisted_segments, s!.persistedSegments);
    // No revenue: neither value nor value_currency.
    const [free] = summaries(1, { session: "direct-free", revenue: 0, orders: 0 });
    assert.equal((await klaviyo.send(free!, "k-free", config(), opts)).status, 202);
    assert.equal(receiver.events.get("k-free")!.value, undefined);
    assert.equal(receiver.events.get("k-free")!.value_currency, undefined);
  });

  test("identity: e-mail or phone in clear as such; hashed ids as external_id; anonymous not sent", async () => {
    const [s] = summaries(1, { session: "direct-2", identified: "ab12", identifiedHashed: true });
    assert.equal((await klaviyo.send(s!, "k-hashed", config(), opts)).status, 202);
    assert.deepEqual(receiver.events.get("k-hashed")!.profile, {
      data: { type: "profile", attributes: { external_id: "ab12" } },
    });
    const phone = { ...s!, identified: "+44 20 7946 0000", identifiedHashed: false };
    assert.equal((await klaviyo.send(phone, "k-phone", config(), opts)).status, 202);
    assert.deepEqual(receiver.events.get("k-phone")!.profile, {
      data: { type: "profile", attributes: { phone_number: "+442079460000" } },
    });
    // A hashed e-mail stays an external_id: it cannot receive flows (see the docs).
    const hashedMail = { ...s!, identified: "a@b.co", identifiedHashed: true };
    assert.equal((await klaviyo.send(hashedMail, "k-hm", config(), opts)).status, 202);
    assert.deepEqual(receiver.events.get("k-hm")!.profile, {
      data: { type: "profile", attributes: { external_id: "a@b.co" } },
    });
    assert.equal(klaviyo.accepts({ ...s!, identified: null }, config()), false);
  });

  test("one revision constant, current and supported; a stored revision is ignored", () => {
    assert.equal(revisionProblem(KLAVIYO_REVISION, Date.now()), null);
    assert.ok(KLAVIYO_RELEASED_REVISIONS.includes(KLAVIYO_REVISION));
    const age = klaviyoRevisionAge(Date.now());
    assert.notEqual(age.phase, "retired");
    assert.equal(age.days + age.daysLeft, 730);
    assert.deepEqual(klaviyoRevisionAge(Date.parse("2026-10-20T12:00:00Z")), {
      revision: KLAVIYO_REVISION,
      days: 5,
      phase: "stable",
      daysLeft: 725,
    });
    assert.equal(klaviyoRevisionAge(Date.parse("2028-10-15T00:00:00Z")).phase, "retired");
    assert.equal("revision" in config({ revision: "2024-10-15" }), false);
    assert.throws(() => config({ metricName: "m".repeat(128) }), /at most 127/);
  });

  test("429 with Retry-After and 5xx are retried; every event recorded once", async () => {
    await saveIntegration(store, box, {
      id: "kl-1",
      site: SITE,
      kind: "klaviyo",
      name: "Klaviyo",
      config: { apiKey: receiver.apiKey, baseUrl: server.url },
    });
    receiver.limits = { burst: 3, steady: 3500 };
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
    assert.equal(m!.dead, 0);
  });
});
