/**
 * The plugin on a real server (in-memory store): the app at / and /app/…, hashed assets, the
 * build cache, and the builder's preview (validation, conflict warnings, estimate) behind the
 * API's authentication.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { DEFAULT_PLUGINS, type RunningServer, startServer } from "@intently/server";
import { DEMO_SEGMENTS, ingestSimulation, segmentLibrary } from "@intently/store";
import { buildDashboard, createDashboardPlugin, dashboardPlugin } from "../src/index.ts";
import { ADMIN, SITE } from "./support/server.ts";

const DAY = 86_400_000;
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
  for (const def of DEMO_SEGMENTS)
    await cfg.saveSegment({
      site: SITE.id,
      id: def.id,
      definition: def,
      author: "test",
      status: "live",
    });
  await ingestSimulation({
    store: server.ctx.store,
    sessions: 400,
    seed: 3,
    days: 7,
    start: Math.floor(Date.now() / DAY) * DAY - 7 * DAY,
    site: SITE.id,
    events: false,
  });
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

const preview = (condition: unknown, headers: Record<string, string> = { cookie }) =>
  fetch(`${server.url}/dashboard/api/sites/${SITE.id}/preview`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ definition: { condition } }),
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

test("the preview needs the API's authentication and the site's membership", async () => {
  assert.equal((await preview({ deviceType: "mobile" }, {})).status, 401);
  const other = await fetch(`${server.url}/dashboard/api/sites/not-mine/preview`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie },
    body: JSON.stringify({ definition: { condition: {} } }),
  });
  assert.equal(other.status, 404);
  const integrations = await fetch(`${server.url}/dashboard/api/sites/${SITE.id}/integrations`, {
    headers: { cookie },
  });
  assert.deepEqual(await integrations.json(), []);
});

test("a framework segment alone is counted exactly, as the library counts it", async () => {
  const body = await (await preview({ segment: "focused-browsers" })).json();
  const lib = await segmentLibrary(server.ctx.store, { site: SITE.id, to: Date.now(), days: 7 });
  const row = lib.segments.find((r) => r.segment === "focused-browsers")!;
  assert.equal(body.estimate.exact, true);
  assert.equal(body.estimate.sessions, row.sessions);
  assert.equal(body.estimate.totalSessions, lib.totalSessions);
  assert.ok(row.sessions > 0);
});

test("other clauses are modelled, or listed as not counted", async () => {
  const all = (await (await preview({})).json()).estimate;
  const mobile = (await (await preview({ deviceType: "mobile" })).json()).estimate;
  const capped = (await (await preview({ deviceType: "mobile", cartValue: { $gte: 100 } })).json())
    .estimate;
  assert.equal(mobile.exact, false);
  assert.ok(mobile.sessions > 0 && mobile.sessions < all.sessions);
  assert.deepEqual(capped.unestimated, ["cartValue"]);
  assert.equal(capped.sessions, mobile.sessions);
  assert.ok(mobile.suggestions.deviceType.includes("mobile"));
});

test("the preview warns of conflicts and reports invalid conditions", async () => {
  const ok = await (await preview({ deviceType: "mobile", trafficSource: "paid-social" })).json();
  const bySegment = new Map(ok.warnings.map((w: { segment: string }) => [w.segment, w]));
  assert.equal((bySegment.get("mobile-shoppers") as { verdict: string }).verdict, "subset");
  assert.equal(
    (bySegment.get("mobile-shoppers") as { direction: string }).direction,
    "this-in-other",
  );
  const bad = await (await preview({ cartValue: "lots" })).json();
  assert.ok(bad.errors.some((e: { path: string }) => e.path.startsWith("/condition/cartValue")));
  assert.equal(bad.estimate, null);
});
