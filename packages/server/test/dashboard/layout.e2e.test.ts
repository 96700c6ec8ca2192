/**
 * Issue 20, item 12: the layout from a phone to a desktop. At 390×844 and 1440×900, every page of
 * the dashboard (overview, opportunities, library, a framework and a custom segment, builder and
 * edit, conflicts with the framework segments and a cell's details, live view, model card,
 * integrations with the integration form, users, settings with the tag panel and tokens) must not
 * scroll sideways:
 * document.documentElement.scrollWidth ≤ innerWidth. On the phone the side navigation is a menu
 * button that opens and closes it. A screenshot of every page at both sizes is written to
 * INTENTLY_SCREENSHOTS or artifacts/screenshots/ (layout-<width>-<page>.png, out of the repo).
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { DEMO_SEGMENTS } from "@intently/demo-data";
import type { Browser, Page } from "playwright-core";
import { launch, openTab, screenshot, signIn } from "./support/browser.ts";
import { SITE, startTestServer, type TestServer } from "./support/server.ts";

let t: TestServer;
let browser: Browser;

before(async () => {
  t = await startTestServer();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await t?.close();
});

const custom = DEMO_SEGMENTS[0]!.id;
const base = `/app/sites/${SITE.id}`;

/** Each page: its URL, and what shows that its content has loaded (and opened, where it folds). */
const PAGES: [name: string, path: string, ready: (p: Page) => Promise<unknown>][] = [
  ["overview", base, (p) => p.getByTestId("ips-value").waitFor()],
  ["opportunities", `${base}/opportunities`, (p) => p.getByTestId("opportunities-table").waitFor()],
  ["library", `${base}/segments`, (p) => p.locator("li.segment-tile").first().waitFor()],
  ["framework-segment", `${base}/segments/struggling-buyers`, reportShown],
  ["custom-segment", `${base}/segments/${custom}`, reportShown],
  [
    "builder",
    `${base}/builder`,
    (p) => p.getByRole("heading", { name: "Segment builder" }).waitFor(),
  ],
  [
    "edit",
    `${base}/segments/${custom}/edit`,
    (p) => p.getByRole("heading", { name: /^Edit/ }).waitFor(),
  ],
  ["conflicts", `${base}/conflicts`, conflictsWithFramework],
  ["live", `${base}/live`, (p) => p.getByRole("heading", { name: "Live view" }).waitFor()],
  [
    "model-card",
    `${base}/model`,
    (p) => p.getByRole("heading", { name: "Quality by score" }).waitFor(),
  ],
  [
    "data-quality",
    `${base}/data-quality`,
    (p) => p.getByRole("heading", { name: "Data quality", level: 1 }).waitFor(),
  ],
  ["integrations", `${base}/integrations`, integrationFormOpened],
  ["users", `${base}/users`, (p) => p.getByRole("button", { name: "Invite user" }).waitFor()],
  ["settings", `${base}/settings`, settingsOpened],
];

async function reportShown(p: Page) {
  await p.getByTestId("report-sessions").waitFor();
}

async function conflictsWithFramework(p: Page) {
  await p.getByLabel("Include framework segments").check();
  const cells = p.locator("button.matrix-cell");
  await p.locator("th", { hasText: "(framework)" }).first().waitFor();
  await cells.first().click();
  await p.getByRole("heading", { name: "What to do" }).waitFor();
}

async function integrationFormOpened(p: Page) {
  await p.getByRole("button", { name: "Add integration" }).click();
  await p.getByRole("heading", { name: "Add an integration" }).waitFor();
}

async function settingsOpened(p: Page) {
  await p.getByTestId("tag-status").waitFor();
  await p
    .getByRole("heading", { name: /API tokens/ })
    .first()
    .waitFor();
}

/** How far the page scrolls sideways, and which elements stick out (for the failure message). */
function overflow(p: Page) {
  return p.evaluate(() => {
    const w = window.innerWidth;
    const out: string[] = [];
    for (const el of document.querySelectorAll("body *")) {
      const r = el.getBoundingClientRect();
      if (r.right <= w + 0.5 || r.width === 0) continue;
      // Inside a box that scrolls or clips on its own, it does not widen the page.
      let clipped = false;
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement)
        if (getComputedStyle(a).overflowX !== "visible") clipped = true;
      if (!clipped && out.length < 8)
        out.push(`${el.tagName.toLowerCase()}.${el.className} right=${Math.round(r.right)}`);
    }
    return { scroll: document.documentElement.scrollWidth, inner: w, out };
  });
}

for (const viewport of [
  { width: 390, height: 844 },
  { width: 1440, height: 900 },
]) {
  const phone = viewport.width < 600;
  test(`no page scrolls sideways at ${viewport.width}×${viewport.height}`, async () => {
    const tab = await openTab(browser, t.url, viewport);
    const { page } = tab;
    try {
      await signIn(page, t.url);
      const wide: string[] = [];
      for (const [name, path, ready] of PAGES) {
        await page.goto(`${t.url}${path}`);
        await ready(page);
        const o = await overflow(page);
        if (o.scroll > o.inner)
          wide.push(`${name}: scrollWidth ${o.scroll} > ${o.inner} (${o.out.join("; ")})`);
        // The whole page, to see that nothing is cut on the right.
        await screenshot(page, `layout-${viewport.width}-${name}`, true);
      }
      assert.deepEqual(wide, []);
      assert.deepEqual(
        tab.errors.filter((e) => !/status of 401/.test(e)),
        [],
      );
    } finally {
      await tab.context.close();
    }
  });

  test(`the side navigation at ${viewport.width} px: ${phone ? "a menu button" : "always shown"}`, async () => {
    const tab = await openTab(browser, t.url, viewport);
    const { page } = tab;
    try {
      await signIn(page, t.url);
      const nav = page.getByRole("navigation", { name: "Main" });
      const menu = page.getByRole("button", { name: "Menu" });
      if (!phone) {
        assert.equal(await menu.isVisible(), false);
        assert.equal(await nav.getByRole("link", { name: "Conflicts" }).isVisible(), true);
        return;
      }
      // Closed: the links are hidden and the main content starts at the left edge.
      assert.equal(await nav.getByRole("link", { name: "Conflicts" }).isVisible(), false);
      const main = await page.locator("main").boundingBox();
      const client = await page.evaluate(() => document.documentElement.clientWidth);
      assert.ok(main && main.x < 1 && main.width >= client - 1, JSON.stringify({ main, client }));
      assert.equal(await menu.getAttribute("aria-expanded"), "false");
      await menu.click();
      assert.equal(await menu.getAttribute("aria-expanded"), "true");
      await screenshot(page, `layout-${viewport.width}-menu-open`);
      await nav.getByRole("link", { name: "Conflicts" }).click();
      await page.getByRole("heading", { name: "Segment conflicts", level: 1 }).waitFor();
      // Following a link closes the menu.
      assert.equal(await menu.getAttribute("aria-expanded"), "false");
      assert.equal(await nav.getByRole("link", { name: "Conflicts" }).isVisible(), false);
      // Escape closes it too, and gives the focus back to the button.
      await menu.click();
      await page.keyboard.press("Escape");
      assert.equal(await menu.getAttribute("aria-expanded"), "false");
      assert.equal(await menu.evaluate((b) => b === document.activeElement), true);
    } finally {
      await tab.context.close();
    }
  });
}
