/**
 * Browser test harness: builds the tag, starts the test server and a real Chromium
 * (playwright-core driving /usr/bin/chromium, each launch with its own fresh temporary
 * --user-data-dir), and opens test pages that install the tag with the documented snippet.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CHROMIUM, CHROMIUM_ARGS } from "@intently/chromium";
import { type Browser, type BrowserContextOptions, chromium, type Page } from "playwright-core";
import { buildTag } from "../../src/build.ts";
import { TagServer } from "./server.ts";

export { CHROMIUM, CHROMIUM_ARGS };

export interface Harness {
  browser: Browser;
  server: TagServer;
  dist: string;
}

export async function setup(): Promise<Harness> {
  const dist = await mkdtemp(join(tmpdir(), "intently-tag-"));
  await buildTag(dist);
  const server = await new TagServer(dist).start();
  // playwright gives every launch a fresh temporary --user-data-dir of its own.
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: false,
    args: CHROMIUM_ARGS,
    timeout: 60_000,
  });
  return { browser, server, dist };
}

export async function teardown(h: Harness | undefined): Promise<void> {
  await h?.browser.close();
  await h?.server.close();
  if (h) await rm(h.dist, { recursive: true, force: true });
}

export function html(settings: object, body: string, head = ""): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>Test shop</title>${head}
<script>window.intently=${JSON.stringify(settings)}</script>
<script async src="/intently.js"></script></head><body>${body}</body></html>`;
}

export interface OpenOptions {
  settings?: object;
  head?: string;
  /** Extra query string / path suffix for the page URL. */
  query?: string;
  context?: BrowserContextOptions;
  /** Wait for the lazy modules too (default true). */
  lazy?: boolean;
  /** Page to reuse (a new context and page otherwise). */
  page?: Page;
}

/** Settings every test page starts from (fast batch flushes). */
export const base = (h: Harness, extra: object = {}): object => ({
  site: "pk_test",
  endpoint: h.server.url,
  flushMs: 200,
  ...extra,
});

export async function open(h: Harness, name: string, body: string, o: OpenOptions = {}) {
  const url = h.server.page(name, html(o.settings ?? base(h), body, o.head));
  const page = o.page ?? (await (await h.browser.newContext(o.context)).newPage());
  page.setDefaultTimeout(30_000);
  await page.goto(url + (o.query ?? ""));
  await ready(page, o.lazy ?? true);
  return page;
}

/** Waits until the tag has loaded (and, by default, its lazy modules). */
export async function ready(page: Page, lazy = true): Promise<void> {
  await page.waitForFunction(
    (l) => {
      const i = (window as unknown as { intently?: { ready?: boolean; detectors?: boolean } })
        .intently;
      return i?.ready === true && (!l || i.detectors === true);
    },
    lazy,
    { timeout: 30_000 },
  );
}

export async function close(page: Page): Promise<void> {
  await page.context().close();
}
