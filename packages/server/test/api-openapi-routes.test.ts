/**
 * Every route in the OpenAPI document, every documented answer true (issue 23, item 9).
 *
 * A real server (collector, API, /metrics with a token) takes a short load — 40 shoppers'
 * batches with product views, cart adds and purchases, a custom segment live — and then:
 * - every registered route (Fastify's own route list, not the API's table) is in
 *   /api/openapi.json with its method and a 2xx response that has content (or is a 204), except
 *   the ones that are not part of the HTTP API (the tag's script files), listed here;
 * - every GET route of the API that can answer 200 here is called, and its JSON answer checked
 *   against the response schema the route declares (TypeBox Value.Check); non-JSON answers (CSV,
 *   Prometheus text) against their documented content type. The routes that had no response
 *   schema before this test must all be among those checked;
 * - /healthz, /livez, /readyz and POST /v1/collect answers against their schemas in
 *   @intently/api-contract, which the document carries.
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { test } from "node:test";
import { CollectAnswer, HealthAnswer, ReadinessAnswer } from "@intently/api-contract";
import type { TSchema } from "typebox";
import { Value } from "typebox/value";
import { apiRoutesOf, createApiPlugin } from "../src/api/index.ts";
import { createCollectorPlugin } from "../src/collector/index.ts";
import { startServer } from "../src/server.ts";
import { Client } from "./support-api/client.ts";
import { ADMIN } from "./support-api/server.ts";
import { tempDir } from "./support-collector/helpers.ts";

const ORIGIN = "https://shop.example";
const METRICS_TOKEN = "metrics-token-for-the-test";

/** Registered routes that are not the HTTP API: the tag's script files (tag-route.ts). */
const NOT_API = [/^\/intently(?:[.-][^/]*)?\.js$/, /^\/t\/:file$/];

/** The GET routes that had no response schema before issue 23, item 9. */
const FORMERLY_UNDOCUMENTED = [
  "/api/openapi.json",
  "/api/sites/:site/segments",
  "/api/sites/:site/segments/:segment",
  "/api/sites/:site/conflicts",
  "/api/sites/:site/reports/ips",
  "/api/sites/:site/reports/library",
  "/api/sites/:site/reports/segments/:segment",
  "/api/sites/:site/reports/overlap",
  "/api/sites/:site/reports/experiments",
  "/api/sites/:site/live",
  "/api/sites/:site/model",
  "/api/sites/:site/export",
];

/**
 * Every (method, url) Fastify has registered, from its route tree (HEAD and OPTIONS left out):
 * a line's depth is its indent (4 characters a level), its path its ancestors' parts and its own.
 */
function registeredRoutes(tree: string): { method: string; url: string }[] {
  const out: { method: string; url: string }[] = [];
  const parts: string[] = [];
  for (const line of tree.split("\n")) {
    const at = line.indexOf("── ");
    if (at < 0) continue;
    const m = /^(.*?)(?: \(([A-Z, ]+)\))?$/.exec(line.slice(at + 3))!;
    const depth = (at - 1) / 4; // after the branch character
    parts.length = depth;
    parts.push(m[1]!);
    if (!m[2]) continue;
    for (const method of m[2].split(", "))
      if (method !== "HEAD" && method !== "OPTIONS") out.push({ method, url: parts.join("") });
  }
  return out;
}

const openApiPath = (url: string) => url.replace(/:([A-Za-z]+)/g, "{$1}");

function check(schema: unknown, body: unknown, what: string): void {
  const s = schema as TSchema;
  if (Value.Check(s, body)) return;
  const errors = [...Value.Errors(s, body)].slice(0, 5);
  assert.fail(`${what}: the answer does not match its schema: ${JSON.stringify(errors)}`);
}

async function load(collectUrl: string, publicKey: string): Promise<void> {
  for (let i = 0; i < 40; i++) {
    const now = Date.now();
    const v = `v_${randomBytes(5).toString("hex")}`;
    const item = { id: `SKU${i % 4}`, price: 20 + i, quantity: 1 };
    const events: Record<string, unknown>[] = [
      { type: "page_view", t: now - 4000, page: { url: `${ORIGIN}/p/${i % 5}`, type: "product" } },
      { type: "page_view", t: now - 3000, page: { url: `${ORIGIN}/cart`, type: "cart" } },
    ];
    if (i % 2 === 0) events.push({ type: "add_to_cart", t: now - 2000, items: [item] });
    if (i % 4 === 0)
      events.push({ type: "purchase", t: now - 1000, value: item.price, transactionId: `t${i}` });
    const r = await fetch(collectUrl, {
      method: "POST",
      headers: { "content-type": "text/plain", origin: ORIGIN },
      body: JSON.stringify({
        site: publicKey,
        batch: `b_${i}`,
        visitor: v,
        session: `s_${v}`,
        sentAt: now,
        events,
      }),
    });
    assert.equal(r.status, 200);
    check(CollectAnswer, await r.json(), "POST /v1/collect");
  }
}

test("every route is documented, and every GET answer matches its schema", {
  timeout: 180_000,
}, async () => {
  const dataDir = tempDir();
  const server = await startServer(
    { dataDir, port: 0, host: "127.0.0.1", metricsToken: METRICS_TOKEN },
    [
      createCollectorPlugin(),
      createApiPlugin({
        env: { INTENTLY_ADMIN_EMAIL: ADMIN.email, INTENTLY_ADMIN_PASSWORD: ADMIN.password },
        print: () => {},
      }),
    ],
  );
  try {
    const base = server.url;
    const admin = new Client(base);
    assert.equal((await admin.login(ADMIN.email, ADMIN.password)).status, 200);
    const site = await admin.post("/api/workspaces/default/sites", {
      name: "Shop",
      allowedOrigins: [ORIGIN],
    });
    assert.equal(site.status, 201);
    const seg = await admin.post(`/api/sites/${site.body.id}/segments`, {
      id: "carters",
      name: "Carters",
      condition: { cartAdds: { $gte: 1 } },
      status: "live",
    });
    assert.equal(seg.status, 201, JSON.stringify(seg.body));
    const token = await admin.post("/api/workspaces/default/tokens", { name: "t", role: "viewer" });
    assert.equal(token.status, 201);
    await load(`${base}/v1/collect`, site.body.publicKey);
    await server.ctx.store.flush();

    // 1. Every registered route is in the document, with a documented 2xx answer.
    const doc = (await admin.get("/api/openapi.json")).body as {
      paths: Record<string, Record<string, { responses?: Record<string, { content?: object }> }>>;
    };
    const missing: string[] = [];
    const routes = registeredRoutes(server.app.printRoutes({ commonPrefix: false }));
    assert.ok(routes.length > 40, `the route list was read (${routes.length})`);
    for (const { method, url } of routes) {
      if (NOT_API.some((re) => re.test(url))) continue;
      const op = doc.paths[openApiPath(url)]?.[method.toLowerCase()];
      const answers = Object.entries(op?.responses ?? {});
      const ok = answers.some(([code, r]) => code.startsWith("2") && (code === "204" || r.content));
      if (!ok) missing.push(`${method} ${url}${op ? " (no 2xx answer schema)" : ""}`);
    }
    assert.deepEqual(missing, [], "routes missing from the OpenAPI document");

    // 2. Every API GET that answers 200 here, against its declared schema.
    const me = (await admin.get("/api/me")).body as { user: { id: string } };
    const ids: Record<string, string> = {
      workspace: "default",
      site: site.body.id,
      segment: "carters",
      user: me.user.id,
      token: String(token.body.id),
    };
    const from = Date.now() - 86_400_000;
    const query: Record<string, string> = {
      "/api/sites/:site/reports/overlap": "a=carters&b=focused-considerers",
    };
    const checked: string[] = [];
    for (const r of apiRoutesOf(server.app)) {
      if (r.method !== "GET" || r.url.endsWith("/stream")) continue;
      const path = r.url.replace(/:([A-Za-z]+)/g, (_, p: string) => ids[p] ?? "x");
      const q = `from=${from}&to=${Date.now() + 60_000}${query[r.url] ? `&${query[r.url]}` : ""}`;
      const res = await fetch(`${base}${path}?${q}`, { headers: { cookie: admin.cookie ?? "" } });
      if (res.status !== 200) {
        await res.arrayBuffer();
        continue;
      }
      const schema = r.response?.["200"] as { content?: Record<string, unknown> } | undefined;
      assert.ok(schema, `GET ${r.url} answered 200 without a response schema`);
      if (schema.content) {
        const type = res.headers.get("content-type") ?? "";
        assert.ok(
          Object.keys(schema.content).some((t) => type.startsWith(t.split(";")[0]!)),
          `GET ${r.url}: ${type} is not a documented content type`,
        );
        await res.arrayBuffer();
      } else check(schema, await res.json(), `GET ${r.url}`);
      checked.push(r.url);
    }
    const unchecked = FORMERLY_UNDOCUMENTED.filter((u) => !checked.includes(u));
    assert.deepEqual(unchecked, [], "these GET routes answered no 200 to check");

    // 3. The routes outside /api, against their api-contract schemas.
    for (const path of ["/healthz", "/livez"]) {
      const res = await fetch(`${base}${path}`);
      assert.equal(res.status, 200);
      check(HealthAnswer, await res.json(), `GET ${path}`);
    }
    const ready = await fetch(`${base}/readyz`);
    assert.equal(ready.status, 200);
    check(ReadinessAnswer, await ready.json(), "GET /readyz");
    const metrics = await fetch(`${base}/metrics`, {
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    });
    assert.equal(metrics.status, 200);
    assert.match(metrics.headers.get("content-type") ?? "", /^text\/plain/);
    assert.match(await metrics.text(), /^intently_/m);
    console.log(JSON.stringify({ routes: routes.length, getAnswersChecked: checked.length }));
  } finally {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
