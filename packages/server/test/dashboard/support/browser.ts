/**
 * Debian Chromium through playwright-core, at 1440×900 unless told, collecting page errors and CSP
 * reports. Screenshots go to INTENTLY_SCREENSHOTS when set, else artifacts/screenshots/ at the
 * repository's root (git-ignored: kept out of the repo).
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { CHROMIUM, CHROMIUM_ARGS } from "@intently/chromium";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { ADMIN } from "./server.ts";

export { CHROMIUM, CHROMIUM_ARGS };
export const SCREENSHOTS =
  process.env.INTENTLY_SCREENSHOTS ||
  fileURLToPath(new URL("../../../../../artifacts/screenshots/", import.meta.url));

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: false,
    args: CHROMIUM_ARGS,
    timeout: 60_000,
  });
}

export interface Tab {
  context: BrowserContext;
  page: Page;
  /** Uncaught errors and console errors seen so far. */
  errors: string[];
}

export async function openTab(
  browser: Browser,
  url: string,
  viewport = { width: 1440, height: 900 },
): Promise<Tab> {
  const context = await browser.newContext({ viewport });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: url });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error" || process.env.DASH_DEBUG) errors.push(`console: ${m.text()}`);
  });
  return { context, page, errors };
}

export async function signIn(page: Page, url: string): Promise<void> {
  await page.goto(`${url}/`);
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { name: "Overview", level: 1 }).waitFor();
}

export async function screenshot(page: Page, name: string, fullPage = false): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage });
}

/** Polls `read` until `ok` holds for its value (a wait, not a timing assertion); returns it. */
export async function eventually<T>(
  read: () => Promise<T>,
  ok: (v: T) => boolean,
  what: string,
): Promise<T> {
  const deadline = Date.now() + 20_000;
  let last: T = await read();
  while (!ok(last)) {
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 100));
    last = await read();
  }
  return last;
}
