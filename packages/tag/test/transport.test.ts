/** Batching, immediate sends, batch limits, offline queue, retry with Retry-After, rate limit. */
import assert from "node:assert/strict";
import { after, afterEach, before, beforeEach, test } from "node:test";
import { base, close, type Harness, open, setup, teardown } from "./support/browser.ts";
import { waitFor } from "./support/wait.ts";

let h: Harness;
before(async () => {
  h = await setup();
});
after(() => teardown(h));
beforeEach(() => h.server.reset());
afterEach(() => assert.deepEqual(h.server.invalid(), [], "every body validates"));

const cart = (sku: string) => ({
  event: "add_to_cart",
  ecommerce: { currency: "GBP", value: 49, items: [{ item_id: sku, price: 49, quantity: 1 }] },
});

test("page views wait for the batch; commerce goes at once, one request per burst", async () => {
  const page = await open(h, "burst", "<p>shop</p>", { settings: base(h, { flushMs: 600_000 }) });
  assert.equal(h.server.received.length, 0, "nothing sent before the batch is due");
  await page.evaluate((c) => {
    const w = window as unknown as { intently: { push(x: unknown): void }; dataLayer: unknown[] };
    w.intently.push(c);
    w.dataLayer.push({ event: "begin_checkout", ecommerce: { value: 49, currency: "GBP" } });
  }, cart("SKU1"));
  await h.server.waitForEvent("begin_checkout");
  const first = h.server.received[0]?.body;
  assert.ok(first);
  assert.deepEqual(
    first.events.map((e) => e.type),
    ["page_view", "add_to_cart", "begin_checkout"],
  );
  assert.match(first.batch, /^b_\w+$/);
  assert.match(first.visitor, /^v_\w+$/);
  assert.match(first.session, /^s_\w+$/);
  assert.equal(first.site, "pk_test");
  const ctx = first.context;
  assert.ok(ctx?.url?.includes("/p/burst"));
  assert.equal(typeof ctx?.lang, "string");
  assert.equal(ctx?.viewport?.length, 2);
  assert.equal(typeof ctx?.tz, "string");
  assert.equal(typeof ctx?.webdriver, "boolean");
  assert.equal(ctx?.previousSessions, 0);
  assert.equal(ctx?.previousPurchases, 0);
  assert.match(h.server.received[0]?.contentType ?? "", /^text\/plain/);
  await close(page);
});

test("batched events flush on the timer and, at page hide, by keepalive fetch", async () => {
  const page = await open(h, "timer", "<p>hello</p>", { settings: base(h, { flushMs: 300 }) });
  await h.server.waitForEvent("page_view");
  await page.evaluate(() => {
    (window as unknown as { intently: { push(x: unknown): void } }).intently.push({
      type: "sort",
      name: "price",
      value: "asc",
    });
  });
  await page.goto("about:blank");
  const e = await h.server.waitForEvent("page_engagement");
  assert.ok(e.type === "page_engagement" && typeof e.ms === "number");
  await h.server.waitForEvent("sort");
  assert.equal(h.server.events("tab_hidden").length, 0, "leaving is not a hidden tab");
  await close(page);
});

test("batches hold at most maxEvents events and maxBytes bytes", async () => {
  const settings = base(h, { flushMs: 600_000, rate: 10_000, burst: 10_000, maxBytes: 4000 });
  const page = await open(h, "split", "<p>big</p>", { settings });
  await page.evaluate(() => {
    const i = (window as unknown as { intently: { push(x: unknown): void } }).intently;
    for (let n = 0; n < 250; n++) i.push({ type: "filter", name: "colour", value: `red-${n}` });
    i.push({ event: "view_cart" });
  });
  await waitFor(() => h.server.events("filter").length === 250, "250 filter events");
  for (const r of h.server.received) {
    assert.ok(r.body.events.length <= 100, "≤ 100 events");
    assert.ok(Buffer.byteLength(r.raw) <= 4000, "≤ maxBytes");
  }
  const ids = h.server.received.map((r) => r.body.batch);
  assert.equal(new Set(ids).size, ids.length, "batch ids are unique");
  await close(page);
});

test("offline: events wait in the localStorage queue and are sent once back online", async () => {
  const page = await open(h, "offline", "<p>x</p>");
  await h.server.waitForEvent("page_view");
  await page.context().setOffline(true);
  await page.evaluate(
    (c) => (window as unknown as { dataLayer: unknown[] }).dataLayer.push(c),
    cart("OFF1"),
  );
  await page.waitForFunction(() => (localStorage.getItem("_intently_q") ?? "").includes("OFF1"));
  assert.equal(h.server.events("add_to_cart").length, 0);
  await page.context().setOffline(false);
  await h.server.waitForEvent("add_to_cart", (e) => JSON.stringify(e).includes("OFF1"));
  await page.waitForFunction(() => !localStorage.getItem("_intently_q"));
  await close(page);
});

test("503 with Retry-After and 429: the same batch is retried and then accepted", async () => {
  const page = await open(h, "retry", "<p>x</p>");
  await h.server.waitForEvent("page_view");
  h.server.failures = [
    { status: 503, headers: { "retry-after": "1" } },
    { status: 429, headers: { "retry-after": "0" } },
  ];
  await page.evaluate(
    (c) => (window as unknown as { dataLayer: unknown[] }).dataLayer.push(c),
    cart("R1"),
  );
  await waitFor(
    () => h.server.received.filter((r) => r.raw.includes("R1")).length >= 3,
    "three attempts",
  );
  const tries = h.server.received.filter((r) => r.raw.includes("R1"));
  assert.deepEqual(
    tries.map((r) => r.status),
    [503, 429, 200],
  );
  assert.equal(new Set(tries.map((r) => r.body.batch)).size, 1, "one batch id (idempotent)");
  await close(page);
});

test("client rate limit: a burst is cut to the bucket, which refills", async () => {
  const page = await open(h, "rate", "<p>x</p>", { settings: base(h, { flushMs: 300 }) });
  await h.server.waitForEvent("page_view");
  await page.evaluate(() => {
    const i = (window as unknown as { intently: { push(x: unknown): void } }).intently;
    for (let n = 0; n < 300; n++) i.push({ type: "filter", name: "size", value: String(n) });
  });
  await waitFor(() => h.server.events("filter").length >= 90, "the burst");
  await waitFor(
    async () => {
      await page.evaluate(() =>
        (window as unknown as { intently: { push(x: unknown): void } }).intently.push({
          event: "view_cart",
        }),
      );
      return h.server.events("view_cart").length > 0;
    },
    "a later event after the bucket refilled",
    20_000,
    300,
  );
  assert.ok(h.server.events("filter").length <= 101, "at most the burst of 100 got through");
  await close(page);
});
