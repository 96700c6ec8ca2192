/**
 * Browser harness: a real Chromium (playwright-core, /usr/bin/chromium, a fresh temporary
 * profile per launch) and a shop page on a routed https origin (no server; first-party storage
 * works) carrying the tag's settings snippet, the contract fake of the tag's API and the
 * testing-tool runtimes.
 */
import { fileURLToPath } from "node:url";
import { CHROMIUM, CHROMIUM_ARGS } from "@intently/chromium";
import { type Browser, chromium, type Page } from "playwright-core";

export { CHROMIUM, CHROMIUM_ARGS };

const SHOP = "https://shop.test/";
const FAKE = fileURLToPath(new URL("./intently-contract-fake.js", import.meta.url));
const RUNTIMES = fileURLToPath(new URL("./tool-runtimes.js", import.meta.url));
/** The documented install snippet: the settings object the tag later replaces with its API. */
const PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>Shop</title>
<script>window.intently={site:"pk_test",endpoint:"https://collector.test"}</script>
</head><body><h1>Shop</h1></body></html>`;

/** What the emulated tool recorded (see tool-runtimes.js). */
export interface ToolState {
  fired: unknown[];
  results: unknown[];
  errors: string[];
  /** ms from `run` to each fire, and whether the tag's API existed then. */
  firedAt: number[];
  tagAtFire: boolean[];
  mode: string;
}

interface PageGlobals {
  __tool: ToolState & {
    run(target: string, code: string): void;
    again(): void;
    route(path: string): void;
  };
  __intentlyFake: {
    load(o: { segments: string[]; gtmModule?: boolean }): void;
    enter(id: string): void;
    exit(id: string): void;
  };
  __reads?: number;
  __pwned?: unknown;
  intently?: unknown;
}
declare const window: PageGlobals;
declare const localStorage: { setItem(k: string, v: string): void };

export async function launch(): Promise<Browser> {
  // playwright gives every launch a fresh temporary --user-data-dir of its own.
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: false,
    args: CHROMIUM_ARGS,
    timeout: 60_000,
  });
}

export interface Shop {
  page: Page;
  /** Uncaught page errors (a script that throws would show up here). */
  errors: string[];
  close(): Promise<void>;
}

/**
 * Opens the shop page in a new context; `cache` pre-fills the tag's first-party record, `query`
 * is appended to the page's URL.
 */
export async function openShop(browser: Browser, cache?: object, query = ""): Promise<Shop> {
  const context = await browser.newContext();
  await context.route(`${SHOP}**`, (route) =>
    route.fulfill({ status: 200, contentType: "text/html", body: PAGE }),
  );
  await context.addInitScript({ path: FAKE });
  await context.addInitScript({ path: RUNTIMES });
  if (cache) {
    await context.addInitScript(
      (rec) => localStorage.setItem("_intently", rec),
      JSON.stringify(cache),
    );
  }
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(SHOP + query);
  return { page, errors, close: () => context.close() };
}

/** Pastes `code` into the emulated tool for `target`. */
export const paste = (page: Page, target: string, code: string): Promise<void> =>
  page.evaluate(([t, c]) => window.__tool.run(t, c), [target, code] as const);

/** The tag arrives (late, or before the script), already knowing `segments`. */
export const loadTag = (page: Page, segments: string[] = [], gtmModule = false): Promise<void> =>
  page.evaluate(([s, g]) => window.__intentlyFake.load({ segments: s, gtmModule: g }), [
    segments,
    gtmModule,
  ] as const);

/** The tool runs the same code again on the same view. */
export const again = (page: Page): Promise<void> => page.evaluate(() => window.__tool.again());

/** A single-page-app URL change, and what the tool does then. */
export const route = (page: Page, path: string): Promise<void> =>
  page.evaluate((p) => window.__tool.route(p), path);

export const enter = (page: Page, id: string): Promise<void> =>
  page.evaluate((s) => window.__intentlyFake.enter(s), id);

export const exit = (page: Page, id: string): Promise<void> =>
  page.evaluate((s) => window.__intentlyFake.exit(s), id);

export const toolState = (page: Page): Promise<ToolState> =>
  page.evaluate(() => {
    const { fired, results, errors, firedAt, tagAtFire, mode } = window.__tool;
    return { fired, results, errors, firedAt, tagAtFire, mode };
  });

/** Waits until the tool has fired `n` times (polling; generous limit). */
export async function firedTimes(page: Page, n = 1): Promise<unknown[]> {
  await page.waitForFunction((k) => window.__tool.fired.length >= k, n, { timeout: 20_000 });
  return (await toolState(page)).fired;
}

/** Waits until a boolean tool has evaluated the script `n` times. */
export async function evaluated(page: Page, n: number): Promise<unknown[]> {
  await page.waitForFunction((k) => window.__tool.results.length >= k, n, { timeout: 20_000 });
  return (await toolState(page)).results;
}

/**
 * Counts reads of `window.intently` (the tag never loads): shows when a script stops polling.
 * (Page code as a string: tsx would wrap named functions of an evaluated callback in `__name`.)
 */
export const countReads = (page: Page): Promise<void> =>
  page.evaluate(`(() => {
    const settings = window.intently;
    window.__reads = 0;
    Object.defineProperty(window, "intently", {
      configurable: true,
      get() {
        window.__reads += 1;
        return settings;
      },
    });
  })()`);

export const reads = (page: Page): Promise<number> => page.evaluate(() => window.__reads ?? 0);

export const pwned = (page: Page): Promise<unknown> => page.evaluate(() => window.__pwned);

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Resolves once `read()` stays the same for `quietMs` (fails after `limitMs`). */
export async function settles(read: () => Promise<number>, quietMs = 1000, limitMs = 20_000) {
  const end = Date.now() + limitMs;
  let last = await read();
  for (;;) {
    await sleep(quietMs);
    const now = await read();
    if (now === last) return now;
    if (Date.now() > end) throw new Error(`still changing after ${limitMs} ms`);
    last = now;
  }
}
