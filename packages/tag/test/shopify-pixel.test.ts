/**
 * The Shopify checkout custom pixel (issue 19), in Chromium: a page plays the theme (the real tag
 * stores its ids), then a page plays Shopify's checkout, which runs the built snippet in a
 * sandboxed iframe (`sandbox="allow-scripts"`, srcdoc: an opaque origin with no storage of its
 * own) given exactly the documented globals — `analytics.subscribe`, `browser.localStorage` and
 * `browser.cookie` as Promises over a postMessage bridge to the storefront, and `init` — and the
 * test fires Shopify's standard events into it.
 */
import assert from "node:assert/strict";
import { after, afterEach, before, beforeEach, test } from "node:test";
import type { Batch, CommerceEvent } from "@intently/engine";
import type { Page } from "playwright-core";
import { SHOPIFY_PIXEL_GZIP_BUDGET } from "../src/build.ts";
import { buildShopifyPixel, gzipBytes } from "../src/shopify/build.ts";
import { close, type Harness, open, setup, teardown } from "./support/browser.ts";
import { waitFor } from "./support/wait.ts";

let h: Harness;
let snippet = "";
before(async () => {
  h = await setup();
  snippet = await buildShopifyPixel({ site: "pk_test", endpoint: `${h.server.url}/` });
});
after(() => teardown(h));
beforeEach(() => h.server.reset());
afterEach(() => assert.deepEqual(h.server.invalid(), [], "every body validates"));

const KEY = "_intently";

/** The sandbox's globals, as Shopify documents them; nothing else is given to the pixel. */
const SANDBOX = `(() => {
  const host = parent;
  const subs = {};
  const waiting = new Map();
  let n = 0;
  const report = (m) => host.postMessage({ pixelError: String(m) }, "*");
  addEventListener("error", (e) => report(e.message));
  addEventListener("unhandledrejection", (e) => report(e.reason));
  const call = (op, args) =>
    new Promise((resolve, reject) => {
      const id = ++n;
      waiting.set(id, [resolve, reject]);
      host.postMessage({ bridge: id, op, args }, "*");
    });
  addEventListener("message", (e) => {
    if (e.source !== host) return;
    const d = e.data || {};
    if (d.reply) {
      const w = waiting.get(d.reply);
      waiting.delete(d.reply);
      if (w) d.error ? w[1](new Error(d.error)) : w[0](d.value);
    } else if (d.fire) {
      for (const f of subs[d.fire.name] || []) {
        try { f(d.fire); } catch (x) { report(x); }
      }
    }
  });
  self.analytics = {
    subscribe(name, f) {
      (subs[name] = subs[name] || []).push(f);
      host.postMessage({ subscribed: name }, "*");
    },
  };
  self.browser = {
    localStorage: {
      getItem: (k) => call("getItem", [k]),
      setItem: (k, v) => call("setItem", [k, v]),
      removeItem: (k) => call("removeItem", [k]),
    },
    cookie: { get: (k) => call("cookieGet", [k]), set: (k, v) => call("cookieSet", [k, v]) },
  };
  self.init = INIT;
})();`;

/** The storefront's side: storage behind the bridge (or refusing every call), the iframe. */
const HOST = `(() => {
  const pixel = (window.pixel = { errors: [], subscribed: [], fire: (ev) => frame.contentWindow.postMessage({ fire: ev }, "*") });
  const frame = document.createElement("iframe");
  addEventListener("message", (e) => {
    if (e.source !== frame.contentWindow) return;
    const d = e.data || {};
    if (d.pixelError) pixel.errors.push(d.pixelError);
    if (d.subscribed) pixel.subscribed.push(d.subscribed);
    if (!d.bridge) return;
    let value = null, error;
    try {
      if (FAIL) throw new Error("storage unavailable");
      const [k, v] = d.args;
      if (d.op === "getItem") value = localStorage.getItem(k);
      else if (d.op === "setItem") localStorage.setItem(k, v);
      else if (d.op === "removeItem") localStorage.removeItem(k);
      else if (d.op === "cookieGet") value = (document.cookie.match("(?:^|; )" + k + "=([^;]*)") || [])[1] || "";
      else if (d.op === "cookieSet") document.cookie = k + "=" + v + ";path=/";
    } catch (x) { error = String(x); }
    e.source.postMessage({ reply: d.bridge, value, error }, "*");
  });
  frame.setAttribute("sandbox", "allow-scripts");
  frame.srcdoc = SRCDOC;
  document.body.appendChild(frame);
})();`;

const json = (x: unknown): string => JSON.stringify(x).replace(/</g, "\\u003c");

/** Opens the checkout page (same origin as the theme's pages) with the pixel in its sandbox. */
async function checkout(page: Page, name: string, fail = false): Promise<string> {
  const href = `${h.server.url}/checkouts/cn/${name}`;
  const init = {
    context: { document: { location: { href: `${href}?token=secret` } } },
    customerPrivacy: { analyticsProcessingAllowed: true },
  };
  const srcdoc = `<!doctype html><script>${SANDBOX.replace("INIT", json(init))}</script><script>${snippet}</script>`;
  const host = HOST.replace("FAIL", String(fail)).replace("SRCDOC", json(srcdoc));
  const url = h.server.page(name, `<!doctype html><body><script>${host}</script></body>`);
  await page.goto(url);
  await page.waitForFunction(
    () => (window as unknown as { pixel: { subscribed: string[] } }).pixel.subscribed.length >= 4,
  );
  return href;
}

const fire = (page: Page, ev: object) =>
  page.evaluate(
    (e) => (window as unknown as { pixel: { fire(e: object): void } }).pixel.fire(e),
    ev,
  );

/** The stored commerce event of a type (the pixel sends nothing else). */
const commerce = async (type: string) =>
  (await h.server.waitForEvent(type)) as CommerceEvent & { batch: Batch };

const errors = (page: Page): Promise<string[]> =>
  page.evaluate(() => (window as unknown as { pixel: { errors: string[] } }).pixel.errors);

const order = (id: string) => ({
  currencyCode: "EUR",
  totalPrice: { amount: 123.45, currencyCode: "EUR" },
  totalTax: { amount: 20.58, currencyCode: "EUR" },
  shippingLine: { price: { amount: 4.95, currencyCode: "EUR" } },
  order: { id },
  lineItems: [
    {
      id: "line-1",
      quantity: 2,
      title: "Linen shirt",
      variant: {
        id: "40001",
        title: "M / Blue",
        price: { amount: 59.25, currencyCode: "EUR" },
        product: { id: "7001", title: "Linen shirt", vendor: "Acme", type: "Shirts" },
      },
    },
  ],
});

const event = (id: string, name: string, href: string, data: unknown) => ({
  id,
  name,
  timestamp: new Date().toISOString(),
  context: { document: { location: { href: `${href}?token=secret#x` } } },
  data,
});

test("the snippet is paste-ready: site and endpoint filled in, within its gzip budget", () => {
  assert.ok(snippet.includes(`"${h.server.url}/v1/collect"`), "the collector endpoint");
  assert.ok(snippet.includes('"pk_test"'), "the site key");
  assert.ok(!/__INTENTLY_/.test(snippet), "no placeholder left");
  const gz = gzipBytes(snippet);
  assert.ok(gz < SHOPIFY_PIXEL_GZIP_BUDGET, `${gz} B gzip`);
  console.log(JSON.stringify({ shopifyPixelBytes: snippet.length, shopifyPixelGzipBytes: gz }));
  assert.throws(() => buildShopifyPixel({ site: "pk test", endpoint: h.server.url }));
  assert.throws(() => buildShopifyPixel({ site: "pk_test", endpoint: "javascript:alert(1)" }));
});

test("checkout events reach the collector under the theme tag's visitor and session, each order once", async () => {
  const page = await open(h, "theme", "<p>shop</p>");
  const view = await h.server.waitForEvent("page_view");
  const { visitor, session } = view.batch;
  const href = await checkout(page, "c1");

  await fire(page, event("sh-start-1", "checkout_started", href, { checkout: order("") }));
  const begin = await commerce("begin_checkout");
  assert.deepEqual([begin.batch.visitor, begin.batch.session], [visitor, session]);
  assert.equal(begin.batch.batch, "b_shp_sh-start-1");
  assert.equal(begin.batch.consent, true, "Shopify's analytics consent is carried");

  const done = event("sh-done-1", "checkout_completed", `${href}/thank-you`, {
    checkout: order("5550001"),
  });
  await fire(page, done);
  const p = await commerce("purchase");
  assert.deepEqual([p.batch.visitor, p.batch.session], [visitor, session], "same visitor, session");
  const { batch: _b, t: _t, ...purchase } = p;
  assert.deepEqual(purchase, {
    type: "purchase",
    page: { url: `${href}/thank-you`, type: "confirmation" },
    value: 123.45,
    currency: "EUR",
    tax: 20.58,
    shipping: 4.95,
    transaction_id: "5550001",
    items: [
      {
        id: "7001",
        name: "Linen shirt",
        variant: "M / Blue",
        brand: "Acme",
        category: "Shirts",
        price: 59.25,
        quantity: 2,
      },
    ],
  });
  assert.equal(p.t, Date.parse(done.timestamp), "the event's own time");
  assert.equal(p.batch.context?.url, href, "the checkout page, without its token");

  // Shopify delivers the same event again (same event.id): one more request, stored once.
  await fire(page, done);
  await waitFor(
    () => h.server.received.filter((r) => r.body.batch === "b_shp_sh-done-1").length >= 2,
    "the second delivery",
  );
  assert.deepEqual(
    h.server.received.filter((r) => r.body.batch === "b_shp_sh-done-1").map((r) => r.duplicate),
    [false, true],
  );
  assert.equal(h.server.events("purchase").length, 1, "the order is stored once");
  assert.deepEqual(await errors(page), []);
  await close(page);
});

test("without the theme's ids the pixel sends under its own, never throws, and the theme keeps its visitor", async () => {
  const page = await (await h.browser.newContext()).newPage();
  const href = await checkout(page, "c2");
  // Malformed and foreign events: ignored, no error.
  await fire(page, { name: "checkout_completed", data: null });
  await fire(page, { id: 7, name: "checkout_completed", data: { checkout: order("1") } });
  await fire(page, event("sh-odd", "checkout_started", href, { checkout: { lineItems: "x" } }));
  await fire(page, event("sh-contact", "checkout_contact_info_submitted", href, {}));
  await fire(page, event("sh-done-2", "checkout_completed", href, { checkout: order("5550002") }));
  const p = await commerce("purchase");
  assert.equal(p.transaction_id, "5550002");
  assert.match(p.batch.visitor, /^v_/);
  assert.match(p.batch.session, /^s_/);
  const odd = await commerce("begin_checkout");
  assert.equal(odd.batch.visitor, p.batch.visitor, "one visitor for every event of the page");
  assert.equal(odd.items, undefined);
  assert.equal(h.server.events().length, 2, "nothing sent for the malformed events");
  const stored = await page.evaluate((k) => JSON.parse(localStorage.getItem(k) ?? "{}"), KEY);
  assert.deepEqual([stored.v, stored.s], [p.batch.visitor, p.batch.session]);
  assert.deepEqual(await errors(page), []);

  await open(h, "theme-after", "<p>shop</p>", { page });
  const view = await h.server.waitForEvent("page_view");
  assert.equal(view.batch.visitor, p.batch.visitor, "the theme tag keeps the pixel's visitor");
  await close(page);
});

test("storage that refuses every call: the pixel still sends, without an error", async () => {
  const page = await (await h.browser.newContext()).newPage();
  const href = await checkout(page, "c3", true);
  await fire(page, event("sh-done-3", "checkout_completed", href, { checkout: order("5550003") }));
  const p = await commerce("purchase");
  assert.equal(p.transaction_id, "5550003");
  assert.match(p.batch.visitor, /^v_/);
  assert.deepEqual(await errors(page), []);
  await close(page);
});

test("the theme tag's cookie fallback is read when localStorage holds no record", async () => {
  const page = await (await h.browser.newContext()).newPage();
  await page.goto(h.server.page("blank", "<p>blank</p>"));
  const rec = { v: "v_cookie1", s: "s_cookie1", t: Date.now() };
  await page
    .context()
    .addCookies([{ name: KEY, value: encodeURIComponent(JSON.stringify(rec)), url: h.server.url }]);
  const href = await checkout(page, "c4");
  await fire(page, event("sh-done-4", "checkout_completed", href, { checkout: order("5550004") }));
  const p = await commerce("purchase");
  assert.deepEqual([p.batch.visitor, p.batch.session], [rec.v, rec.s]);
  assert.deepEqual(await errors(page), []);
  await close(page);
});
