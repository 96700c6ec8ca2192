/**
 * Integrations API (docs/product/activation.md#integrations) against a real server with
 * DEFAULT_PLUGINS (the delivery worker runs) and a local webhook receiver that verifies every
 * request with the Standard Webhooks library, as the integrations README says: create, list
 * (redacted), update, test send, metrics, a permanent 4xx → dead letter → replay after fixing the
 * receiver → delivered; a 410 Gone → the integration shown disabled, re-enabled by saving; tenant
 * isolation of integration ids; no secret in any answer or in the OpenAPI document.
 */
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, test } from "node:test";
import { verifierOf } from "../../integrations/test/support/webhook-receiver.ts";
import { apiPlugin, apiRoutesOf, createApiPlugin } from "../src/api/index.ts";
import { DEFAULT_PLUGINS, type RunningServer, startServer } from "../src/index.ts";
import { Client, type ReqOptions, type Res } from "./support-api/client.ts";
import { liveSession } from "./support-api/live.ts";
import { ADMIN, addMember, PASSWORD } from "./support-api/server.ts";

/** Standard Webhooks secrets: whsec_ + base64 of 32 bytes. */
const SECRET = `whsec_${Buffer.alloc(32, "first secret").toString("base64")}`;
const NEW_SECRET = `whsec_${Buffer.alloc(32, "second secret").toString("base64")}`;
const KLAVIYO_KEY = "pk_klaviyo_private_key_0001";
const GA4_SECRET = "ga4_api_secret_value_0001";
const SECRETS = [SECRET, NEW_SECRET, KLAVIYO_KEY, GA4_SECRET];

/**
 * A webhook receiver: 401 on a bad signature, 422 (permanent) in reject mode, 410 in gone mode,
 * dedupes on the idempotency key.
 */
const receiver = {
  secret: SECRET,
  mode: "ok" as "ok" | "reject" | "gone",
  accepted: new Map<string, { session: string }>(),
  server: null as Server | null,
  url: "",
};

function startReceiver(): Promise<void> {
  const s = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      const reply = (status: number, body: string) => res.writeHead(status).end(body);
      let body: { type: string; idempotencyKey: string; summary: never };
      try {
        body = verifierOf(receiver.secret).verify(
          raw,
          req.headers as Record<string, string>,
        ) as typeof body;
      } catch {
        return reply(401, "bad signature");
      }
      if (receiver.mode === "reject") return reply(422, "schema not accepted");
      if (receiver.mode === "gone") return reply(410, "unsubscribed");
      const key = body.idempotencyKey;
      if (!key || body.type !== "session.summary") return reply(400, "bad envelope");
      if (!receiver.accepted.has(key)) receiver.accepted.set(key, body.summary);
      reply(200, `stored ${key}`);
    });
  });
  receiver.server = s;
  return new Promise((r) =>
    s.listen(0, "127.0.0.1", () => {
      receiver.url = `http://127.0.0.1:${(s.address() as AddressInfo).port}/hooks`;
      r();
    }),
  );
}

/** Every answer body the API gave, to look for secrets in. */
const answers: string[] = [];
class Recording extends Client {
  override async req<T>(method: string, path: string, o: ReqOptions = {}): Promise<Res<T>> {
    const r = await super.req<T>(method, path, o);
    answers.push(r.raw.toString("utf8"));
    return r;
  }
}

async function until<T>(fn: () => Promise<T | undefined> | T | undefined, what: string) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

let server: RunningServer;
let admin: Client;
let editor: Client;
let viewer: Client;
let site: string;
let base: string;
let hook: string;

before(async () => {
  await startReceiver();
  const quietApi = createApiPlugin({
    env: { INTENTLY_ADMIN_EMAIL: ADMIN.email, INTENTLY_ADMIN_PASSWORD: ADMIN.password },
    print: () => {},
  });
  const plugins = DEFAULT_PLUGINS.map((p) => (p === apiPlugin ? quietApi : p));
  // The receiver listens on 127.0.0.1: private destinations are allowed explicitly.
  server = await startServer({ dataDir: null, port: 0, allowPrivateDestinations: true }, plugins);
  admin = new Recording(server.url);
  assert.equal((await admin.login(ADMIN.email, ADMIN.password)).status, 200);
  const s = await admin.post("/api/workspaces/default/sites", { name: "Shop" });
  assert.equal(s.status, 201);
  site = s.body.id;
  base = `/api/sites/${site}/integrations`;
  const member = async (email: string, role: string) => {
    await addMember(admin, "default", email, role);
    const c = new Recording(server.url);
    assert.equal((await c.login(email, PASSWORD)).status, 200);
    return c;
  };
  editor = await member("editor@shop.test", "editor");
  viewer = await member("viewer@shop.test", "viewer");
});

after(async () => {
  await server.close();
  receiver.server?.closeAllConnections();
  receiver.server?.close();
});

test("the routes are in the API's route table (so the generated security tests cover them)", () => {
  const mine = apiRoutesOf(server.app)
    .filter((r) => r.url.startsWith("/api/sites/:site/integrations"))
    .map((r) => `${r.method} ${r.url.slice("/api/sites/:site/integrations".length)} ${r.access}`)
    .sort();
  assert.deepEqual(mine, [
    "DELETE /:integration editor",
    "GET  viewer",
    "GET /:integration viewer",
    "GET /dead-letters viewer",
    "GET /metrics viewer",
    "PATCH /:integration editor",
    "POST  editor",
    "POST /:integration/test editor",
    "POST /dead-letters/replay editor",
  ]);
});

test("create: secrets sealed in the store and redacted in answers; validation; roles", async () => {
  const body = { name: "CRM", kind: "webhook", config: { url: receiver.url, secret: SECRET } };
  assert.equal((await viewer.post(base, body)).status, 403);
  const r = await editor.post(base, body);
  assert.equal(r.status, 201, JSON.stringify(r.body));
  assert.match(r.body.id, /^int_[0-9a-f]{12}$/);
  assert.deepEqual(r.body.config, { url: receiver.url, secret: "[redacted]", segments: [] });
  hook = r.body.id;
  const stored = (await server.ctx.store.config.getIntegration(hook))?.config as { secret: string };
  assert.match(stored.secret, /^enc:v1:/);
  assert.ok(!JSON.stringify(stored).includes(SECRET));

  // Disabled, and pointed at nothing: no delivery leaves the machine.
  const off = { enabled: false };
  const nowhere = "http://127.0.0.1:9";
  const kl = await editor.post(base, {
    ...off,
    name: "Klaviyo",
    kind: "klaviyo",
    config: { apiKey: KLAVIYO_KEY, baseUrl: nowhere },
  });
  assert.equal(kl.status, 201, JSON.stringify(kl.body));
  assert.equal(kl.body.config.apiKey, "[redacted]");
  const ga = await editor.post(base, {
    ...off,
    name: "GA4",
    kind: "ga4",
    config: { measurementId: "G-TEST123", apiSecret: GA4_SECRET, baseUrl: nowhere },
  });
  assert.equal(ga.status, 201, JSON.stringify(ga.body));

  const bad = async (b: object, path: string) => {
    const res = await editor.post(base, b);
    assert.equal(res.status, 400, JSON.stringify(res.body));
    assert.ok(
      res.body.issues.some((i: { path: string }) => i.path === path),
      JSON.stringify(res.body),
    );
  };
  await bad({ ...body, config: { url: receiver.url, secret: "short" } }, "/body/config/secret");
  await bad({ ...body, config: { url: "ftp://x.test/", secret: SECRET } }, "/body/config/url");
  await bad(
    { ...body, config: { url: receiver.url, secret: "[redacted]" } },
    "/body/config/secret",
  );
  await bad({ ...body, kind: "pigeon" }, "/body/kind");
  await bad(
    { name: "GA", kind: "ga4", config: { apiSecret: GA4_SECRET } },
    "/body/config/measurementId",
  );
  await bad(
    { ...body, config: { url: receiver.url, secret: SECRET, timeoutMs: 5 } },
    "/body/config/timeoutMs",
  );
  // The field rules of @intently/integrations/fields, which the dashboard's form checks too.
  const klaviyo = { name: "K", kind: "klaviyo", enabled: false };
  await bad(
    { ...klaviyo, config: { apiKey: KLAVIYO_KEY, metricName: "m".repeat(128) } },
    "/body/config/metricName",
  );
  await bad(
    {
      name: "GA",
      kind: "ga4",
      config: { measurementId: "G-1", apiSecret: "s", eventName: "page_view" },
    },
    "/body/config/eventName",
  );
  // Klaviyo's revision is the connector's constant, no field: one an older client still sends
  // is dropped like any unknown property (Fastify's removeAdditional), and never stored.
  const revision = await editor.post(base, {
    ...klaviyo,
    config: { apiKey: KLAVIYO_KEY, revision: "2024-10-15" },
  });
  assert.equal(revision.status, 201, JSON.stringify(revision.body));
  assert.equal("revision" in revision.body.config, false);
  const kept = await server.ctx.store.config.getIntegration(revision.body.id);
  assert.ok(kept);
  assert.equal("revision" in (kept.config as object), false);
  assert.equal((await editor.delete(`${base}/${revision.body.id}`)).status, 204);

  const list = await viewer.get(base);
  assert.equal(list.status, 200);
  assert.deepEqual(list.body.map((i: { kind: string }) => i.kind).sort(), [
    "ga4",
    "klaviyo",
    "webhook",
  ]);
  for (const i of list.body) {
    for (const f of ["secret", "apiKey", "apiSecret"])
      if (f in i.config) assert.equal(i.config[f], "[redacted]");
  }
  const one = await viewer.get(`${base}/${hook}`);
  assert.equal(one.body.config.secret, "[redacted]");
});

test("test send: a sample summary through the real connector; the receiver's status and body", async () => {
  assert.equal((await viewer.post(`${base}/${hook}/test`)).status, 403);
  const r = await editor.post(`${base}/${hook}/test`);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.status, 200);
  assert.equal(r.body.verdict, "delivered");
  const key = [...receiver.accepted.keys()].find((k) => k.startsWith(`${site}:intently-test-`));
  assert.ok(key, "the receiver verified the signature and stored the sample");
  assert.equal(r.body.body, `stored ${key}`);
  assert.equal(r.body.integration.config.secret, "[redacted]");
});

const dead = async () => (await viewer.get(`${base}/dead-letters`)).body as { key: string }[];
const metricsOf = async (id: string) =>
  ((await viewer.get(`${base}/metrics`)).body as { destination: string }[]).find(
    (m) => m.destination === id,
  ) as Record<string, unknown>;

test("metrics; a permanent 4xx → dead letter → replay after fixing the receiver → delivered", async () => {
  const keyOf = (session: string) => `${site}:${session}:${hook}`;
  liveSession(server, site, "v-a", "s-a");
  server.ctx.host.endAll();
  await until(() => receiver.accepted.get(keyOf("s-a")), "session a delivered");
  const m = await metricsOf(hook);
  assert.deepEqual(
    { ...m, lagMs: 0 },
    {
      destination: hook,
      name: "CRM",
      kind: "webhook",
      pending: 0,
      delivered: 1,
      retried: 0,
      failed: 0,
      lagMs: 0,
    },
  );
  const klaviyo = (await viewer.get(base)).body.find((i: { kind: string }) => i.kind === "klaviyo");
  assert.deepEqual(
    [(await metricsOf(klaviyo.id)).delivered, (await metricsOf(klaviyo.id)).name],
    [0, "Klaviyo"],
  );

  receiver.mode = "reject";
  liveSession(server, site, "v-b", "s-b");
  server.ctx.host.endAll();
  const letters = await until(
    async () => ((await dead()).length ? dead() : undefined),
    "a dead letter",
  );
  assert.deepEqual(
    letters.map((l) => l.key),
    [keyOf("s-b")],
  );
  assert.equal((letters[0] as unknown as { lastStatus: number }).lastStatus, 422);
  assert.equal((await metricsOf(hook)).failed, 1);
  assert.ok(!receiver.accepted.has(keyOf("s-b")));

  const replay = `${base}/dead-letters/replay`;
  assert.equal((await viewer.post(replay, {})).status, 403);
  receiver.mode = "ok";
  const r = await editor.post(replay, { keys: [keyOf("s-b")] });
  assert.deepEqual([r.status, r.body], [200, { replayed: 1 }]);
  await until(() => receiver.accepted.get(keyOf("s-b")), "the replayed summary");
  await until(async () => (await metricsOf(hook)).delivered === 2, "delivered: 2");
  assert.equal((await metricsOf(hook)).failed, 0);
  assert.deepEqual(await dead(), []);
  assert.deepEqual((await editor.post(replay)).body, { replayed: 0 }, "no body: all of them");
});

test("update: secrets kept unless sent; moving the destination needs them again", async () => {
  const url = `${base}/${hook}`;
  const renamed = await editor.patch(url, {
    name: "CRM hook",
    config: { segments: ["converted"] },
  });
  assert.equal(renamed.status, 200, JSON.stringify(renamed.body));
  assert.deepEqual(renamed.body.config, {
    url: receiver.url,
    secret: "[redacted]",
    segments: ["converted"],
  });
  assert.equal((await editor.post(`${url}/test`)).body.status, 200, "the kept secret still signs");

  const moved = await editor.patch(url, { config: { url: `${receiver.url}/v2` } });
  assert.equal(moved.status, 400);
  assert.equal(moved.body.issues[0].path, "/body/config/secret");
  const ok = await editor.patch(url, { config: { url: `${receiver.url}/v2`, secret: NEW_SECRET } });
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  const refused = await editor.post(`${url}/test`);
  assert.deepEqual(
    [refused.body.status, refused.body.body, refused.body.verdict],
    [401, "bad signature", "dead"],
  );
  receiver.secret = NEW_SECRET;
  assert.equal((await editor.post(`${url}/test`)).body.status, 200);
  assert.equal((await viewer.patch(url, { enabled: false })).status, 403);
});

test("410 Gone from the endpoint: shown disabled with its reason; saving enables it again", async () => {
  const url = `${base}/${hook}`;
  receiver.mode = "gone";
  // The worker re-reads an integration at most every 2 s, and the test before changed its secret.
  await new Promise((r) => setTimeout(r, 2100));
  const key = `${site}:s-gone:${hook}`;
  const payload = JSON.stringify({ session: "s-gone", site, endedAt: Date.now() });
  await server.ctx.store.outbox.enqueue([{ key, site, destination: hook, payload }], Date.now());
  const off = await until(async () => {
    const r = await viewer.get(url);
    return r.body.disabled ? r : undefined;
  }, "the integration disabled");
  assert.equal(off.body.enabled, false);
  assert.match(off.body.disabledReason, /^the endpoint answered 410 Gone \(/);
  assert.equal(typeof off.body.disabledAt, "number");
  assert.ok(!("deliveryDisabled" in off.body.config), "the mark is not configuration");
  const listed = (await viewer.get(base)).body.find((i: { id: string }) => i.id === hook);
  assert.equal(listed.disabled, true);
  assert.equal((await server.ctx.store.outbox.get(key))?.status, "dead");

  receiver.mode = "ok";
  const saved = await editor.patch(url, { name: "CRM hook" });
  assert.equal(saved.status, 200, JSON.stringify(saved.body));
  assert.deepEqual(
    [saved.body.enabled, saved.body.disabled, saved.body.disabledReason],
    [true, false, null],
  );
});

test("an integration id of another site or workspace is 404 through this site", async () => {
  const ws = await admin.post("/api/workspaces", { name: "Other" });
  const other = await admin.post(`/api/workspaces/${ws.body.id}/sites`, { name: "Other shop" });
  const theirs = await admin.post(`/api/sites/${other.body.id}/integrations`, {
    name: "Theirs",
    kind: "webhook",
    config: { url: receiver.url, secret: SECRET },
  });
  assert.equal(theirs.status, 201);
  const id = theirs.body.id;
  for (const c of [admin, editor]) {
    assert.equal((await c.get(`${base}/${id}`)).status, 404);
    assert.equal((await c.patch(`${base}/${id}`, { name: "x" })).status, 404);
    assert.equal((await c.post(`${base}/${id}/test`)).status, 404);
    assert.equal((await c.delete(`${base}/${id}`)).status, 404);
  }
  assert.equal((await editor.get(`/api/sites/${other.body.id}/integrations`)).status, 404);
  assert.equal(
    (await admin.get(`/api/sites/${other.body.id}/integrations/${id}`)).body.name,
    "Theirs",
  );
});

test("delete: gone, its metrics stay under its id", async () => {
  assert.equal((await editor.delete(`${base}/${hook}`)).status, 204);
  assert.equal((await viewer.get(`${base}/${hook}`)).status, 404);
  const m = await metricsOf(hook);
  assert.equal(m.name, null);
  assert.equal(m.delivered, 2);
});

test("no secret value in any answer, nor in the OpenAPI document (its examples redacted)", async () => {
  const doc = await admin.get("/api/openapi.json");
  assert.ok(answers.length > 40);
  for (const body of answers)
    for (const s of SECRETS)
      assert.ok(!body.includes(s), `a secret in an answer: ${body.slice(0, 200)}`);
  const create = doc.body.paths["/api/sites/{site}/integrations"].post;
  // Answers' examples show secrets redacted; the request's example is a placeholder.
  assert.equal(
    create.responses["201"].content["application/json"].example.config.secret,
    "[redacted]",
  );
  const request = create.requestBody.content["application/json"];
  assert.equal(request.example.config.secret, "<whsec_ + base64 of 32 random bytes>");
  const input = request.schema.properties.config.properties;
  for (const f of ["secret", "apiKey", "apiSecret"]) assert.equal(input[f].writeOnly, true, f);
});
