/** Idle and u-turns, in real Chromium. */
import assert from "node:assert/strict";
import { after, afterEach, before, beforeEach, test } from "node:test";
import { settle } from "./support/actions.ts";
import { base, close, type Harness, open, ready, setup, teardown } from "./support/browser.ts";

let h: Harness;
before(async () => {
  h = await setup();
});
after(() => teardown(h));
beforeEach(() => h.server.reset());
afterEach(() => assert.deepEqual(h.server.invalid(), [], "every body validates"));

test("idle: no input for idleMs", async () => {
  const page = await open(h, "idle", "<p>x</p>", { settings: base(h, { idleMs: 800 }) });
  const e = await h.server.waitForEvent("idle");
  assert.ok(e.type === "idle" && (e.ms ?? 0) >= 800);
  await close(page);
});

test("not idle: the pointer keeps moving", async () => {
  const page = await open(h, "busy", "<p>x</p>", { settings: base(h, { idleMs: 3000 }) });
  const end = (await page.evaluate(() => performance.now())) + 4500;
  for (let i = 0; (await page.evaluate(() => performance.now())) < end; i++) {
    await page.mouse.move(100 + (i % 50) * 5, 200);
  }
  await settle(page, h.server);
  assert.equal(h.server.events("idle").length, 0);
  await close(page);
});

const LIST = `<a id="go" href="/p/pdp">A product</a>`;
const PDP = `<button id="buy">Add to cart</button>`;

test("u-turn: a product page left at once, back to the listing", async () => {
  const settings = base(h, { uTurnMs: 15_000 });
  h.server.page("pdp", (await import("./support/browser.ts")).html(settings, PDP));
  const page = await open(h, "list", LIST, { settings });
  await page.click("#go");
  await page.waitForURL("**/p/pdp");
  await ready(page);
  await page.goBack();
  await page.waitForURL("**/p/list");
  const e = await h.server.waitForEvent("u_turn");
  assert.ok(e.type === "u_turn" && typeof e.ms === "number");
  assert.ok(e.batch.events.length > 0);
  await close(page);
});

test("no u-turn: the visitor interacted with the product page before going back", async () => {
  const settings = base(h, { uTurnMs: 15_000 });
  h.server.page("pdp2", (await import("./support/browser.ts")).html(settings, PDP));
  const page = await open(h, "list2", LIST.replace("/p/pdp", "/p/pdp2"), { settings });
  await page.click("#go");
  await page.waitForURL("**/p/pdp2");
  await ready(page);
  await page.click("#buy");
  await page.goBack();
  await page.waitForURL("**/p/list2");
  await ready(page);
  await settle(page, h.server);
  assert.equal(h.server.events("u_turn").length, 0);
  await close(page);
});
