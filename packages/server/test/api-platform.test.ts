/**
 * Issue 19, the site's platform setting through the real server, collector, engine and DuckDB
 * store: validated by the API; Magento `.html` product pages are typed only once the site says it
 * runs Magento, and `custom` leaves the platform rules out.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { DuckDbStore } from "@intently/store";
import { withFullServer } from "./support-api/full-server.ts";

const SHOP = "https://www.magento.test";
const full = withFullServer({ origin: SHOP, site: { name: "Magento shop" } });

test("the platform setting types the site's pages by its URL layout", async () => {
  assert.equal(full.site.settings.platform, "auto", "the default");
  const bad = await full.admin.patch(`/api/sites/${full.site.id}`, {
    settings: { platform: "prestashop" },
  });
  assert.equal(bad.status, 400, JSON.stringify(bad.body));
  assert.match(JSON.stringify(bad.body), /platform/);

  let n = 0;
  const view = async (path: string) => {
    n += 1;
    const events = [{ type: "page_view", t: Date.now() - 1000, page: { url: `${SHOP}${path}` } }];
    await full.send(`v${n}`, `s${n}`, events);
  };
  const setPlatform = async (platform: string) => {
    const r = await full.admin.patch(`/api/sites/${full.site.id}`, { settings: { platform } });
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

  const store = full.server.ctx.store as DuckDbStore;
  await store.flush();
  const rows = await store.db.query(
    "SELECT session, page_type FROM events WHERE site = $site ORDER BY session",
    { site: full.site.id },
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
