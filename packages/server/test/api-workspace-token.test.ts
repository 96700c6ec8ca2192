/**
 * A workspace created with an API token (issue 23, item 9): an admin token may, its user becomes
 * the new workspace's admin and the answer carries an admin token of the new workspace (shown
 * once, not cached), which works there while the first token still acts in its own workspace
 * only; editor and viewer tokens get 403. Over real HTTP.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { RunningServer } from "../src/index.ts";
import { Client } from "./support-api/client.ts";
import { ADMIN, startApi } from "./support-api/server.ts";

let server: RunningServer;
let admin: Client;
before(async () => {
  server = await startApi();
  admin = new Client(server.url);
  assert.equal((await admin.login(ADMIN.email, ADMIN.password)).status, 200);
});
after(() => server.close());

async function token(role: string): Promise<Client> {
  const r = await admin.post("/api/workspaces/default/tokens", { name: `ci-${role}`, role });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return Client.withToken(server.url, r.body.token);
}

test("an admin token creates a workspace and gets an admin token of it", async () => {
  const ci = await token("admin");
  const r = await ci.post("/api/workspaces", { name: "  Second shop " });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  assert.equal(r.body.name, "Second shop");
  assert.equal(r.body.role, "admin");
  assert.match(r.body.token, /^itk_/);
  assert.equal(r.headers.get("cache-control"), "no-store");
  const ws = r.body.id as string;

  // The new token works in the new workspace, as admin (it can make a site there)…
  const next = Client.withToken(server.url, r.body.token);
  const site = await next.post(`/api/workspaces/${ws}/sites`, { name: "Shop 2" });
  assert.equal(site.status, 201, JSON.stringify(site.body));
  assert.equal((await next.get("/api/workspaces/default")).status, 404, "not in the first one");
  // …the first token stays in its own workspace…
  assert.equal((await ci.get(`/api/workspaces/${ws}`)).status, 404);
  // …and the token's user (signed in) is admin of it.
  const mine = (await admin.get("/api/workspaces")).body as { id: string; role: string }[];
  assert.equal(mine.find((w) => w.id === ws)?.role, "admin");
  // A session's answer carries no token.
  const bySession = await admin.post("/api/workspaces", { name: "Third" });
  assert.equal(bySession.status, 201);
  assert.equal(bySession.body.token, undefined);
});

test("editor and viewer tokens cannot create a workspace", async () => {
  const before = ((await admin.get("/api/workspaces")).body as unknown[]).length;
  for (const role of ["editor", "viewer"]) {
    const r = await (await token(role)).post("/api/workspaces", { name: "Nope" });
    assert.equal(r.status, 403, `${role}: ${JSON.stringify(r.body)}`);
    assert.match(r.body.message, /admin role to create a workspace/);
  }
  assert.equal(((await admin.get("/api/workspaces")).body as unknown[]).length, before);
});
