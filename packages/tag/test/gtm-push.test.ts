/**
 * GTM push in real Chromium: a segment entry from the (test) collector's answer pushes
 * `{event: "intently_segment_enter", intently_segment: id}` onto the dataLayer once per entry;
 * nothing when disabled or (by default) when the page has no dataLayer; a throwing dataLayer
 * never reaches the page.
 */
import assert from "node:assert/strict";
import { after, afterEach, before, beforeEach, test } from "node:test";
import type { Page } from "playwright-core";
import { base, close, type Harness, open, setup, teardown } from "./support/browser.ts";

let h: Harness;
before(async () => {
  h = await setup();
});
after(() => teardown(h));
beforeEach(() => h.server.reset());
afterEach(() => assert.deepEqual(h.server.invalid(), [], "every body validates"));

declare const intently: {
  push(x: unknown): void;
  on(type: string, h: () => void): void;
  segments: { matches(id: string): boolean };
};

const PAGE_DATALAYER = "<script>window.dataLayer = [{ page_type: 'home' }];</script>";
/** Batches wait (no send before the detectors are in); commerce events go at once. */
const settings = (extra: object = {}) => base(h, { flushMs: 60_000, ...extra });

/** Two entries: focused-browsers (a view_cart), then struggling-buyers (a JS error). */
async function enterTwice(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { answers: number };
    w.answers = 0;
    intently.on("state", () => w.answers++);
    intently.push({ event: "view_cart" });
  });
  await page.waitForFunction(() => intently.segments.matches("focused-browsers"));
  await page.evaluate(() => setTimeout(() => Promise.reject(new Error("checkout broke"))));
  await page.waitForFunction(() => intently.segments.matches("struggling-buyers"));
  // A third answer, without any entry, pushes nothing.
  await page.evaluate(() => intently.push({ event: "view_cart" }));
  await page.waitForFunction(() => (window as unknown as { answers: number }).answers >= 3);
}

const pushes = (page: Page) =>
  page.evaluate(() =>
    ((window as unknown as { dataLayer?: { event?: string }[] }).dataLayer ?? []).filter(
      (x) => x?.event === "intently_segment_enter",
    ),
  );

const ENTRIES = [
  { event: "intently_segment_enter", intently_segment: "focused-browsers" },
  { event: "intently_segment_enter", intently_segment: "struggling-buyers" },
];

test("the page's dataLayer gets exactly one push per segment entry (default: on)", async () => {
  const page = await open(h, "gtm-on", "<p>x</p>", { settings: settings(), head: PAGE_DATALAYER });
  await enterTwice(page);
  assert.deepEqual(await pushes(page), ENTRIES);
  await close(page);
});

test("no push when disabled (gtm: false), nor by default on a page without a dataLayer", async () => {
  for (const [name, extra, head] of [
    ["gtm-off", { gtm: false }, PAGE_DATALAYER],
    ["gtm-none", {}, ""],
  ] as const) {
    h.server.reset();
    const page = await open(h, name, "<p>x</p>", { settings: settings(extra), head });
    await enterTwice(page);
    assert.deepEqual(await pushes(page), [], name);
    await close(page);
  }
});

test("gtm: true pushes even when the page had no dataLayer", async () => {
  const page = await open(h, "gtm-forced", "<p>x</p>", { settings: settings({ gtm: true }) });
  await enterTwice(page);
  assert.deepEqual(await pushes(page), ENTRIES);
  await close(page);
});

test("a dataLayer whose push throws never reaches the page; other listeners still run", async () => {
  const head = `<script>window.dataLayer = [];
window.dataLayer.push = function () { throw new Error("gtm broke"); };
window.entered = [];
document.addEventListener("intently:segment:enter", (e) => entered.push(e.detail.segment));
</script>`;
  const page = await open(h, "gtm-throws", "<p>x</p>", { settings: settings(), head });
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await enterTwice(page);
  assert.deepEqual(
    await page.evaluate(() => (window as unknown as { entered: string[] }).entered),
    ["focused-browsers", "struggling-buyers"],
  );
  assert.deepEqual(
    errors.filter((m) => m.includes("gtm broke")),
    [],
  );
  await close(page);
});
