/** Rage clicks, error clicks, JS errors (hashed) and hesitation, in real Chromium. */
import assert from "node:assert/strict";
import { after, afterEach, before, beforeEach, test } from "node:test";
import { clickTimes, settle, until } from "./support/actions.ts";
import { close, type Harness, open, setup, teardown } from "./support/browser.ts";

let h: Harness;
before(async () => {
  h = await setup();
});
after(() => teardown(h));
beforeEach(() => h.server.reset());
afterEach(() => assert.deepEqual(h.server.invalid(), [], "every body validates"));

const SHOP = `<style>button{margin:40px;padding:10px 30px}</style>
<p id="text">Free delivery on all orders over fifty pounds, returns within thirty days.</p>
<button class="pay primary" id="pay">Pay now</button>
<button id="ok" onclick="this.dataset.n = (+this.dataset.n || 0) + 1">OK</button>
<button id="broken" onclick="undefinedCheckout.submit()">Place order</button>`;

test("rage click: three quick clicks in place on the pay button", async () => {
  const page = await open(h, "rage", SHOP);
  const e = await until(h.server, "rage_click", () => clickTimes(page, "#pay", 3));
  const rage = h.server.events("rage_click")[0];
  assert.ok(e && rage?.type === "rage_click");
  assert.equal(rage.target, "button#pay");
  assert.ok(h.server.events("click").length >= 3, "the clicks themselves are sent");
  await close(page);
});

test("not rage: a triple-click that selects text, or clicks far apart", async () => {
  const page = await open(h, "norage", SHOP);
  await page.click("#text", { clickCount: 3 });
  assert.ok((await page.evaluate(() => String(getSelection()))).length > 10, "text selected");
  await clickTimes(page, "#ok", 3, 40);
  await settle(page, h.server);
  assert.ok(h.server.events("click").length >= 4);
  assert.equal(h.server.events("rage_click").length, 0);
  await close(page);
});

test("error click and JS error: a click whose handler throws; the message is only hashed", async () => {
  const page = await open(h, "errclick", SHOP);
  await page.click("#broken");
  const ec = await h.server.waitForEvent("error_click");
  assert.equal(ec.type === "error_click" && ec.target, "button#broken");
  const js = await h.server.waitForEvent("js_error");
  assert.match(js.type === "js_error" ? (js.hash ?? "") : "", /^[0-9a-f]{1,8}$/);
  const raw = h.server.received.map((r) => r.raw).join("");
  assert.ok(!raw.includes("undefinedCheckout"), "no error text is sent");
  await close(page);
});

test("not an error click: a normal click, and an error with no click before it", async () => {
  const page = await open(h, "noerr", SHOP);
  await page.evaluate(() => setTimeout(() => Promise.reject(new Error("background"))));
  await h.server.waitForEvent("js_error");
  await page.click("#ok");
  await settle(page, h.server);
  assert.equal(h.server.events("error_click").length, 0);
  await close(page);
});

test("hesitation: sent with clicks on clickable targets, not on plain text", async () => {
  const page = await open(h, "hesitate", SHOP);
  await page.hover("#ok");
  await page.click("#ok");
  await page.click("#text");
  await settle(page, h.server);
  const clicks = h.server.events("click");
  const ok = clicks.find((c) => c.type === "click" && c.target === "button#ok");
  const text = clicks.find((c) => c.type === "click" && c.target === "p#text");
  assert.ok(ok?.type === "click" && typeof ok.hesitationMs === "number" && ok.hesitationMs >= 0);
  assert.ok(text?.type === "click" && text.hesitationMs === undefined);
  await close(page);
});
