/**
 * Credentials inside a destination URL (`https://user:password@host/…?token=…`) are never shown
 * (issue 13): every API view masks them, for every role, and an edit that sends the masked URL
 * back keeps the stored credentials.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { type World, world } from "./support-api/server.ts";

const SECRET = `whsec_${Buffer.alloc(32, "creds").toString("base64")}`;
const PASSWORD = "hook-pass-4f9e2a";
const TOKEN = "tok-7c1d93b0e5";
const URL_WITH_CREDENTIALS = `https://hook-user:${PASSWORD}@93.184.216.34/in?token=${TOKEN}&site=a`;
const MASKED = "https://***@93.184.216.34/in?token=***&site=a";

let w: World;
let base = "";
let id = "";

before(async () => {
  w = await world();
  base = `/api/sites/${w.a.site}/integrations`;
  const made = await w.editor.post(base, {
    name: "CRM",
    kind: "webhook",
    config: { url: URL_WITH_CREDENTIALS, secret: SECRET },
  });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  id = made.body.id;
  assert.equal(made.body.config.url, MASKED);
});

after(async () => {
  await w.server.close();
});

async function storedUrl(): Promise<unknown> {
  const row = await w.server.ctx.store.config.getIntegration(id);
  return (row?.config as { url?: string } | undefined)?.url;
}

test("no role reads the URL's password or token: neither in the list nor in one integration", async () => {
  for (const c of [w.viewer, w.editor, w.admin]) {
    for (const path of [base, `${base}/${id}`]) {
      const r = await c.get(path);
      assert.equal(r.status, 200);
      const text = r.raw.toString("utf8");
      assert.ok(!text.includes(PASSWORD) && !text.includes(TOKEN), text);
      assert.ok(!text.includes("hook-user"), text);
    }
    assert.equal((await c.get(`${base}/${id}`)).body.config.url, MASKED);
  }
  assert.equal(await storedUrl(), URL_WITH_CREDENTIALS);
});

test("an edit that sends the masked URL back keeps the stored credentials", async () => {
  const seen = (await w.admin.get(`${base}/${id}`)).body;
  const r = await w.admin.patch(`${base}/${id}`, {
    name: "CRM (renamed)",
    config: { ...seen.config, segments: [] },
  });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.config.url, MASKED);
  assert.equal(await storedUrl(), URL_WITH_CREDENTIALS);
  // A patch that leaves the URL out keeps it too.
  assert.equal((await w.editor.patch(`${base}/${id}`, { enabled: false })).status, 200);
  assert.equal(await storedUrl(), URL_WITH_CREDENTIALS);
});

test("new credentials replace the stored ones (with the secret sent again, as for any move)", async () => {
  const next = "https://other:new-pass-8d2c@93.184.216.34/in?key=k-5150";
  const r = await w.editor.patch(`${base}/${id}`, { config: { url: next, secret: SECRET } });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.config.url, "https://***@93.184.216.34/in?key=***");
  assert.equal(await storedUrl(), next);
  // The masked form of another URL is not a way to keep the old credentials at a new host.
  const moved = await w.editor.patch(`${base}/${id}`, {
    config: { url: "https://***@93.184.216.35/in?key=***", secret: SECRET },
  });
  assert.equal(moved.status, 400, JSON.stringify(moved.body));
  assert.equal(await storedUrl(), next);
});
