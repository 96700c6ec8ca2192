/**
 * dataLayer formats in Chromium through the built tag: each vendor fixture (support/fixtures.ts,
 * which names the documents it follows) replayed on a page gives the expected events; GTM's data
 * model merges and clears; a dataLayer array replaced after load is still read; one order is
 * sent once across dual tagging, reloads and the back button; locale amounts use the site's
 * locale and are never guessed without it.
 */
import assert from "node:assert/strict";
import { after, afterEach, before, beforeEach, test } from "node:test";
import { COMMERCE_TYPES, type CommerceEvent } from "@intently/engine";
import type { Page } from "playwright-core";
import { base, close, type Harness, open, setup, teardown } from "./support/browser.ts";
import { contains, FIXTURES } from "./support/fixtures.ts";
import { waitFor } from "./support/wait.ts";

let h: Harness;
before(async () => {
  h = await setup();
});
after(() => teardown(h));
beforeEach(() => h.server.reset());
afterEach(() => assert.deepEqual(h.server.invalid(), [], "every body validates"));

const GTAG =
  "<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}</script>";
const commerce = (): CommerceEvent[] =>
  h.server
    .events()
    .filter((e) => (COMMERCE_TYPES as readonly string[]).includes(e.type))
    .map(({ batch, t, page, ...e }) => e as CommerceEvent);

/** Waits for `n` commerce events, then a moment more to see that no other one follows. */
async function received(n: number): Promise<CommerceEvent[]> {
  await waitFor(() => commerce().length >= n, `${n} commerce events`);
  await new Promise((r) => setTimeout(r, 600));
  return commerce();
}

/** Pairs each expected event with a received one (requests may arrive out of order). */
function matchAll(got: CommerceEvent[], expected: Record<string, unknown>[]): void {
  assert.equal(got.length, expected.length, JSON.stringify(got.map((e) => e.type)));
  const left = [...got];
  for (const x of expected) {
    const i = left.findIndex((e) => {
      try {
        contains(e, x);
        return true;
      } catch {
        return false;
      }
    });
    if (i < 0) contains(left.find((e) => e.type === x.type) ?? left[0], x);
    left.splice(i, 1);
  }
}

async function replay(page: Page, pushes: unknown[]): Promise<void> {
  await page.evaluate((list) => {
    const w = window as unknown as { dataLayer: unknown[]; gtag: (...a: unknown[]) => void };
    for (const p of list) {
      const g = (p as { gtag?: unknown[] }).gtag;
      if (g) w.gtag(...g);
      else w.dataLayer.push(p);
    }
  }, pushes);
}

for (const f of FIXTURES) {
  test(`${f.name}: replayed in Chromium, the tag sends the expected events`, async () => {
    const page = await open(h, "fmt", "<p>shop</p>", { head: GTAG });
    await replay(page, f.pushes);
    matchAll(await received(f.expected.length), f.expected);
    await close(page);
  });
}

test("pushes before the tag loads merge like GTM's data model; ecommerce: null clears", async () => {
  const head = `${GTAG}<script>
dataLayer.push({ecommerce: {currency: "GBP", value: 25, items: [{item_id: "A", price: 12.5, quantity: 2}]}});
dataLayer.push({event: "add_to_cart"});
dataLayer.push({ecommerce: null});
dataLayer.push({event: "view_cart"});
</script>`;
  const page = await open(h, "merge", "<p>x</p>", { head });
  const got = await received(2);
  contains(
    got.find((e) => e.type === "add_to_cart"),
    {
      value: 25,
      currency: "GBP",
      items: [{ id: "A", price: 12.5, quantity: 2 }],
    },
  );
  const cart = got.find((e) => e.type === "view_cart");
  assert.equal(cart?.items, undefined);
  await close(page);
});

test("a dataLayer array assigned after the tag loaded is read and followed", async () => {
  const page = await open(h, "replace", "<p>x</p>");
  await page.evaluate(() => {
    const w = window as unknown as { dataLayer: unknown[] };
    const cart = { event: "add_to_cart", ecommerce: { items: [{ item_id: "OLD" }] } };
    w.dataLayer.push(cart);
    // The new array holds the old entries too (a copy): they are not sent again.
    w.dataLayer = [
      ...w.dataLayer,
      { event: "view_item", ecommerce: { items: [{ item_id: "NEW1" }] } },
    ];
    w.dataLayer.push({ event: "begin_checkout", ecommerce: { items: [{ item_id: "NEW2" }] } });
    // The same object pushed again is a new event, as in GTM.
    w.dataLayer.push(cart);
  });
  matchAll(await received(4), [
    { type: "add_to_cart", items: [{ id: "OLD" }] },
    { type: "view_item", items: [{ id: "NEW1" }] },
    { type: "begin_checkout", items: [{ id: "NEW2" }] },
    { type: "add_to_cart", items: [{ id: "OLD" }] },
  ]);
  await close(page);
});

test("`var dataLayer` (a property that cannot be redefined): a new array is still found", async () => {
  const head = "<script>var dataLayer = [];</script>";
  const page = await open(h, "var", "<p>x</p>", { head });
  await page.evaluate(() => {
    (window as unknown as { dataLayer: unknown[] }).dataLayer = [
      { event: "view_item", ecommerce: { items: [{ item_id: "V1" }] } },
    ];
  });
  matchAll(await received(1), [{ type: "view_item", items: [{ id: "V1" }] }]);
  await close(page);
});

const ORDER = `${GTAG}<script>
dataLayer.push({ecommerce: null});
dataLayer.push({event: "purchase", ecommerce: {transaction_id: "T-900", value: 59.9, currency: "EUR",
  items: [{item_id: "SKU9", price: 59.9, quantity: 1}]}});
gtag("event", "purchase", {transaction_id: "T-900", value: 59.9, currency: "EUR"});
</script>`;

test("once per order: dual tagging, a reload and the back button send the order once", async () => {
  const page = await open(h, "thanks", "<p>thank you</p>", { head: ORDER });
  await received(1);
  await page.reload();
  await h.server.waitForEvent("page_view", () => h.server.events("page_view").length >= 2);
  await page.goto(`${h.server.url}/p/thanks?next=1`);
  await h.server.waitForEvent("page_view", () => h.server.events("page_view").length >= 3);
  await page.goBack();
  await h.server.waitForEvent("page_view", () => h.server.events("page_view").length >= 4);
  await new Promise((r) => setTimeout(r, 800));
  const orders = h.server.events("purchase");
  assert.equal(orders.length, 1, "one order, sent once");
  contains(orders[0], { transaction_id: "T-900", value: 59.9 });
  // Another order of the same visitor is sent.
  await page.evaluate(() =>
    (window as unknown as { dataLayer: unknown[] }).dataLayer.push({
      event: "purchase",
      ecommerce: { transaction_id: "T-901", value: 10 },
    }),
  );
  await h.server.waitForEvent(
    "purchase",
    (e) => "transaction_id" in e && e.transaction_id === "T-901",
  );
  assert.equal(h.server.events("purchase").length, 2);
  await close(page);
});

test("locale amounts: read with the site's locale; ambiguous without one, kept as text", async () => {
  const push = `<script>window.dataLayer=[{event: "purchase", ecommerce: {transaction_id: "L1",
    value: "1.299,00 €", items: [{item_id: "A", price: "1.299"}]}}]</script>`;
  const lang = `<script>document.documentElement.lang = "de-DE"</script>`;
  const p1 = await open(h, "de", "<p>x</p>", { head: lang + push });
  contains((await received(1))[0], { value: 1299, items: [{ id: "A", price: 1299 }] });
  await close(p1);
  h.server.reset();
  const p2 = await open(h, "nolocale", "<p>x</p>", { head: push });
  const [e] = await received(1);
  contains(e, { value: 1299, items: [{ id: "A", price_raw: "1.299" }] });
  assert.equal(e?.items?.[0]?.price, undefined, "never guessed");
  await close(p2);
  h.server.reset();
  const settings = base(h, { locale: "en-GB" });
  const p3 = await open(h, "en", "<p>x</p>", { head: push, settings });
  contains((await received(1))[0], { items: [{ id: "A", price: 1.299 }] });
  await close(p3);
});
