/** Dead clicks (lazy detector with a MutationObserver), in real Chromium. */
import assert from "node:assert/strict";
import { after, afterEach, before, beforeEach, test } from "node:test";
import { settle } from "./support/actions.ts";
import { close, type Harness, open, setup, teardown } from "./support/browser.ts";

let h: Harness;
before(async () => {
  h = await setup();
});
after(() => teardown(h));
beforeEach(() => h.server.reset());
afterEach(() => assert.deepEqual(h.server.invalid(), [], "every body validates"));

const PAGE = `<style>button,a,div[role]{display:block;margin:20px;padding:8px}</style>
<button id="dead">Apply coupon</button>
<button id="menu" onclick="const m=document.createElement('ul');m.innerHTML='<li>Sizes</li>';this.after(m)">Sizes</button>
<a id="away" href="/p/elsewhere" onclick="event.preventDefault()">Delivery info</a>
<input id="email" type="email" placeholder="E-mail">
<div role="button" id="sentinel">More</div>`;

test("dead click: a button that does nothing", async () => {
  const page = await open(h, "dead", PAGE);
  await page.click("#dead");
  const e = await h.server.waitForEvent("dead_click");
  assert.equal(e.type === "dead_click" && e.target, "button#dead");
  await close(page);
});

test("not dead: a click that opens a menu, a modifier click, a link away, a text input", async () => {
  const page = await open(h, "notdead", PAGE);
  await page.click("#email");
  await page.click("#dead", { modifiers: ["Control"] });
  await page.click("#away");
  await page.click("#menu");
  assert.equal(await page.locator("li").count(), 1, "the menu opened");
  // Let the focus moves above fall outside the sentinel's ±1 s focus window, then click a
  // non-focusable dead target: its check runs after every earlier click's check.
  const t = await page.evaluate(() => performance.now());
  await page.waitForFunction((t0) => performance.now() > t0 + 1200, t);
  await page.click("#sentinel");
  await h.server.waitForEvent("dead_click");
  await settle(page, h.server);
  const dead = h.server.events("dead_click").map((e) => (e.type === "dead_click" ? e.target : ""));
  assert.deepEqual(dead, ["div#sentinel"]);
  await close(page);
});
