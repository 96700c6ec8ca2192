/** Sites (snippet, settings, tag status), workspaces and members. */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { ingestSimulation } from "@intently/demo-data";
import { endLiveSessions } from "../src/api/privacy/end-sessions.ts";
import { Client } from "./support-api/client.ts";
import { liveSession } from "./support-api/live.ts";
import { type World, world } from "./support-api/server.ts";

let w: World;
before(async () => {
  w = await world();
});
after(async () => {
  await w.server.close();
});

test("a new site gets an id, a public key, default settings and a tag snippet", async () => {
  const r = await w.admin.post(`/api/workspaces/${w.a.workspace}/sites`, {
    name: "Boutique Été",
    allowedOrigins: ["https://*.boutique.test", "http://localhost:*", "loopback"],
    settings: { retentionDays: 90, currency: "EUR" },
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const s = r.body;
  assert.match(s.id, /^boutique-ete-[0-9a-f]{6}$/);
  assert.match(s.publicKey, /^pk_live_[0-9a-f]{24}$/);
  assert.equal(s.workspaceId, w.a.workspace);
  assert.equal(s.settings.retentionDays, 90);
  assert.equal(s.settings.currency, "EUR");
  assert.equal(s.settings.honourGpc, true);
  assert.equal(s.settings.ipsBenchmarks.engage.floor, 0.3);
  assert.equal(s.snippet, `<script async src="${w.url}/t/${s.publicKey}.js"></script>`);
  // The loader the snippet names carries the site's key and loads the versioned tag.
  const loader = await fetch(`${w.url}/t/${s.publicKey}.js`);
  assert.equal(loader.status, 200);
  const js = await loader.text();
  assert.ok(js.includes(`c.site="${s.publicKey}"`));
  assert.ok(js.includes(`/intently.js?v=${w.server.ctx.tagVersion}`));
  assert.deepEqual(s.tag, {
    seenInLastHour: false,
    lastEventAt: null,
    refusedOrigins: [],
    firstPurchaseAt: null,
  });
  const listed = await w.viewer.get(`/api/workspaces/${w.a.workspace}/sites`);
  assert.ok(listed.body.some((x: { id: string }) => x.id === s.id));
  assert.ok(
    !(await w.other.get(`/api/workspaces/${w.b.workspace}/sites`)).body.some(
      (x: { id: string }) => x.id === s.id,
    ),
  );
});

test("the tag status turns on when the site's sessions are live or recorded in the last hour", async () => {
  const site = (await w.admin.post(`/api/workspaces/${w.a.workspace}/sites`, { name: "Live" }))
    .body;
  const now = Date.now();
  liveSession(w.server, site.id, "v1", "s1");
  const r = await w.viewer.get(`/api/sites/${site.id}`);
  assert.equal(r.body.tag.seenInLastHour, true);
  assert.ok(r.body.tag.lastEventAt >= now - 5000);
  // Ended and written: the store answers.
  assert.equal(
    endLiveSessions(w.server.ctx, (s) => s.site === site.id),
    1,
  );
  await w.server.ctx.store.flush();
  const after = await w.viewer.get(`/api/sites/${site.id}`);
  assert.equal(after.body.tag.seenInLastHour, true);
  assert.equal(after.body.tag.lastEventAt, r.body.tag.lastEventAt);
});

test("settings are validated and merged; IPS benchmarks phase by phase", async () => {
  const path = `/api/sites/${w.a.site}`;
  const ok = await w.admin.patch(path, {
    name: "Shop A (UK)",
    allowedOrigins: ["https://shop-a.test", "https://www.shop-a.test"],
    settings: { retentionDays: 30, ipsBenchmarks: { convert: { floor: 0.2, ceiling: 0.9 } } },
  });
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  assert.equal(ok.body.name, "Shop A (UK)");
  assert.equal(ok.body.settings.retentionDays, 30);
  assert.deepEqual(ok.body.settings.ipsBenchmarks.convert, { floor: 0.2, ceiling: 0.9 });
  assert.deepEqual(ok.body.settings.ipsBenchmarks.engage, { floor: 0.3, ceiling: 0.7 });
  assert.equal(ok.body.settings.currency, "GBP");

  const bad = [
    [{ settings: { retentionDays: 0 } }, "/body/settings/retentionDays"],
    [
      { settings: { ipsBenchmarks: { engage: { floor: 0.8, ceiling: 0.2 } } } },
      "/body/settings/ipsBenchmarks/engage",
    ],
    [{ allowedOrigins: ["not an origin"] }, "/body/allowedOrigins/0"],
    [{ settings: { currency: "pounds" } }, "/body/settings/currency"],
    [{ name: "" }, "/body/name"],
  ] as const;
  for (const [body, where] of bad) {
    const r = await w.admin.patch(path, body);
    assert.equal(r.status, 400, JSON.stringify(body));
    assert.ok(
      r.body.issues.some((i: { path: string }) => i.path === where),
      `${where} in ${JSON.stringify(r.body)}`,
    );
  }
  assert.equal((await w.admin.get(path)).body.settings.retentionDays, 30);
});

test("deleting a site removes it, its engine segments and its data", async () => {
  const site = (await w.admin.post(`/api/workspaces/${w.a.workspace}/sites`, { name: "Doomed" }))
    .body;
  await w.admin.post(`/api/sites/${site.id}/segments`, {
    id: "all",
    name: "All",
    condition: { pageViews: { $gte: 0 } },
  });
  const { store } = w.server.ctx;
  await ingestSimulation({
    store,
    sessions: 20,
    seed: 5,
    site: site.id,
    days: 1,
    start: Date.UTC(2025, 0, 6),
  });
  const period = { site: site.id, from: Date.UTC(2025, 0, 1), to: Date.UTC(2025, 1, 1) };
  assert.ok((await store.queries.frameworkTotals(period)).total.sessions > 0);
  assert.equal((await w.admin.delete(`/api/sites/${site.id}`)).status, 204);
  assert.equal((await store.queries.frameworkTotals(period)).total.sessions, 0);
  assert.equal((await w.admin.get(`/api/sites/${site.id}`)).status, 404);
  assert.equal((await w.admin.get(`/api/sites/${site.id}/segments`)).status, 404);
});

test("workspaces: create, list and read", async () => {
  const made = await w.editor.post("/api/workspaces", { name: "Editor's own" });
  assert.equal(made.status, 201);
  assert.equal(made.body.role, "admin");
  const list = await w.editor.get("/api/workspaces");
  assert.deepEqual(list.body.map((x: { role: string }) => x.role).sort(), ["admin", "editor"]);
  assert.equal((await w.editor.get(`/api/workspaces/${made.body.id}`)).body.name, "Editor's own");
  assert.equal((await w.viewer.get(`/api/workspaces/${made.body.id}`)).status, 404);
  assert.equal((await w.editor.post("/api/workspaces", { name: "" })).status, 400);
});

test("members: invite, accept, change role, keep one admin, remove", async () => {
  const base = `/api/workspaces/${w.a.workspace}/members`;
  const added = await w.admin.post(base, { email: "New.Person@Shop-A.test", role: "editor" });
  assert.equal(added.status, 201);
  assert.equal(added.body.invitation.email, "new.person@shop-a.test");
  assert.equal(added.body.password, undefined);
  const c = new Client(w.url);
  const accepted = await c.acceptInvitation(added.body.token, "new-person-password");
  assert.equal(accepted.status, 200);
  assert.equal(
    (await w.admin.post(base, { email: "new.person@shop-a.test", role: "viewer" })).status,
    409,
  );
  assert.equal((await w.admin.post(base, { email: "not-an-email", role: "viewer" })).status, 400);
  assert.equal((await w.admin.post(base, { email: "x@y.test", role: "owner" })).status, 400);

  const id = accepted.body.user.id;
  const patched = await w.admin.patch(`${base}/${id}`, { role: "viewer" });
  assert.equal(patched.body.role, "viewer");
  assert.equal(
    (await c.post(`/api/sites/${w.a.site}/segments`, { id: "nope", name: "n", condition: {} }))
      .status,
    403,
  );

  // The only admin can neither demote nor remove themselves.
  const me = (await w.admin.get("/api/me")).body.user.id;
  assert.equal((await w.admin.patch(`${base}/${me}`, { role: "editor" })).status, 409);
  assert.equal((await w.admin.delete(`${base}/${me}`)).status, 409);

  assert.equal((await w.admin.delete(`${base}/${id}`)).status, 204);
  assert.equal((await c.get(`/api/sites/${w.a.site}`)).status, 404);
  const members = (await w.admin.get(base)).body;
  assert.ok(members.every((m: { userId: string }) => m.userId !== id));
  assert.ok(members.some((m: { email: string; role: string }) => m.role === "admin"));
});
