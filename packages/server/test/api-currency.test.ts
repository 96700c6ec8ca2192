/**
 * Issue 19, currencies, through the real server, collector, engine and DuckDB store: the site's
 * rates are validated (400 naming the field); an order in another currency is converted with the
 * site's rate, or kept apart without one (stored with its currency and amount, not summed into
 * revenue, shown as revenue in other currencies); report answers name their currency.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { DuckDbStore } from "@intently/store";
import { withFullServer } from "./support-api/full-server.ts";

const SHOP = "https://www.uk-shop.test";
const full = withFullServer({
  origin: SHOP,
  site: { name: "UK shop", settings: { currency: "GBP" } },
});

test("currency rates are validated: ISO 4217 codes, finite positive numbers, a bounded count", async () => {
  const patch = (settings: unknown) => full.admin.patch(`/api/sites/${full.site.id}`, { settings });
  const refused = async (settings: unknown, field: RegExp) => {
    const r = await patch(settings);
    assert.equal(r.status, 400, JSON.stringify(r.body));
    assert.match(JSON.stringify(r.body), field);
  };
  await refused({ currencyRates: { XYZ: 1.2 } }, /XYZ.*not an ISO 4217 currency code/);
  await refused({ currencyRates: { eur: 1.2 } }, /eur/);
  await refused({ currencyRates: { EUR: 0 } }, /currencyRates/);
  await refused({ currencyRates: { EUR: -1 } }, /currencyRates/);
  await refused({ currencyRates: { EUR: "1.17" } }, /currencyRates/);
  await refused({ currencyRates: { GBP: 1 } }, /site's own currency/);
  await refused({ currency: "ABC" }, /ABC.*not an ISO 4217/);
  const many = Object.fromEntries(
    Intl.supportedValuesOf("currency")
      .filter((c) => c !== "GBP")
      .slice(0, 51)
      .map((c) => [c, 1]),
  );
  await refused({ currencyRates: many }, /currencyRates/);
  const ok = await patch({ currencyRates: { EUR: 0.85 } });
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  assert.deepEqual(ok.body.settings.currencyRates, { EUR: 0.85 });
  assert.equal(ok.body.settings.currency, "GBP");
});

test("orders in other currencies: converted with a rate, kept apart without one", async () => {
  const now = Date.now();
  const order = (t: number, id: string, value: number, currency?: string) => ({
    type: "purchase",
    t,
    transaction_id: id,
    value,
    ...(currency ? { currency } : {}),
    items: [{ id: "bag", price: value, quantity: 1 }],
  });
  await full.send("v1", "s1", [order(now - 9000, "A1", 100, "GBP")]);
  await full.send("v2", "s2", [order(now - 8000, "A2", 100, "EUR")]); // 85 GBP
  await full.send("v3", "s3", [order(now - 7000, "A3", 12000, "JPY")]); // kept apart
  await full.send("v4", "s4", [order(now - 6000, "A4", 3000, "JPY"), order(now - 5900, "A5", 40)]);
  await full.send("v5", "s5", [
    order(now - 5000, "A6", 50, "usd"),
    { type: "refund", t: now - 4000, transaction_id: "A6", value: 20, currency: "USD" },
  ]);
  full.server.ctx.host.endAll();

  const store = full.server.ctx.store as DuckDbStore;
  await store.flush();
  const rows = await store.db.query(
    "SELECT session, orders, revenue FROM sessions WHERE site = $site ORDER BY session",
    { site: full.site.id },
  );
  assert.deepEqual(
    rows.map((x) => [x.session, Number(x.orders), Number(x.revenue)]),
    [
      ["s1", 1, 100],
      ["s2", 1, 85],
      ["s3", 1, 0],
      ["s4", 2, 40],
      ["s5", 1, 0],
    ],
    "every order counts; only the site's currency (and converted EUR) is revenue",
  );
  const orders = await store.db.query(
    `SELECT transaction_id AS id, kind, value, currency, amount FROM order_events
     WHERE site = $site ORDER BY t`,
    { site: full.site.id },
  );
  assert.deepEqual(
    orders.map((o) => [o.id, o.kind, Number(o.value), o.currency, o.amount]),
    [
      ["A1", "order", 100, null, null],
      ["A2", "order", 85, null, null],
      ["A3", "order", 0, "JPY", 12000],
      ["A4", "order", 0, "JPY", 3000],
      ["A5", "order", 40, null, null],
      ["A6", "order", 0, "USD", 50],
      ["A6", "refund", 0, "USD", 20],
    ],
  );

  const q = await full.admin.get(`/api/sites/${full.site.id}/data-quality`);
  assert.equal(q.status, 200, JSON.stringify(q.body));
  assert.equal(q.body.currency, "GBP");
  assert.deepEqual(q.body.otherCurrencies, [
    { currency: "JPY", orders: 2, amount: 15000 },
    { currency: "USD", orders: 1, amount: 30 },
  ]);

  const lib = await full.admin.get(`/api/sites/${full.site.id}/reports/library?range=today`);
  assert.equal(lib.status, 200, JSON.stringify(lib.body));
  assert.equal(lib.body.currency, "GBP");
});
