/**
 * The plugin on a real server (in-memory store): the app at / and /app/…, hashed assets and the
 * build cache. It has no routes of its own under /dashboard/api any more: the app uses the REST
 * API (tested with the API).
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { buildDashboard, createDashboardPlugin, dashboardPlugin } from "@intently/dashboard";
import { DEFAULT_PLUGINS, type RunningServer, startServer } from "@intently/server";
import { ADMIN, SITE } from "./support/server.ts";

let server: RunningServer;
let cacheDir: string;
let cookie = "";

before(async () => {
  cacheDir = mkdtempSync(join(tmpdir(), "intently-dashboard-cache-"));
  process.env.INTENTLY_ADMIN_EMAIL = ADMIN.email;
  process.env.INTENTLY_ADMIN_PASSWORD = ADMIN.password;
  // Every default plugin (the dashboard's default instance left out, should it be one of them).
  server = await startServer({ dataDir: null, port: 0 }, [
    ...DEFAULT_PLUGINS.filter((p) => p !== dashboardPlugin),
    createDashboardPlugin({ cacheDir }),
  ]);
  const cfg = server.ctx.store.config;
  await cfg.createWorkspace({ id: SITE.workspaceId, name: "Demo" });
  await cfg.createSite({ ...SITE, allowedOrigins: ["loopback"] });
  const admin = await cfg.getUserByEmail(ADMIN.email);
  await cfg.setMembership({ workspaceId: SITE.workspaceId, userId: admin!.id, role: "admin" });
  const login = await fetch(`${server.url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(ADMIN),
  });
  assert.equal(login.status, 200);
  cookie = (login.headers.get("set-cookie") ?? "").split(";")[0]!;
});

after(async () => {
  await server?.close();
  rmSync(cacheDir, { recursive: true, force: true });
});

test("the app is served at / and every /app route, with a strict CSP", async () => {
  for (const path of ["/", "/app", "/app/sites/demo/segments/struggling-buyers"]) {
    const res = await fetch(server.url + path);
    assert.equal(res.status, 200, path);
    assert.match(res.headers.get("content-type") ?? "", /text\/html/);
    assert.match(res.headers.get("content-security-policy") ?? "", /script-src 'self'/);
    assert.match(await res.text(), /<script type="module" src="\/assets\/app-[A-Z0-9]+\.js">/);
  }
  const api = await fetch(`${server.url}/api/openapi.json`);
  assert.equal(api.status, 200, "the API is not shadowed");
});

test("assets are immutable, pre-compressed, and unknown ones are 404", async () => {
  const html = await (await fetch(`${server.url}/`)).text();
  const script = /\/assets\/(app-[A-Z0-9]+\.js)/.exec(html)![1]!;
  const res = await fetch(`${server.url}/assets/${script}`, {
    headers: { "accept-encoding": "br" },
  });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get("content-encoding"), "br");
  assert.match(res.headers.get("cache-control") ?? "", /immutable/);
  assert.ok((await res.text()).length > 100_000, "fetch decodes brotli: the bundle is there");
  assert.equal((await fetch(`${server.url}/assets/nope.js`)).status, 404);
});

test("a second build of the same sources comes from the cache", async () => {
  const a = await buildDashboard({ root: cacheDir });
  const b = await buildDashboard({ root: cacheDir });
  assert.equal(a.hash, b.hash);
  assert.equal(b.fromCache, true);
  assert.ok(b.assets.has(b.script));
});

test("the old helper routes are gone: the app uses the API's own", async () => {
  const integrations = await fetch(`${server.url}/dashboard/api/sites/${SITE.id}/integrations`, {
    headers: { cookie },
  });
  assert.equal(integrations.status, 404);
  const api = await fetch(`${server.url}/api/sites/${SITE.id}/integrations`, {
    headers: { cookie },
  });
  assert.equal(api.status, 200, "GET /api/sites/:site/integrations answers instead");
  const preview = await fetch(`${server.url}/dashboard/api/sites/${SITE.id}/preview`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie },
    body: JSON.stringify({ definition: { condition: {} } }),
  });
  assert.equal(preview.status, 404, "the builder's checks are the API's");
});
