/**
 * GET /api/sites/:site/shopify-pixel (issue 19): the site's Shopify checkout custom pixel, with
 * its public key and collector filled in — the site's own tag address when it has one. The
 * pixel's behaviour is tested in Chromium by packages/tag/test/shopify-pixel.test.ts.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { Client } from "./support-api/client.ts";
import { ADMIN, startApi } from "./support-api/server.ts";

let server: Awaited<ReturnType<typeof startApi>>;
let admin: Client;
before(async () => {
  server = await startApi();
  admin = new Client(server.url);
  assert.equal((await admin.login(ADMIN.email, ADMIN.password)).status, 200);
});
after(() => server.close());

test("the pixel names the site's key and collector, and follows the site's tag address", async () => {
  const site = await admin.post("/api/workspaces/default/sites", { name: "Shopify shop" });
  assert.equal(site.status, 201, JSON.stringify(site.body));
  const path = `/api/sites/${site.body.id}/shopify-pixel`;
  const r = await admin.get<string>(path);
  assert.equal(r.status, 200);
  assert.match(r.headers.get("content-type") ?? "", /^text\/javascript/);
  assert.ok(r.body.includes(`"${site.body.publicKey}"`), "the site's public key");
  assert.ok(r.body.includes(`"${server.url}/v1/collect"`), "the server's collector");
  assert.ok(r.body.includes("checkout_completed"), "the checkout events it subscribes to");

  const base = "https://in.shopify-shop.test/i";
  const patched = await admin.patch(`/api/sites/${site.body.id}`, { settings: { tagBase: base } });
  assert.equal(patched.status, 200, JSON.stringify(patched.body));
  const moved = await admin.get<string>(path);
  assert.ok(moved.body.includes(`"${base}/v1/collect"`), "the site's own tag address");

  assert.equal((await new Client(server.url).get(path)).status, 401, "signed in only");
  assert.equal((await admin.get("/api/sites/no-such-site/shopify-pixel")).status, 404);
});
