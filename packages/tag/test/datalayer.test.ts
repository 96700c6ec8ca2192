/** GA4 dataLayer mapping (before and after load, gtag calls), experiments, props, page types. */
import assert from "node:assert/strict";
import { after, afterEach, before, beforeEach, test } from "node:test";
import type { CommerceEvent } from "@intently/engine";
import { base, close, type Harness, open, setup, teardown } from "./support/browser.ts";

let h: Harness;
before(async () => {
  h = await setup();
});
after(() => teardown(h));
beforeEach(() => h.server.reset());
afterEach(() => assert.deepEqual(h.server.invalid(), [], "every body validates"));

const BEFORE = `<script>
window.dataLayer = window.dataLayer || [];
function gtag(){dataLayer.push(arguments);}
dataLayer.push({page_type: "product", page_category: "Shoes", customer_tier: "gold"});
dataLayer.push({ecommerce: null});
dataLayer.push({event: "view_item", ecommerce: {currency: "GBP", value: "49.00", items: [
  {item_id: "SKU1", item_name: "Trail shoe", item_category: "Shoes", item_brand: "Acme",
   price: "49.00", quantity: 1, item_variant: "blue"}]}});
gtag("event", "view_item_list", {item_list_name: "Related", items: [{item_id: "SKU2", price: 10}]});
</script>`;

test("entries pushed before the tag loads are mapped, in order, after the page view", async () => {
  const settings = base(h, { props: ["customer_tier"] });
  const page = await open(h, "pdp", "<p>product</p>", { settings, head: BEFORE });
  const item = (await h.server.waitForEvent("view_item")) as CommerceEvent;
  const pv = h.server.events("page_view")[0];
  assert.equal(pv?.type === "page_view" && pv.page.type, "product");
  assert.equal(pv?.page?.category, "Shoes");
  assert.deepEqual(item.items, [
    {
      id: "SKU1",
      name: "Trail shoe",
      category: "Shoes",
      brand: "Acme",
      variant: "blue",
      price: 49,
      quantity: 1,
    },
  ]);
  assert.equal(item.value, 49);
  assert.equal(item.currency, "GBP");
  const list = (await h.server.waitForEvent("view_item_list")) as CommerceEvent;
  assert.equal(list.item_list_name, "Related");
  assert.deepEqual(list.items, [{ id: "SKU2", price: 10 }]);
  const set = await h.server.waitForEvent("set");
  assert.deepEqual(set.type === "set" && set.props, { customer_tier: "gold" });
  const types = h.server.events().map((e) => e.type);
  assert.ok(types.indexOf("page_view") < types.indexOf("view_item"), "page view first");
  await close(page);
});

test("pushes after load (object and gtag) are mapped; search results and purchase fields", async () => {
  const page = await open(h, "after", "<p>x</p>", {
    head: "<script>function gtag(){dataLayer.push(arguments)}</script>",
  });
  await page.evaluate(() => {
    const w = window as unknown as { dataLayer: unknown[]; gtag: (...a: unknown[]) => void };
    w.dataLayer.push({
      event: "view_search_results",
      search_term: "boots",
      ecommerce: { items: [] },
    });
    w.gtag("event", "search", { search_term: "wellies" });
    w.dataLayer.push({
      event: "purchase",
      ecommerce: {
        transaction_id: "T-1",
        value: 120.5,
        currency: "EUR",
        items: [{ item_id: "A", quantity: "2", price: 60.25 }],
      },
    });
  });
  const vsr = (await h.server.waitForEvent("view_search_results")) as CommerceEvent;
  assert.equal(vsr.results, 0, "zero results: the search-no-results signal");
  assert.equal(vsr.search_term, "boots");
  const search = (await h.server.waitForEvent("search")) as CommerceEvent;
  assert.equal(search.search_term, "wellies");
  const purchase = await h.server.waitForEvent("purchase");
  const p = purchase as CommerceEvent;
  assert.equal(p.transaction_id, "T-1");
  assert.equal(p.value, 120.5);
  assert.deepEqual(p.items, [{ id: "A", price: 60.25, quantity: 2 }]);
  // A new campaign starts a new session, which carries the visitor's history.
  await page.goto(`${h.server.url}/p/after?utm_source=news&utm_campaign=spring`);
  const next = await h.server.waitForEvent(
    "page_view",
    (e) => e.page?.url.includes("spring") ?? false,
  );
  const b = next.batch;
  assert.notEqual(b.session, purchase.batch.session);
  assert.equal(b.visitor, purchase.batch.visitor);
  assert.equal(b.context?.previousSessions, 1);
  assert.equal(b.context?.previousPurchases, 1);
  assert.ok(b.context?.url?.includes("utm_campaign=spring"), "UTM kept for source");
  await close(page);
});

test("experiment exposures: GA4 exp_variant_string and explicit ids", async () => {
  const page = await open(h, "exp", "<p>x</p>");
  await page.evaluate(() => {
    const w = window as unknown as { dataLayer: unknown[]; intently: { push(x: unknown): void } };
    w.dataLayer.push({ event: "experience_impression", exp_variant_string: "OPTLY-123-456" });
    w.intently.push({ event: "experience_impression", experiment: "checkout-v2", variant: "B" });
    w.intently.push({ event: "view_cart" });
  });
  await h.server.waitForEvent("view_cart");
  await h.server.waitForEvent(
    "experience_impression",
    (e) => e.type === "experience_impression" && e.variant === "B",
  );
  const got = h.server
    .events("experience_impression")
    .map((e) => (e.type === "experience_impression" ? [e.experiment, e.variant] : []));
  assert.deepEqual(got, [
    ["OPTLY-123", "456"],
    ["checkout-v2", "B"],
  ]);
  await close(page);
});

test("page type from URL rules, and an unknown dataLayer page type becomes 'other'", async () => {
  const p1 = await open(h, "cart", "<p>x</p>");
  const pv = await h.server.waitForEvent("page_view");
  assert.equal(pv.page?.type, "cart");
  await close(p1);
  h.server.reset();
  const head = `<script>window.dataLayer=[{page_type:"mystery"}]</script>`;
  const p2 = await open(h, "odd", "<p>x</p>", { head });
  const pv2 = await h.server.waitForEvent("page_view");
  assert.equal(pv2.page?.type, "other");
  await close(p2);
});

test("malformed entries are ignored without breaking the page or the tag", async () => {
  const page = await open(h, "junk", "<p>x</p>");
  const result = await page.evaluate(() => {
    const dl = (window as unknown as { dataLayer: unknown[] }).dataLayer;
    dl.push(null, 42, "str", { event: "add_to_cart", ecommerce: { items: "nope", value: -5 } });
    dl.push({
      event: "add_to_cart",
      ecommerce: { items: [null, { item_id: 7, price: "x", quantity: 1e9 }] },
    });
    return dl.length;
  });
  assert.ok(result >= 5, "the original push ran");
  const events = await waitForAll(2);
  const [a, b] = events;
  assert.deepEqual(a?.items, undefined);
  assert.equal(a?.value, undefined);
  assert.deepEqual(b?.items, [{ id: "7" }]);
  await close(page);
});

async function waitForAll(n: number): Promise<CommerceEvent[]> {
  await h.server.waitForEvent("add_to_cart", () => h.server.events("add_to_cart").length >= n);
  return h.server.events("add_to_cart") as unknown as CommerceEvent[];
}
