/**
 * The overview's first load in Chromium (playwright-core, the browser tests' launch
 * configuration): navigation start → the IPS gauge and the four phase cards rendered with data.
 * An init script watches the DOM from the document's first byte (a MutationObserver) and stamps
 * `performance.now()` (0 = navigation start) in the animation frame after that first holds;
 * Resource Timing says where the time went (HTML, script, API answers, relative to the same 0).
 */

import { CHROMIUM, CHROMIUM_ARGS } from "@intently/chromium";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { chromium } from "playwright-core";
import { BENCH_ADMIN, BENCH_SITE } from "./data.ts";

/** Milestones of one load, in ms from navigation start. */
export interface LoadMarks {
  readyMs: number;
  htmlMs: number;
  scriptMs: number;
  meMs: number;
  sitesMs: number;
  /** The overview's own IPS answer (the trend's per-day answers are not on the critical path). */
  ipsMs: number;
  /** API requests the page made before it was ready. */
  apiRequests: number;
  /** API requests of the whole load, until the network was idle (the trend's included). */
  apiRequestsTotal: number;
  /** Bytes of the script over the network (0: from the browser's cache, as on a warm load). */
  scriptTransferBytes: number;
}

// The page scripts are plain JavaScript strings: tsx would wrap inner functions of a TS function
// in a `__name` helper that the page does not have.

/** Runs in every document before its scripts. */
const WATCH_OVERVIEW = `(() => {
  const ready = () => {
    const v = document.querySelector('[data-testid="ips-value"]');
    return v !== null && /\\d/.test(v.textContent || "") &&
      document.querySelectorAll(".phase-grid .phase-card").length === 4;
  };
  const obs = new MutationObserver(() => {
    if (!ready()) return;
    obs.disconnect();
    requestAnimationFrame(() => { window.__overviewReady = performance.now(); });
  });
  obs.observe(document, { childList: true, subtree: true, characterData: true });
})()`;

/** Evaluated once the network is idle: every API request of the load. */
const COUNT_API = `performance.getEntriesByType("resource")
  .filter((e) => new URL(e.name).pathname.startsWith("/api/")).length`;

/** Evaluated once the overview is ready: the milestones of LoadMarks. */
const READ_MARKS = `(() => {
  const nav = performance.getEntriesByType("navigation")[0];
  const ready = window.__overviewReady;
  const res = performance.getEntriesByType("resource").filter((r) => r.startTime < ready);
  const find = (test) =>
    res.find((e) => { const u = new URL(e.name); return test(u.pathname, u.search); });
  const end = (test) => { const r = find(test); return r ? Math.round(r.responseEnd) : -1; };
  const isScript = (p) => p.startsWith("/assets/") && p.endsWith(".js");
  return {
    readyMs: Math.round(ready),
    htmlMs: Math.round(nav.responseEnd),
    scriptMs: end(isScript),
    meMs: end((p) => p === "/api/me"),
    sitesMs: end((p) => /^\\/api\\/workspaces\\/[^/]+\\/sites$/.test(p)),
    // The overview's own figures (its trend is one request to /reports/ips/trend).
    ipsMs: end((p) => p.endsWith("/reports/ips")),
    apiRequests: res.filter((e) => new URL(e.name).pathname.startsWith("/api/")).length,
    apiRequestsTotal: 0,
    scriptTransferBytes: find(isScript)?.transferSize ?? -1,
  };
})()`;

// A function, not a string: the page's CSP forbids eval. No inner functions (see above).
const isReady = () => (globalThis as { __overviewReady?: number }).__overviewReady !== undefined;
/** The overview's trend is drawn (its placeholder is gone). A function, for the same reason. */
const trendDrawn = () =>
  !(
    globalThis as unknown as { document: { body: { textContent: string | null } } }
  ).document.body.textContent?.includes("Loading the trend");

export function launchBrowser(): Promise<Browser> {
  // headless: false because CHROMIUM_ARGS carries --headless=new (as in the browser tests).
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: false,
    args: CHROMIUM_ARGS,
    timeout: 60_000,
  });
}

export const overviewPath = `/app/sites/${BENCH_SITE.id}`;

/** A fresh context (empty cache, no cookies) signed in through the sign-in form. */
export async function signedInPage(browser: Browser, url: string): Promise<Page> {
  const context: BrowserContext = await browser.newContext({
    viewport: { width: 1440, height: 900 },
  });
  await context.addInitScript({ content: WATCH_OVERVIEW });
  const page = await context.newPage();
  page.setDefaultTimeout(120_000);
  await page.goto(`${url}/app/sign-in?next=${encodeURIComponent(overviewPath)}`);
  await page.getByLabel("Email").fill(BENCH_ADMIN.email);
  await page.getByLabel("Password").fill(BENCH_ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForFunction(isReady);
  await page.waitForLoadState("networkidle");
  return page;
}

/** Empties the browser's HTTP cache (and with it the compiled-script cache). */
export async function clearCache(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.clearBrowserCache");
  await cdp.detach();
}

/** One load of the overview at `url` (a navigation, or a reload of the current page). */
export async function measureLoad(page: Page, url: string | null): Promise<LoadMarks> {
  if (url === null) await page.reload({ waitUntil: "commit" });
  else await page.goto(`${url}${overviewPath}`, { waitUntil: "commit" });
  await page.waitForFunction(isReady, null, { polling: 50 });
  const marks = (await page.evaluate(READ_MARKS)) as LoadMarks;
  // Let the trend's requests finish so they do not overlap the next load (and are counted): the
  // trend is asked once the IPS has come, so wait for it to be drawn, then for a quiet network.
  await page.waitForFunction(trendDrawn, null, { polling: 50 });
  await page.waitForLoadState("networkidle");
  marks.apiRequestsTotal = (await page.evaluate(COUNT_API)) as number;
  return marks;
}
