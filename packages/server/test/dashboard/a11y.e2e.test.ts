/**
 * Accessibility and laptop-size layout of every page, in Debian Chromium against a real server:
 * - axe-core (WCAG 2.0/2.1 A and AA rules, contrast included) reports no serious or critical
 *   violation on any page;
 * - keyboard: the first Tab reaches the skip link, which moves focus to the main content, and
 *   the side navigation is reachable and operable with the keyboard alone;
 * - at 1280×720 (a small laptop) no page scrolls sideways.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { after, before, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { launch, openTab, signIn, type Tab } from "./support/browser.ts";
import { SITE, startTestServer, type TestServer } from "./support/server.ts";

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core"), "utf8");
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const LAPTOP = { width: 1280, height: 720 };

/** Each page with the heading that says it has rendered. */
const PAGES: { name: string; path: string; heading: RegExp }[] = [
  { name: "overview", path: "", heading: /^Overview$/ },
  { name: "opportunities", path: "/opportunities", heading: /^Opportunities$/ },
  { name: "library", path: "/segments", heading: /^Segment library$/ },
  { name: "segment card", path: "/segments/struggling-buyers", heading: /Struggling Buyers/i },
  { name: "builder", path: "/builder", heading: /^Segment builder$/ },
  { name: "conflicts", path: "/conflicts", heading: /^Segment conflicts$/ },
  { name: "live view", path: "/live", heading: /^Live view$/ },
  { name: "model card", path: "/model", heading: /^Model card$/ },
  { name: "data quality", path: "/data-quality", heading: /^Data quality$/ },
  { name: "integrations", path: "/integrations", heading: /^Integrations$/ },
  { name: "users", path: "/users", heading: /^Users$/ },
  { name: "settings", path: "/settings", heading: /^Settings$/ },
];

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

let t: TestServer;
let browser: Browser;
let tab: Tab;

before(async () => {
  t = await startTestServer();
  browser = await launch();
  tab = await openTab(browser, t.url);
  await signIn(tab.page, t.url);
  tab.errors.length = 0; // the signed-out session probe (401) before signing in
});

after(async () => {
  await browser?.close();
  await t?.close();
});

async function open(page: Page, path: string, heading: RegExp): Promise<void> {
  await page.goto(`${t.url}/app/sites/${SITE.id}${path}`);
  await page.getByRole("heading", { name: heading, level: 1 }).waitFor();
  // Let data-driven parts (charts, tables) render before they are checked.
  await page.waitForLoadState("networkidle");
}

/** axe-core's serious and critical WCAG A/AA violations on the page as it is now. */
async function violations(page: Page): Promise<Violation[]> {
  const has = await page.evaluate(() => "axe" in window);
  // Injected through DevTools: the dashboard's CSP rightly refuses inline scripts.
  if (!has) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (tags) => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is injected at run time, without types.
    const axe = (window as any).axe;
    const r = await axe.run(document, { runOnly: { type: "tag", values: tags } });
    return (
      r.violations as {
        id: string;
        impact: string | null;
        help: string;
        nodes: { target: string[] }[];
      }[]
    )
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        targets: v.nodes.slice(0, 5).map((n) => n.target.join(" ")),
      }));
  }, AXE_TAGS);
}

test("no page has a serious or critical WCAG A/AA violation (axe-core)", async () => {
  const found: Record<string, Violation[]> = {};
  for (const p of PAGES) {
    await open(tab.page, p.path, p.heading);
    const v = await violations(tab.page);
    if (v.length > 0) found[p.name] = v;
  }
  assert.deepEqual(found, {}, JSON.stringify(found, null, 2));
});

test("the sign-in page has no serious or critical WCAG A/AA violation", async () => {
  const guest = await openTab(browser, t.url);
  try {
    await guest.page.goto(`${t.url}/app/sign-in`);
    await guest.page.getByRole("heading", { name: "Sign in", level: 1 }).waitFor();
    assert.deepEqual(await violations(guest.page), []);
  } finally {
    await guest.context.close();
  }
});

test("the checker finds a violation when there is one (the test can fail)", async () => {
  await open(tab.page, "", /^Overview$/);
  await tab.page.evaluate(() => {
    const b = document.createElement("button"); // a button with no name
    b.setAttribute("data-testid", "nameless");
    document.querySelector("main")?.append(b);
  });
  const v = await violations(tab.page);
  assert.ok(
    v.some((x) => x.id === "button-name"),
    `expected button-name, got ${JSON.stringify(v)}`,
  );
});

test("keyboard: skip link first, then the side navigation opens a page", async () => {
  const { page } = tab;
  await open(page, "", /^Overview$/);
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press("Tab");
  const first = await page.evaluate(() => document.activeElement?.textContent?.trim());
  assert.equal(first, "Skip to content");
  await page.keyboard.press("Enter");
  const inMain = await page.evaluate(
    () => document.activeElement?.closest("main") !== null || location.hash === "#main",
  );
  assert.ok(inMain, "the skip link leads to the main content");

  // Tab on until the navigation link to the library has focus, then follow it with Enter (the
  // walk goes through the overview's controls and round to the navigation: bounded, not short).
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  let reached = false;
  let presses = 0;
  for (; presses < 150 && !reached; presses++) {
    await page.keyboard.press("Tab");
    reached = await page.evaluate(() => {
      const a = document.activeElement;
      return a instanceof HTMLAnchorElement && /\/segments$/.test(a.pathname);
    });
  }
  assert.ok(reached, `the library link is reachable with Tab (${presses} presses)`);
  const outline = await page.evaluate(() => {
    const s = getComputedStyle(document.activeElement as Element);
    return s.outlineStyle !== "none" && s.outlineWidth !== "0px" ? s.outlineStyle : s.boxShadow;
  });
  assert.notEqual(outline, "none", "focus is visible");
  await page.keyboard.press("Enter");
  await page.getByRole("heading", { name: "Segment library", level: 1 }).waitFor();
});

test("at 1280×720 no page scrolls sideways", async () => {
  const { page } = tab;
  await page.setViewportSize(LAPTOP);
  try {
    const wide: Record<string, number> = {};
    for (const p of PAGES) {
      await open(page, p.path, p.heading);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      if (overflow > 0) wide[p.name] = overflow;
    }
    assert.deepEqual(wide, {}, `pages wider than ${LAPTOP.width}px: ${JSON.stringify(wide)}`);
  } finally {
    await page.setViewportSize({ width: 1440, height: 900 });
  }
});

test("no page error was raised", () => {
  assert.deepEqual(tab.errors, []);
});
