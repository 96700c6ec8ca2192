/** The tag never breaks the page: failures inside it are reported once and swallowed. */
import assert from "node:assert/strict";
import { after, afterEach, before, beforeEach, test } from "node:test";
import { close, type Harness, open, setup, teardown } from "./support/browser.ts";

let h: Harness;
before(async () => {
  h = await setup();
});
after(() => teardown(h));
beforeEach(() => h.server.reset());
afterEach(() => assert.deepEqual(h.server.invalid(), [], "every body validates"));

const SHOP = `<button id="b" onclick="window.count=(window.count||0)+1">Add</button>
<button id="bad" onclick="null.boom()">Broken</button>`;

test("a throwing dataLayer entry and broken page handlers: the page and the tag go on", async () => {
  const page = await open(h, "broken", SHOP);
  const debug: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "debug") debug.push(m.text());
  });
  const pageErrors: string[] = [];
  page.on("pageerror", (e) => pageErrors.push(e.message));
  const returned = await page.evaluate(() => {
    const dl = (window as unknown as { dataLayer: unknown[] }).dataLayer;
    const evil = {
      event: "add_to_cart",
      get ecommerce(): unknown {
        throw new Error("shop getter");
      },
    };
    const n = dl.push(evil, evil);
    return [n === dl.length, dl.includes(evil)];
  });
  assert.deepEqual(returned, [true, true], "push still returns the length and stores the entry");
  await page.click("#bad");
  await page.click("#b");
  assert.equal(await page.evaluate(() => (window as unknown as { count: number }).count), 1);
  assert.ok(
    pageErrors.some((m) => m.includes("boom")),
    "the page's own error surfaces as before",
  );
  await page.evaluate(() =>
    (window as unknown as { dataLayer: unknown[] }).dataLayer.push({
      event: "add_to_cart",
      ecommerce: { items: [{ item_id: "OK1" }] },
    }),
  );
  await h.server.waitForEvent("add_to_cart", (e) => JSON.stringify(e).includes("OK1"));
  await h.server.waitForEvent("js_error");
  assert.equal(debug.filter((t) => t.startsWith("intently")).length, 1, "reported once");
  await close(page);
});

test("the tag's own handlers failing (a hostile page) does not stop the page's handlers", async () => {
  const page = await open(h, "hostile", SHOP);
  const debug: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "debug") debug.push(m.text());
  });
  await page.evaluate(() => {
    Element.prototype.closest = () => {
      throw new Error("closest broken by the page");
    };
  });
  await page.click("#b");
  await page.click("#b");
  assert.equal(await page.evaluate(() => (window as unknown as { count: number }).count), 2);
  await page.evaluate(() =>
    (window as unknown as { intently: { push(x: unknown): void } }).intently.push({
      event: "view_cart",
    }),
  );
  await h.server.waitForEvent("view_cart");
  assert.equal(debug.filter((t) => t.startsWith("intently")).length, 1, "reported once");
  await close(page);
});

test("a page without settings, or loading the tag twice, does not throw", async () => {
  const errors: string[] = [];
  const page = await open(h, "nosettings", "<p>x</p>", { settings: {}, lazy: false });
  page.on("pageerror", (e) => errors.push(e.message));
  await page.addScriptTag({ url: "/intently.js" });
  const api = await page.evaluate(() => {
    const i = (
      window as unknown as { intently: { ready: boolean; segments: { current(): string[] } } }
    ).intently;
    return [i.ready, i.segments.current()];
  });
  assert.deepEqual(api, [true, []]);
  assert.deepEqual(errors, []);
  assert.equal(h.server.received.length, 0);
  await close(page);
});
