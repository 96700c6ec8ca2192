/** Thrashed cursor and form errors (lazy detectors), in real Chromium. */
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

/** Moves the cursor to x(i) every `stepMs` (busy-waiting in the page, so timing is exact). */
function moves(xs: number[], stepMs: number): void {
  for (const x of xs) {
    const until = performance.now() + stepMs;
    while (performance.now() < until) {
      // busy-wait: real time passes between the samples
    }
    document.documentElement.dispatchEvent(
      new MouseEvent("mousemove", { clientX: x, clientY: 300, bubbles: true }),
    );
  }
}

test("thrashed cursor: fast left-right shaking", async () => {
  const page = await open(h, "thrash", "<p>x</p>");
  const xs = Array.from({ length: 16 }, (_, i) => (i % 2 ? 400 : 100));
  await page.evaluate(`(${moves})(${JSON.stringify(xs)}, 20)`);
  await h.server.waitForEvent("thrashed_cursor");
  await close(page);
});

test("not thrashed: a steady sweep and slow back-and-forth", async () => {
  const page = await open(h, "calm", "<p>x</p>");
  const sweep = Array.from({ length: 30 }, (_, i) => 100 + i * 20);
  const slow = Array.from({ length: 8 }, (_, i) => (i % 2 ? 500 : 200));
  await page.evaluate(`(${moves})(${JSON.stringify(sweep)}, 20)`);
  await page.evaluate(`(${moves})(${JSON.stringify(slow)}, 150)`);
  await settle(page, h.server);
  assert.equal(h.server.events("thrashed_cursor").length, 0);
  await close(page);
});

const FORM = `<form id="f" action="/p/done">
<input id="email" type="email" name="email">
<input id="name" name="name" onblur="this.setAttribute('aria-invalid', String(this.value.length < 3))">
<input id="zip" name="zip" required>
<button id="send">Send</button></form>
<button id="other">Other</button>
<input id="pre" aria-invalid="false">
<script>setTimeout(() => document.getElementById("pre").setAttribute("aria-invalid", "true"))</script>`;

test("form errors: an invalid e-mail, a field the page marks aria-invalid, a blocked submit", async () => {
  const page = await open(h, "form", FORM);
  await page.click("#email");
  await page.keyboard.type("not-an-email");
  await page.keyboard.press("Tab");
  const e1 = await h.server.waitForEvent("form_error");
  assert.equal(e1.type === "form_error" && e1.target, "input#email");
  await page.keyboard.type("ab");
  await page.click("#other");
  await h.server.waitForEvent(
    "form_error",
    (e) => e.type === "form_error" && e.target === "input#name",
  );
  // The blocked submit is reported on its first invalid field (the e-mail is fixed first).
  await page.fill("#email", "jo@shop.com");
  await page.click("#send");
  await h.server.waitForEvent(
    "form_error",
    (e) => e.type === "form_error" && e.target === "input#zip",
  );
  assert.equal(await page.evaluate(() => location.pathname), "/p/form", "submit was blocked");
  const raw = h.server.received.map((r) => r.raw).join("");
  assert.ok(!raw.includes("not-an-email"), "no input value is sent");
  await close(page);
});

test("no form error: valid input, and aria-invalid set without user input", async () => {
  const page = await open(h, "formok", FORM);
  await page.waitForFunction(
    () => document.getElementById("pre")?.getAttribute("aria-invalid") === "true",
  );
  await page.click("#email");
  await page.keyboard.type("jo@shop.com");
  await page.click("#name");
  await page.keyboard.type("Jo Smith");
  await page.click("#other");
  await settle(page, h.server);
  assert.equal(h.server.events("form_error").length, 0);
  await close(page);
});
