/**
 * Delivery that blockers do not stop (issue 19): at page hide the waiting batches go by keepalive
 * `fetch` (never `sendBeacon`, which EasyPrivacy blocks for a collector on another site), and a
 * batch leaves the tag's storage only when an answer confirms it — one whose answer never came
 * is sent again by the next page, and the collector (here the test server, which answers a batch
 * id it already accepted as a duplicate) stores it once.
 */
import assert from "node:assert/strict";
import { after, afterEach, before, beforeEach, test } from "node:test";
import type { Page } from "playwright-core";
import { base, close, type Harness, open, setup, teardown } from "./support/browser.ts";
import { waitFor } from "./support/wait.ts";

let h: Harness;
before(async () => {
  h = await setup();
});
after(() => teardown(h));
beforeEach(() => h.server.reset());
afterEach(() => assert.deepEqual(h.server.invalid(), [], "every body validates"));

const LOG = "_test_sends";

/**
 * Records, in localStorage (it outlives the page), the batch id of every collect request and how
 * it left: `fetch` with or without keepalive, or `sendBeacon`. The real calls still run. A string,
 * so that no helper of the test's own compiler ends up in the page.
 */
const RECORD_SENDS = `(() => {
  const log = (how, body) => {
    const id = typeof body === "string" ? JSON.parse(body).batch : "";
    const l = JSON.parse(localStorage.getItem("${LOG}") || "[]");
    l.push([how, String(id)]);
    localStorage.setItem("${LOG}", JSON.stringify(l));
  };
  const f = window.fetch;
  window.fetch = (u, o) => {
    if (String(u).includes("/v1/collect")) log(o && o.keepalive ? "keepalive" : "fetch", o && o.body);
    return f(u, o);
  };
  const b = navigator.sendBeacon.bind(navigator);
  navigator.sendBeacon = (u, d) => {
    log("beacon", d);
    return b(u, d);
  };
})();`;

const sends = async (page: Page): Promise<string[][]> =>
  JSON.parse((await page.evaluate((k) => localStorage.getItem(k), LOG)) ?? "[]");

const queued = (page: Page): Promise<string> =>
  page.evaluate(() => localStorage.getItem("_intently_q") ?? "");

test("at page hide the batch goes by keepalive fetch, never by sendBeacon", async () => {
  const context = await h.browser.newContext();
  await context.addInitScript(RECORD_SENDS);
  const page = await open(h, "hide-a", "<p>a</p>", {
    settings: base(h, { flushMs: 600_000 }),
    page: await context.newPage(),
  });
  await page.evaluate(() =>
    (window as unknown as { intently: { push(x: unknown): void } }).intently.push({
      type: "sort",
      name: "price",
      value: "asc",
    }),
  );
  assert.equal(h.server.events("sort").length, 0, "a batched event waits for the page hide");
  await open(h, "hide-b", "<p>b</p>", { page });
  const e = await h.server.waitForEvent("page_engagement");
  await h.server.waitForEvent("sort");
  const log = await sends(page);
  assert.ok(
    log.some(([how, id]) => how === "keepalive" && id === e.batch.batch),
    `the page-hide batch ${e.batch.batch} left by keepalive fetch: ${JSON.stringify(log)}`,
  );
  assert.deepEqual(
    log.filter(([how]) => how === "beacon"),
    [],
    "sendBeacon is never used",
  );
  await close(page);
});

test("a page-hide batch whose answer never came is resent by the next page, stored once", async () => {
  const settings = base(h, { flushMs: 600_000 });
  const page = await open(h, "lost-a", "<p>a</p>", { settings });
  await page.evaluate(() =>
    (window as unknown as { intently: { push(x: unknown): void } }).intently.push({
      type: "sort",
      name: "price",
      value: "LOST1",
    }),
  );
  // The collector stores the page-hide batch, but its answer never reaches the page.
  h.server.hang = 1;
  await open(h, "lost-b", "<p>b</p>", { settings, page });
  const sort = await h.server.waitForEvent("sort");
  const id = sort.batch.batch;
  await waitFor(
    () => h.server.received.filter((r) => r.body.batch === id).length >= 2,
    "the next page's resend of the unanswered batch",
  );
  const tries = h.server.received.filter((r) => r.body.batch === id);
  assert.deepEqual(
    tries.map((r) => [r.status, r.duplicate]),
    [
      [200, false],
      [200, true],
    ],
    "the resend is answered as a duplicate",
  );
  assert.equal(h.server.events("sort").length, 1, "stored once");
  await page.waitForFunction((b) => !(localStorage.getItem("_intently_q") ?? "").includes(b), id);
  await close(page);
});

test("a batch in flight when the page goes is resent by the next page, stored once", async () => {
  const page = await open(h, "flight-a", "<p>a</p>");
  await h.server.waitForEvent("page_view");
  h.server.hang = 1;
  await page.evaluate(() =>
    (window as unknown as { dataLayer: unknown[] }).dataLayer.push({
      event: "add_to_cart",
      ecommerce: { currency: "GBP", value: 49, items: [{ item_id: "LOST2", price: 49 }] },
    }),
  );
  const cart = await h.server.waitForEvent("add_to_cart");
  const id = cart.batch.batch;
  assert.ok((await queued(page)).includes(id), "unanswered, the batch stays in storage");
  await open(h, "flight-b", "<p>b</p>", { page });
  await waitFor(
    () => h.server.received.filter((r) => r.body.batch === id).length >= 2,
    "the resend of the unanswered batch",
  );
  assert.equal(h.server.events("add_to_cart").length, 1, "stored once");
  await page.waitForFunction((b) => !(localStorage.getItem("_intently_q") ?? "").includes(b), id);
  await close(page);
});

test("a confirmed batch is not sent again by the next page", async () => {
  const page = await open(h, "kept-a", "<p>a</p>");
  const view = await h.server.waitForEvent("page_view");
  await page.waitForFunction(() => !localStorage.getItem("_intently_q"));
  await open(h, "kept-b", "<p>b</p>", { page });
  await h.server.waitForEvent("page_view", (e) => JSON.stringify(e).includes("/p/kept-b"));
  assert.equal(
    h.server.received.filter((r) => r.body.batch === view.batch.batch).length,
    1,
    "the answered batch went once",
  );
  await close(page);
});
