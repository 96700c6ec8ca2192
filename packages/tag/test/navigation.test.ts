/** In-page (history API) navigations: page views, engagement and u-turns in single-page shops. */
import assert from "node:assert/strict";
import { after, afterEach, before, beforeEach, test } from "node:test";
import { base, close, type Harness, open, setup, teardown } from "./support/browser.ts";

let h: Harness;
before(async () => {
  h = await setup();
});
after(() => teardown(h));
beforeEach(() => h.server.reset());
afterEach(() => assert.deepEqual(h.server.invalid(), [], "every body validates"));

test("pushState to another URL: the old page's engagement, then a page view", async () => {
  const page = await open(h, "spa", "<p>x</p>");
  await page.evaluate(() => {
    (window as unknown as { dataLayer: unknown[] }).dataLayer.push({ page_type: "product" });
    history.pushState({}, "", "/p/spa/item/42?email=jo%40shop.com");
    history.replaceState({}, "", "/p/spa/item/42?email=jo%40shop.com&tab=2");
  });
  const pv = await h.server.waitForEvent(
    "page_view",
    (e) => e.page?.url.includes("item/42") ?? false,
  );
  assert.ok(pv.type === "page_view");
  assert.equal(pv.page.type, "product");
  assert.ok(pv.referrer?.endsWith("/p/spa"), "the previous URL is the referrer");
  assert.ok(!pv.page.url.includes("jo%40"), "scrubbed");
  await h.server.waitForEvent("page_engagement");
  assert.equal(h.server.events("page_view").length, 2, "replaceState is not a page view");
  await close(page);
});

test("u-turn in a single-page shop: pushState, then back within the limit", async () => {
  const page = await open(h, "spa-uturn", "<p>x</p>", { settings: base(h, { uTurnMs: 15_000 }) });
  await page.evaluate(() => history.pushState({}, "", "/p/spa-uturn/item/1"));
  await h.server.waitForEvent("page_view", (e) => e.page?.url.includes("item/1") ?? false);
  await page.evaluate(() => history.back());
  const e = await h.server.waitForEvent("u_turn");
  assert.ok(e.type === "u_turn" && typeof e.ms === "number");
  await close(page);
});
