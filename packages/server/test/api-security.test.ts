/**
 * Security properties generated from the API's route table: every route is enumerated, so a
 * route added later is covered without touching these tests.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { Client } from "./support-api/client.ts";
import {
  bodyFor,
  idsOfA,
  idsOfB,
  label,
  pathOf,
  routes,
  STATE_CHANGING,
} from "./support-api/routes.ts";
import { type World, world } from "./support-api/server.ts";

let w: World;
before(async () => {
  w = await world();
});
after(async () => {
  await w.server.close();
});

test("the route table: every route declares its access; only login, invitations and the OpenAPI document are public", () => {
  const all = routes(w);
  assert.ok(all.length >= 35, `${all.length} routes`);
  const pub = all
    .filter((r) => r.access === "public")
    .map(label)
    .sort();
  assert.deepEqual(pub, [
    "GET /api/openapi.json",
    "POST /api/auth/login",
    "POST /api/invitations/accept",
    "POST /api/invitations/lookup",
  ]);
  for (const r of all) {
    if (r.access === "public" || r.access === "user") continue;
    assert.ok(
      r.params.includes("workspace") || r.params.includes("site"),
      `${label(r)} has a tenant`,
    );
  }
});

test("(a) every non-public route answers 401 without credentials, or with a bad token or cookie", async () => {
  const anon = new Client(w.url);
  const badToken = Client.withToken(w.url, "itk_not-a-real-token-000000000000");
  const badCookie = new Client(w.url);
  badCookie.cookie = "intently_session=forged-session-value";
  let n = 0;
  for (const r of routes(w)) {
    if (r.access === "public") continue;
    for (const c of [anon, badToken, badCookie]) {
      const res = await c.req(r.method, pathOf(r, idsOfA(w)), { body: bodyFor(r) });
      assert.equal(res.status, 401, `${label(r)}: ${JSON.stringify(res.body)}`);
      n++;
    }
  }
  assert.ok(n > 100);
  // The public ones (and the tag and health check outside /api) need nothing.
  assert.equal((await anon.get("/api/openapi.json")).status, 200);
  assert.equal((await anon.post("/api/auth/login", {})).status, 400);
  assert.equal((await anon.get("/healthz")).status, 200);
  assert.equal((await anon.get("/intently.js")).status, 200);
});

test("(b) a user of workspace A gets 404 for every resource of workspace B, by cookie or token", async () => {
  const tok = await w.admin.post(`/api/workspaces/${w.a.workspace}/tokens`, {
    name: "a-admin",
    role: "admin",
  });
  const token = Client.withToken(w.url, tok.body.token);
  const tenantRoutes = routes(w).filter(
    (r) => r.params.includes("workspace") || r.params.includes("site"),
  );
  assert.ok(tenantRoutes.length >= 30);
  for (const r of tenantRoutes) {
    for (const c of [w.admin, token]) {
      const res = await c.req(r.method, pathOf(r, idsOfB(w), "?target=generic"), {
        body: bodyFor(r),
      });
      assert.equal(res.status, 404, `${label(r)}: ${res.status} ${JSON.stringify(res.body)}`);
    }
  }
  // B's members, tokens and segments through A's own workspace and site: 404 too.
  const nested = routes(w).filter((r) =>
    ["user", "token", "segment"].some((p) => r.params.includes(p)),
  );
  assert.ok(nested.length >= 10);
  const mixed = { ...idsOfA(w), user: w.b.user, token: w.b.token, segment: w.b.segment };
  for (const r of nested) {
    const res = await w.admin.req(r.method, pathOf(r, mixed, "?target=generic"), {
      body: bodyFor(r),
    });
    assert.equal(
      res.status,
      404,
      `${label(r)} (A's container, B's id): ${res.status} ${JSON.stringify(res.body)}`,
    );
  }
  // B's data is untouched.
  const segs = await w.other.get(`/api/sites/${w.b.site}/segments`);
  assert.equal(segs.body.custom[0].status, "live");
  assert.equal(
    (await w.other.get(`/api/workspaces/${w.b.workspace}/tokens`)).body[0].revokedAt,
    null,
  );
});

test("(c) every state-changing route with a cookie session and no (or a wrong) CSRF token is 403", async () => {
  const writes = routes(w).filter((r) => STATE_CHANGING.has(r.method) && r.access !== "public");
  assert.ok(writes.length >= 15);
  for (const r of writes) {
    const none = await w.admin.req(r.method, pathOf(r, idsOfA(w)), {
      body: bodyFor(r),
      csrf: false,
    });
    assert.equal(none.status, 403, `${label(r)}: ${JSON.stringify(none.body)}`);
    assert.match(none.body.message, /CSRF/);
    const wrong = await w.admin.req(r.method, pathOf(r, idsOfA(w)), {
      body: bodyFor(r),
      csrf: false,
      headers: { "x-csrf-token": "not-the-token" },
    });
    assert.equal(wrong.status, 403, label(r));
  }
  // Still signed in: the failed attempts changed nothing.
  assert.equal((await w.admin.get("/api/me")).status, 200);
});

test("roles: a viewer gets 403 on every route needing editor or admin; an editor on every admin route", async () => {
  for (const r of routes(w)) {
    if (r.access !== "editor" && r.access !== "admin") continue;
    const res = await w.viewer.req(r.method, pathOf(r, idsOfA(w)), { body: bodyFor(r) });
    assert.equal(res.status, 403, `viewer ${label(r)}: ${JSON.stringify(res.body)}`);
    if (r.access === "admin") {
      const e = await w.editor.req(r.method, pathOf(r, idsOfA(w)), { body: bodyFor(r) });
      assert.equal(e.status, 403, `editor ${label(r)}`);
    }
  }
  // Reads stay open to viewers.
  assert.equal((await w.viewer.get(`/api/sites/${w.a.site}/segments`)).status, 200);
  assert.equal((await w.viewer.get(`/api/sites/${w.a.site}/reports/ips`)).status, 200);
});

test("the OpenAPI document lists every route with its security requirement", async () => {
  const doc = (await new Client(w.url).get("/api/openapi.json")).body;
  assert.equal(doc.openapi, "3.1.0");
  assert.ok(doc.components.securitySchemes.bearer);
  for (const r of routes(w)) {
    const path = r.url.replace(/:([A-Za-z]+)/g, "{$1}");
    const op = doc.paths[path]?.[r.method.toLowerCase()];
    assert.ok(op, `${label(r)} is documented`);
    assert.ok(op.summary, `${label(r)} has a summary`);
    assert.equal(op.security.length === 0, r.access === "public", `${label(r)} security`);
  }
  const script = doc.paths["/api/sites/{site}/segments/{segment}/script"].get;
  const target = script.parameters.find((p: { name: string }) => p.name === "target");
  assert.ok(target.schema.enum.includes("optimizely-audience"));
});
