/**
 * Issue 20, item 4: an origin the collector refuses (403) is shown with the site, and allowing
 * it through the API makes the next event count at once (the collector's site cache is dropped).
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import fc from "fast-check";
import { createApiPlugin } from "../src/api/index.ts";
import { createCollectorPlugin } from "../src/collector/index.ts";
import { MAX_PER_SITE, RefusedOrigins } from "../src/collector/refused-origins.ts";
import { type RunningServer, startServer } from "../src/index.ts";
import { Client } from "./support-api/client.ts";
import { ADMIN } from "./support-api/server.ts";
import { makeBatch, post } from "./support-collector/helpers.ts";

let server: RunningServer;
let admin: Client;
before(async () => {
  server = await startServer({ dataDir: null, port: 0 }, [
    createApiPlugin({
      env: { INTENTLY_ADMIN_EMAIL: ADMIN.email, INTENTLY_ADMIN_PASSWORD: ADMIN.password },
      print: () => {},
    }),
    // A long site cache: "allow" must not wait for it.
    createCollectorPlugin({ siteCacheMs: 600_000 }),
  ]);
  admin = new Client(server.url);
  assert.equal((await admin.login(ADMIN.email, ADMIN.password)).status, 200);
});
after(async () => {
  await server.close();
});

test("a refused origin is listed with the site; allowing it counts the next event at once", async () => {
  const created = await admin.post("/api/workspaces/default/sites", { name: "New shop" });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const site = created.body;
  assert.deepEqual(site.tag.refusedOrigins, []);
  const url = `${server.url}/v1/collect`;
  const shop = "https://www.new-shop.test";
  const batch = () => makeBatch({ site: site.publicKey });
  const t0 = Date.now();
  assert.equal((await post(url, batch(), { origin: shop })).status, 403);
  assert.equal((await post(url, batch(), { origin: `${shop}:443` })).status, 403);
  assert.equal((await post(url, batch(), { origin: "null" })).status, 403);
  const seen = (await admin.get(`/api/sites/${site.id}`)).body.tag.refusedOrigins;
  assert.equal(seen.length, 1, JSON.stringify(seen));
  assert.equal(seen[0].origin, shop);
  assert.equal(seen[0].count, 2);
  assert.ok(seen[0].lastAt >= t0);
  // Nothing about the page or the visitor is kept.
  assert.deepEqual(Object.keys(seen[0]).sort(), ["count", "lastAt", "origin"]);

  const patched = await admin.patch(`/api/sites/${site.id}`, { allowedOrigins: [shop] });
  assert.equal(patched.status, 200, JSON.stringify(patched.body));
  assert.deepEqual(patched.body.tag.refusedOrigins, []);
  const next = await post(url, batch(), { origin: shop });
  assert.equal(next.status, 200, JSON.stringify(next.body));
  // The install checklist's last steps: an event, then a purchase (a live session counts).
  const shown = (await admin.get(`/api/sites/${site.id}`)).body.tag;
  assert.ok(shown.lastEventAt >= t0 - 5000);
  assert.equal(shown.firstPurchaseAt, null);
  const t = Date.now();
  const buy = makeBatch({
    site: site.publicKey,
    events: [{ type: "purchase", t: t - 500, transaction_id: "T1", value: 50, currency: "EUR" }],
  });
  assert.equal((await post(url, buy, { origin: shop })).status, 200);
  const bought = (await admin.get(`/api/sites/${site.id}`)).body.tag.firstPurchaseAt;
  assert.ok(bought >= t - 5000, String(bought));
  // Another shop's origin stays refused.
  assert.equal((await post(url, batch(), { origin: "https://other.test" })).status, 403);
  const after = (await admin.get(`/api/sites/${site.id}`)).body.tag.refusedOrigins;
  assert.deepEqual(
    after.map((r: { origin: string }) => r.origin),
    ["https://other.test"],
  );
});

test("refused origins are bounded per site, distinct, most recent first", () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 200 }), (hosts) => {
      const r = new RefusedOrigins();
      for (const [i, h] of hosts.entries()) r.record("s", `https://h${h}.test`, i);
      const list = r.list("s");
      assert.ok(list.length <= MAX_PER_SITE);
      assert.equal(new Set(list.map((x) => x.origin)).size, list.length);
      const distinctRecent = [...new Set([...hosts].reverse())].slice(0, MAX_PER_SITE);
      assert.deepEqual(
        list.map((x) => x.origin),
        distinctRecent.map((h) => `https://h${h}.test`),
      );
      for (const x of list) assert.ok(x.count >= 1);
    }),
  );
});
