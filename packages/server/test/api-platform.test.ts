/**
 * Issue 19, the site's platform setting through the real server, collector, engine and DuckDB
 * store: validated by the API; Magento `.html` product pages are typed only once the site says it
 * runs Magento, and `custom` leaves the platform rules out.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { DuckDbStore } from "@intently/store";
import { createApiPlugin } from "../src/api/index.ts";
import { createCollectorPlugin } from "../src/collector/index.ts";
import { type RunningServer, startServer } from "../src/index.ts";
import { Client } from "./support-api/client.ts";
import { ADMIN } from "./support-api/server.ts";
import { makeBatch, post } from "./support-collector/helpers.ts";

const SHOP = "https://www.magento.test";
let server: RunningServer;
let admin: Client;
let site: { id: string; publicKey: string; settings: { platform?: string } };

before(async () => {
  server = await startServer({ dataDir: null, port: 0 }, [
    createApiPlugin({
      env: { INTENTLY_ADMIN_EMAIL: ADMIN.email, INTENTLY_ADMIN_PASSWORD: ADMIN.password },
      print: () => {},
    }),
    createCollectorPlugin({}),
  ]);
  admin = new Client(server.url);
  assert.equal((await admin.login(ADMIN.email, ADMIN.password)).status, 200);
  const created = await admin.post("/api/workspaces/default/sites", {
    name: "Magento shop",
    allowedOrigins: [SHOP],
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  site = created.body;
});
after(async () => {
  await server.close();
});

test("the platform setting types the site's pages by its URL layout", async () => {
  assert.equal(site.settings.platform, "auto", "the default");
  const bad = await admin.patch(`/api/sites/${site.id}`, { settings: { platform: "prestashop" } });
  assert.equal(bad.status, 400, JSON.stringify(bad.body));
  assert.match(JSON.stringify(bad.body), /platform/);

  const url = `${server.url}/v1/collect`;
  let n = 0;
  const view = async (path: string) => {
    n += 1;
    const events = [{ type: "page_view", t: Date.now() - 1000, page: { url: `${SHOP}${path}` } }];
    const b = makeBatch({ site: site.publicKey, visitor: `v${n}`, session: `s${n}`, events });
    const r = await post(url, b, { origin: SHOP });
    assert.equal(r.status, 200, JSON.stringify(r.body));
  };
  const setPlatform = async (platform: string) => {
    const r = await admin.patch(`/api/sites/${site.id}`, { settings: { platform } });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.settings.platform, platform);
  };
  await view("/fusion-backpack.html"); // s1, auto: not typed (categories end in .html too)
  await setPlatform("magento");
  await view("/fusion-backpack.html"); // s2: a Magento product
  await setPlatform("custom");
  await view("/products/blue-shirt"); // s3: no platform rule (Shopify's would type it)
  await setPlatform("auto");
  await view("/products/blue-shirt"); // s4

  const store = server.ctx.store as DuckDbStore;
  await store.flush();
  const rows = await store.db.query(
    "SELECT session, page_type FROM events WHERE site = $site ORDER BY session",
    { site: site.id },
  );
  assert.deepEqual(
    rows.map((r) => [r.session, r.page_type ?? null]),
    [
      ["s1", null],
      ["s2", "product"],
      ["s3", null],
      ["s4", "product"],
    ],
  );
});
