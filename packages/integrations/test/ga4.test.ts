import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import { saveIntegration as save } from "../src/config.ts";
import { GA4_EVENT, ga4, ga4Payload, ga4SessionId } from "../src/connectors/ga4.ts";
import { GA4_RESERVED_WEB_EVENTS } from "../src/connectors/ga4-names.ts";
import { enqueueSummaries } from "../src/enqueue.ts";
import { SecretBox } from "../src/index.ts";
import { sampleSummary } from "../src/tools.ts";
import { DeliveryWorker } from "../src/worker.ts";
import { editJson, type Mutation, runConnectorContract } from "./support/connector-contract.ts";
import { Ga4Receiver, validateMp } from "./support/ga4-receiver.ts";
import { FAST_WORKER, openStore, SITE, summaries, until } from "./support/helpers.ts";
import { listen } from "./support/http.ts";

type Event = { name: string; params: Record<string, unknown> };
const event =
  (change: (e: Event, body: Record<string, unknown>) => void): Mutation["apply"] =>
  (r) =>
    editJson(r, (b) => change((b.events as Event[])[0]!, b));
const T0 = Date.now();
const HOUR_US = 3_600_000_000;

runConnectorContract<Ga4Receiver>({
  vendor: "GA4",
  connector: ga4 as never,
  receiver: () => new Ga4Receiver(),
  config: (url, r) => ({ measurementId: r.measurementId, apiSecret: r.apiSecret, baseUrl: url }),
  summary: sampleSummary(SITE, T0),
  // A test send: the validation server, with validation_behavior ENFORCE_RECOMMENDATIONS.
  send: { test: true },
  refused: (a, r, req) => {
    // /mp/collect says 204 to everything: the receiver's count of dropped hits tells.
    if (req.path === "/mp/collect") return r.dropped > 0;
    const messages = (JSON.parse(a.body || "{}") as { validationMessages?: unknown[] })
      .validationMessages;
    return a.status !== 200 || !Array.isArray(messages) || messages.length > 0;
  },
  accepted: [
    {
      name: "validation server: a wrong api_secret (it does not check secrets)",
      apply: (r) => {
        r.query.set("api_secret", "wrong");
        return r;
      },
    },
    {
      name: "validation server, RELAXED: a 101-character value and a 73 h old timestamp",
      apply: (r) =>
        editJson(r, (b) => {
          delete b.validation_behavior;
          b.timestamp_micros = T0 * 1000 - 73 * HOUR_US;
          (b.events as Event[])[0]!.params.segment = "s".repeat(101);
        }),
    },
    {
      name: "a mobile-only reserved name on a web stream (screen_view)",
      apply: event((e) => {
        e.name = "screen_view";
      }),
    },
    {
      name: "no session_id (optional)",
      apply: event((e) => {
        delete e.params.session_id;
      }),
    },
  ],
  mutations: [
    {
      name: "query: /mp/collect with a wrong api_secret",
      apply: (r) => {
        r.path = "/mp/collect";
        r.query.set("api_secret", "wrong");
        return editJson(r, (b) => {
          delete b.validation_behavior;
        });
      },
    },
    {
      name: "body: validation_behavior STRICT (not a documented value)",
      apply: (r) =>
        editJson(r, (b) => {
          b.validation_behavior = "STRICT";
        }),
    },
    {
      name: "name: the reserved web event page_view",
      apply: event((e) => {
        e.name = "page_view";
      }),
    },
    {
      name: "name: the reserved web event scroll",
      apply: event((e) => {
        e.name = "scroll";
      }),
    },
    {
      name: "name length: an event name of 41 characters",
      apply: event((e) => {
        e.name = `e${"x".repeat(40)}`;
      }),
    },
    {
      name: "name length: a parameter name of 41 characters",
      apply: event((e) => {
        e.params[`p${"x".repeat(40)}`] = 1;
      }),
    },
    {
      name: "name: a parameter with the reserved prefix ga_",
      apply: event((e) => {
        e.params.ga_segment = "x";
      }),
    },
    {
      name: "value length: a parameter value of 101 characters",
      apply: event((e) => {
        e.params.segment = "s".repeat(101);
      }),
    },
    {
      name: "value length: a user_id of 257 characters",
      apply: (r) =>
        editJson(r, (b) => {
          b.user_id = "u".repeat(257);
        }),
    },
    {
      name: "event count: 26 events",
      apply: (r) =>
        editJson(r, (b) => {
          b.events = Array.from({ length: 26 }, () => (b.events as Event[])[0]);
        }),
    },
    {
      name: "event size: 26 parameters",
      apply: event((e) => {
        for (let i = 0; Object.keys(e.params).length < 26; i++) e.params[`extra_${i}`] = i;
      }),
    },
    {
      name: "body size: 130 kB",
      apply: (r) =>
        editJson(r, (b) => {
          b.padding = "x".repeat(130_000);
        }),
    },
    {
      name: "identity: no client_id",
      apply: (r) =>
        editJson(r, (b) => {
          delete b.client_id;
        }),
    },
    {
      name: "timestamp: 73 hours ago",
      apply: (r) =>
        editJson(r, (b) => {
          b.timestamp_micros = T0 * 1000 - 73 * HOUR_US;
        }),
    },
    {
      name: "timestamp: one hour ahead",
      apply: (r) =>
        editJson(r, (b) => {
          b.timestamp_micros = T0 * 1000 + HOUR_US;
        }),
    },
    {
      name: "timestamp: a string",
      apply: (r) =>
        editJson(r, (b) => {
          b.timestamp_micros = String(b.timestamp_micros);
        }),
    },
    {
      name: "currency: value without currency",
      apply: event((e) => {
        delete e.params.currency;
      }),
    },
    {
      name: "currency: not ISO 4217",
      apply: event((e) => {
        e.params.currency = "pounds";
      }),
    },
    {
      name: "engagement_time_msec: 0",
      apply: event((e) => {
        e.params.engagement_time_msec = 0;
      }),
    },
  ],
});

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

  test("the payload: the GA cookie's client and session, timestamp_micros, value + currency", () => {
    const [s] = summaries(1);
    const body = ga4Payload(s!, GA4_EVENT, "G-TEST123");
    const strict = { ...body, validation_behavior: "ENFORCE_RECOMMENDATIONS" };
    assert.deepEqual(validateMp(strict, now), []);
    assert.equal(body.client_id, "1234567890.1700000000");
    assert.equal(body.user_id, undefined, "an unhashed id is PII: no user_id");
    assert.equal(body.timestamp_micros, s!.lastEventAt * 1000, "inside the GA session");
    const params = (body.events as Event[])[0]!.params;
    assert.equal(params.session_id, s!.gaSessions.TEST123);
    assert.equal(params.engagement_time_msec, 1);
    assert.equal(params.value, 129.5);
    assert.equal(params.currency, "GBP");
    assert.equal(params.revenue, undefined, "currency and value are GA's own parameters");
    const free = ga4Payload({ ...s!, revenue: 0, gaSessions: {} }, GA4_EVENT, "G-TEST123");
    const freeParams = (free.events as Event[])[0]!.params;
    assert.equal(freeParams.value, undefined);
    assert.equal(freeParams.currency, undefined);
    assert.equal(freeParams.session_id, undefined, "no made-up session");
    // Hashed ids become user_id; long lists are cut to GA's 100-character values.
    const hashed = ga4Payload(
      {
        ...s!,
        identified: "f".repeat(64),
        identifiedHashed: true,
        persistedSegments: Array(40).fill("segment-x"),
      },
      GA4_EVENT,
      "G-TEST123",
    );
    assert.equal(hashed.user_id, "f".repeat(64));
    assert.deepEqual(
      validateMp({ ...hashed, validation_behavior: "ENFORCE_RECOMMENDATIONS" }, now),
      [],
    );
  });

  test("session_id: the stream's own _ga_<container> session, never another property's", () => {
    const [s] = summaries(1, { gaSessions: { TEST123: "1700000500", OTHER9: "1700000999" } });
    assert.equal(ga4SessionId(s!, "G-TEST123"), "1700000500");
    assert.equal(ga4SessionId(s!, "G-NOPE"), null, "another property's session would split");
  });

  test("no GA cookie: not sent (no invented client id)", () => {
    const [s] = summaries(1, { gaClientId: null });
    assert.equal(ga4.accepts(s!, config()), false);
    assert.equal(ga4.accepts({ ...s!, gaClientId: "1.2" }, config()), true);
  });

  test("a session older than 72 h is dead-lettered with the reason, never sent misdated", async () => {
    const [s] = summaries(1);
    const before = receiver.debugCalls + receiver.collected.length + receiver.dropped;
    const r = await ga4.send(s!, "k-old", config(), {
      now: s!.lastEventAt + 73 * 3_600_000,
      timeoutMs: 5000,
    });
    assert.equal(r.verdict, "dead");
    assert.equal(r.status, 0);
    assert.match(r.body, /73 h ago.*72 h/);
    assert.equal(receiver.debugCalls + receiver.collected.length + receiver.dropped, before);
    // 71 h: still sent, with its own time.
    const ok = await ga4.send(s!, "k-71", config(), {
      now: s!.lastEventAt + 71 * 3_600_000,
      timeoutMs: 5000,
    });
    assert.equal(ok.status, 204);
    assert.equal(receiver.misdated, 0);
  });

  test("reserved web event names are refused when saving; the validation server's messages make a dead letter", async () => {
    for (const name of ["page_view", "click", "scroll", "session_start", "user_engagement"]) {
      assert.ok(GA4_RESERVED_WEB_EVENTS.has(name));
      await assert.rejects(
        save(store, box, {
          id: `ga-${name}`,
          site: SITE,
          kind: "ga4",
          name: "GA4",
          config: { measurementId: "G-TEST123", apiSecret: "s", eventName: name },
        }),
        new RegExp(`eventName "${name}" is reserved by GA4 for web streams`),
      );
    }
    // A mobile-only reserved name is allowed on a web stream.
    assert.equal(config({ eventName: "screen_view" }).eventName, "screen_view");
    assert.throws(() => config({ eventName: "ga_segment" }), /reserved prefix/);
    // The validation server still decides for what the configuration cannot know.
    const [s] = summaries(1);
    const r = await ga4.send({ ...s!, currency: "pounds" }, "k", config(), {
      now,
      timeoutMs: 5000,
      test: true,
    });
    assert.equal(r.status, 200);
    assert.equal(r.verdict, "dead");
    assert.match(r.body, /VALUE_INVALID/);
    assert.equal(receiver.behaviors.at(-1), "ENFORCE_RECOMMENDATIONS");
  });

  test("delivery to /mp/collect through the outbox, validated first; 5xx retried", async () => {
    await save(store, box, {
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
    const collectedBefore = receiver.collected.length;
    const list = summaries(5);
    assert.equal(await enqueueSummaries(store, box, list, Date.now()), 5);
    worker.start();
    await until(() => receiver.collected.length === collectedBefore + 5, "5 hits collected");
    await until(
      async () =>
        (await store.outbox.list({ destination: "ga-1", status: "delivered" })).length === 5,
      "settled",
    );
    assert.ok(receiver.debugCalls >= 5, "validated first");
    const hits = receiver.collected.slice(collectedBefore);
    assert.ok(
      hits.every((b) => b.validation_behavior === undefined),
      "production: unset",
    );
    const sessions = hits.map((b) => (b.events as Event[])[0]!.params.intently_session);
    assert.deepEqual(sessions.sort(), list.map((s) => s.session).sort());
    assert.equal(receiver.misdated, 0);
  });
});
