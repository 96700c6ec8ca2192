/** Exit intent (desktop top edge, mobile fast scroll up) and hidden tabs, in real Chromium. */
import assert from "node:assert/strict";
import { after, afterEach, before, beforeEach, test } from "node:test";
import type { Page } from "playwright-core";
import { settle, until } from "./support/actions.ts";
import { close, type Harness, open, setup, teardown } from "./support/browser.ts";

let h: Harness;
before(async () => {
  h = await setup();
});
after(() => teardown(h));
beforeEach(() => h.server.reset());
afterEach(() => assert.deepEqual(h.server.invalid(), [], "every body validates"));

const TALL = `<div style="height:6000px">A long category page</div>`;
const MOBILE = { hasTouch: true, isMobile: true, viewport: { width: 390, height: 844 } };

/** Waits until the page has been open for at least `ms` (its own clock). */
const onPageFor = (page: Page, ms: number) =>
  page.waitForFunction((m) => performance.now() > m, ms);

test("exit intent: the pointer leaves through the top edge after a second on the page", async () => {
  const page = await open(h, "exit-top", TALL);
  await onPageFor(page, 1100);
  await until(h.server, "exit_intent", async () => {
    await page.mouse.move(400, 300);
    await page.mouse.move(400, 10);
    await page.mouse.move(400, -30);
  });
  const e = h.server.events("exit_intent")[0];
  assert.equal(e?.type === "exit_intent" && e.target, "top");
  await close(page);
});

test("no exit intent: the pointer leaves through the bottom or the side", async () => {
  const page = await open(h, "exit-bottom", TALL);
  await onPageFor(page, 1100);
  await page.mouse.move(400, 300);
  await page.mouse.move(400, 700);
  await page.mouse.move(400, 900);
  await page.mouse.move(300, 300);
  await page.mouse.move(-40, 300);
  await settle(page, h.server);
  assert.equal(h.server.events("exit_intent").length, 0);
  await close(page);
});

/** One fast upward flick: scroll positions a frame apart (source text: no bundler helpers). */
const FLICK = `(async () => {
  const frame = () => new Promise((r) => addEventListener("scroll", r, { once: true }));
  for (const y of [3000, 2990, 2600]) { scrollTo(0, y); await frame(); }
})()`;
const flick = async (page: Page): Promise<void> => {
  await page.evaluate(FLICK);
};

test("exit intent on mobile: a fast scroll up", async () => {
  const page = await open(h, "exit-mobile", TALL, { context: MOBILE });
  await until(h.server, "exit_intent", () => flick(page));
  const e = h.server.events("exit_intent")[0];
  assert.equal(e?.type === "exit_intent" && e.target, "scroll");
  await close(page);
});

test("no exit intent on mobile: scrolling up slowly", async () => {
  const page = await open(h, "slow-mobile", TALL, { context: MOBILE });
  await page.evaluate(async () => {
    scrollTo(0, 3000);
    for (let i = 0; i < 10; i++) {
      await new Promise((r) => setTimeout(r, 150));
      scrollBy(0, -40);
    }
  });
  await settle(page, h.server);
  assert.equal(h.server.events("exit_intent").length, 0);
  await close(page);
});

/** Headless tabs stay visible: the visibility change is simulated as the browser does it. */
const setVisibility = (page: Page, state: "hidden" | "visible") =>
  page.evaluate(`(() => {
    const s = "${state}";
    Object.defineProperty(document, "visibilityState", { configurable: true, get() { return s; } });
    Object.defineProperty(document, "hidden", { configurable: true, get() { return s === "hidden"; } });
    document.dispatchEvent(new Event("visibilitychange"));
  })()`);

test("a hidden tab is sent at once (with the page's engagement), and its return", async () => {
  const page = await open(h, "hidden", TALL);
  await page.evaluate(() => scrollTo(0, 2000));
  await setVisibility(page, "hidden");
  await h.server.waitForEvent("tab_hidden");
  const eng = await h.server.waitForEvent("page_engagement");
  assert.ok(eng.type === "page_engagement" && (eng.depth ?? 0) >= 30, "scroll depth reached");
  await setVisibility(page, "visible");
  await h.server.waitForEvent("tab_visible");
  await close(page);
});
