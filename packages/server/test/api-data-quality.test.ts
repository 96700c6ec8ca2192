/**
 * Issue 19 through the real server, collector, engine and DuckDB store: the data-quality answer
 * (events by source format, refusals, ambiguous amounts, unknown page types, orders de-duplicated,
 * confirmations without an order), and an order sent by two visitors counted once per site.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { DuckDbStore } from "@intently/store";
import { Client } from "./support-api/client.ts";
import { withFullServer } from "./support-api/full-server.ts";
import { makeBatch, post } from "./support-collector/helpers.ts";

const SHOP = "https://www.magento-shop.test";
const full = withFullServer({ origin: SHOP, site: { name: "Magento shop" } });

test("the data-quality page's figures, and an order counted once per site", async () => {
  const now = Date.now();
  const pv = (t: number, path: string, type?: string) => ({
    type: "page_view",
    t,
    page: { url: `${SHOP}${path}`, ...(type ? { type } : {}) },
  });
  const item = { id: "bag", price: 50, quantity: 1 };
  // A buyer: untyped Magento pages (typed by the server), a UA cart add whose price was ambiguous,
  // and the order from the GA4 dataLayer.
  await full.send("v1", "s1", [
    pv(now - 9000, "/catalog/product/view/id/42/"),
    {
      type: "add_to_cart",
      t: now - 8000,
      source: "ua",
      items: [{ id: "bag", price_raw: "1.299" }],
    },
    pv(now - 7000, "/checkout/"),
    pv(now - 6000, "/checkout/onepage/success/", "checkout"),
    {
      type: "purchase",
      t: now - 5900,
      source: "ga4",
      transaction_id: "100042",
      value: 50,
      items: [item],
    },
  ]);
  // The same order after a cookie reset (another visitor), through the Elevar adapter; a page of
  // no known layout.
  await full.send("v2", "s2", [
    pv(now - 5000, "/about-us"),
    {
      type: "purchase",
      t: now - 4000,
      source: "elevar",
      transaction_id: "100042",
      value: 50,
      items: [item],
    },
  ]);
  // A confirmation page with no order read.
  await full.send("v3", "s3", [pv(now - 3000, "/checkout/onepage/success/")]);
  // Refused: an origin the site does not allow.
  const evil = await post(full.collectUrl, makeBatch({ site: full.site.publicKey }), {
    origin: "https://copy.test",
  });
  assert.equal(evil.status, 403);

  full.server.ctx.host.endAll();
  const r = await full.admin.get(`/api/sites/${full.site.id}/data-quality`);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  const q = r.body;
  const formats = Object.fromEntries(
    (q.formats as { format: string; events: number }[]).map((f) => [f.format, f.events]),
  );
  assert.deepEqual(formats, { tag: 5, ga4: 1, ua: 1, elevar: 1 });
  assert.equal(q.events, 8);
  assert.equal(q.ambiguousAmounts, 1);
  assert.equal(q.pageViews, 5);
  assert.equal(q.unknownPageTypes, 1, "only /about-us is left untyped");
  assert.equal(q.unknownPageShare, 1 / 5);
  assert.equal(q.ordersDeduplicated, 1);
  assert.equal(q.ordersWithoutValue, 1, "s3 saw the success page without an order");
  assert.deepEqual(
    (q.refused as { reason: string; detail: string; count: number }[]).map((x) => [
      x.reason,
      x.detail,
      x.count,
    ]),
    [["origin not allowed", "https://copy.test", 1]],
  );
  assert.ok(q.to - q.from === 24 * 3_600_000);

  // The order is stored once: s1 keeps it, s2 does not; the success page typed s1 Post Purchase.
  const store = full.server.ctx.store as DuckDbStore;
  const rows = await store.db.query(
    "SELECT session, orders, revenue, stage FROM sessions WHERE site = $site ORDER BY session",
    { site: full.site.id },
  );
  assert.deepEqual(
    rows.map((x) => [x.session, Number(x.orders), Number(x.revenue), x.stage]),
    [
      ["s1", 1, 50, "post-purchase"],
      ["s2", 0, 0, "post-purchase"],
      ["s3", 0, 0, "post-purchase"],
    ],
  );
  const stored = await store.db.query(
    "SELECT page_type FROM events WHERE site = $site AND page_url LIKE '%onepage/success%' ORDER BY t",
    { site: full.site.id },
  );
  assert.deepEqual(
    stored.map((x) => x.page_type),
    ["confirmation", "confirmation"],
  );
  // Another workspace's site is not found; the route needs a signed-in member.
  assert.equal(
    (await new Client(full.server.url).get(`/api/sites/${full.site.id}/data-quality`)).status,
    401,
  );
});
