/**
 * The SSRF guard through the integrations API, on a server that does NOT allow private
 * destinations (the default): a 400 naming the field when a destination is created or moved to
 * a loopback, private or link-local address (in any host form), pausing still works, and a test
 * send to a destination that turned private since it was saved is refused before any request.
 */
import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, test } from "node:test";
import { ALLOW_PRIVATE_ENV } from "@intently/integrations";
import { Client } from "./support-api/client.ts";
import { ADMIN, startApi } from "./support-api/server.ts";

delete process.env[ALLOW_PRIVATE_ENV];

const SECRET = `whsec_${Buffer.alloc(32, "ssrf").toString("base64")}`;
let hits = 0;
const receiver = createServer((_req, res) => {
  hits++;
  res.writeHead(200).end("ok");
});
let local = "";
let server: Awaited<ReturnType<typeof startApi>>;
let admin: Client;
let base = "";

before(async () => {
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  local = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  server = await startApi();
  admin = new Client(server.url);
  assert.equal((await admin.login(ADMIN.email, ADMIN.password)).status, 200);
  const site = await admin.post("/api/workspaces/default/sites", { name: "Shop" });
  base = `/api/sites/${site.body.id}/integrations`;
});

after(async () => {
  await server.close();
  receiver.closeAllConnections();
  receiver.close();
});

async function refused(body: object, path: string) {
  const r = await admin.post(base, body);
  assert.equal(r.status, 400, JSON.stringify(r.body));
  const issue = r.body.issues.find((i: { path: string }) => i.path === path);
  assert.ok(issue, JSON.stringify(r.body));
  assert.match(issue.message, /address \(private destinations are refused unless/);
  assert.match(r.body.message, new RegExp(ALLOW_PRIVATE_ENV));
}

test("create: loopback, private and link-local destinations are a 400 with the reason", async () => {
  const hook = (url: string) => ({
    name: "Hook",
    kind: "webhook",
    config: { url, secret: SECRET },
  });
  for (const url of [
    local,
    "http://localhost:8080/hook",
    "http://2130706433/hook",
    "http://0x7f000001/hook",
    "http://[::ffff:127.0.0.1]/hook",
    "http://[::1]/hook",
    "http://10.0.0.8/hook",
    "http://192.168.1.10/hook",
    "http://172.20.0.2/hook",
    "http://[fd00::2]/hook",
    "http://0.0.0.0:8080/hook",
  ])
    await refused(hook(url), "/body/config/url");
  await refused(
    {
      name: "Klaviyo",
      kind: "klaviyo",
      config: { apiKey: "pk_x", baseUrl: "http://169.254.169.254" },
    },
    "/body/config/baseUrl",
  );
  await refused(
    {
      name: "GA4",
      kind: "ga4",
      config: { measurementId: "G-X1", apiSecret: "s", baseUrl: "http://[fe80::1]" },
    },
    "/body/config/baseUrl",
  );
  assert.equal(hits, 0);
});

test("update: moving to a private URL is refused; pausing is not re-checked", async () => {
  // A public address literal (no DNS needed); disabled, so nothing is ever sent to it.
  const r = await admin.post(base, {
    name: "Public",
    kind: "webhook",
    enabled: false,
    config: { url: "https://93.184.216.34/hook", secret: SECRET },
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const moved = await admin.patch(`${base}/${r.body.id}`, {
    config: { url: "http://127.1/hook", secret: SECRET },
  });
  assert.equal(moved.status, 400, JSON.stringify(moved.body));
  assert.equal(moved.body.issues[0].path, "/body/config/url");
  const renamed = await admin.patch(`${base}/${r.body.id}`, { name: "Public hook" });
  assert.equal(renamed.status, 200, JSON.stringify(renamed.body));
});

test("test send: a destination that became private since it was saved is refused", async () => {
  const r = await admin.post(base, {
    name: "Turned private",
    kind: "webhook",
    config: { url: "https://93.184.216.34/hook", secret: SECRET },
  });
  assert.equal(r.status, 201);
  // As if its host's DNS now answered 127.0.0.1: the stored URL points at the local receiver.
  const store = server.ctx.store.config;
  const row = (await store.getIntegration(r.body.id))!;
  await store.saveIntegration({ ...row, config: { ...(row.config as object), url: local } });
  const t = await admin.post(`${base}/${r.body.id}/test`);
  assert.equal(t.status, 200, JSON.stringify(t.body));
  assert.equal(t.body.status, 0);
  assert.equal(t.body.verdict, "dead");
  assert.match(t.body.body, /^refused: .*loopback address/);
  assert.equal(hits, 0, "no request reached the receiver");
});
