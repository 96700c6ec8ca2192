/**
 * The request types a blocker sees (issue 19). A blocker extension judges a request by the type
 * the browser gives it; packages/server/test/ublock.test.ts asks uBlock Origin's engine about the
 * tag's requests with the types asserted here. A minimal MV3 extension (written at test time)
 * records, through chrome.webRequest, the type Chromium reports for every request of the real tag
 * on a page of another site than its collector, page hide included: scripts are `script`, every
 * collect — the page-hide one by keepalive fetch too — is `xmlhttprequest`, and none is `ping`
 * (sendBeacon's type, which EasyPrivacy's `$ping,third-party` blocks; the control shows it).
 */
import assert from "node:assert/strict";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { type BrowserContext, chromium, type Worker } from "playwright-core";
import { buildTag } from "../src/build.ts";
import { CHROMIUM, CHROMIUM_ARGS, html } from "./support/browser.ts";
import { TagServer } from "./support/server.ts";
import { waitFor } from "./support/wait.ts";

const MANIFEST = {
  manifest_version: 3,
  name: "request types",
  version: "1",
  permissions: ["webRequest"],
  host_permissions: ["<all_urls>"],
  background: { service_worker: "sw.js" },
};
const WORKER = `self.seen = [];
chrome.webRequest.onBeforeRequest.addListener(
  (d) => { self.seen.push([new URL(d.url).pathname, d.type]); },
  { urls: ["<all_urls>"] },
);`;

let dir: string;
let server: TagServer;
let context: BrowserContext;
let worker: Worker;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), "intently-types-"));
  const ext = join(dir, "ext");
  const dist = join(dir, "dist");
  await buildTag(dist);
  await mkdir(ext);
  await writeFile(join(ext, "manifest.json"), JSON.stringify(MANIFEST));
  await writeFile(join(ext, "sw.js"), WORKER);
  server = await new TagServer(dist).start();
  context = await chromium.launchPersistentContext(join(dir, "profile"), {
    executablePath: CHROMIUM,
    headless: false,
    args: [...CHROMIUM_ARGS, `--disable-extensions-except=${ext}`, `--load-extension=${ext}`],
    ignoreDefaultArgs: ["--disable-extensions"],
    timeout: 60_000,
  });
  worker = context.serviceWorkers()[0] ?? (await context.waitForEvent("serviceworker"));
});

after(async () => {
  await context?.close();
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

const seen = async (): Promise<string[][]> =>
  worker.evaluate(() => (self as unknown as { seen: string[][] }).seen);

test("Chromium reports the tag's scripts as script and every collect as xmlhttprequest", async () => {
  // The page on localhost, the tag and its collector on 127.0.0.1: another site.
  const tagBase = server.url;
  const shop = server.url.replace("127.0.0.1", "localhost");
  const body = html(
    { site: "pk_test", endpoint: tagBase, flushMs: 600_000 },
    "<p>shop</p>",
  ).replace('src="/intently.js"', `src="${tagBase}/intently.js"`);
  server.page("types-a", body);
  server.page("types-b", "<p>next</p>");
  const page = await context.newPage();
  await page.goto(`${shop}/p/types-a`);
  await page.waitForFunction(
    () => (window as { intently?: { detectors?: boolean } }).intently?.detectors,
  );
  await page.evaluate(() =>
    (window as unknown as { intently: { push(x: unknown): void } }).intently.push({
      event: "add_to_cart",
      ecommerce: { currency: "GBP", value: 5, items: [{ item_id: "T1", price: 5 }] },
    }),
  );
  await server.waitForEvent("add_to_cart");
  await page.goto(`${shop}/p/types-b`); // page hide: page_view and page_engagement
  await server.waitForEvent("page_engagement");
  await waitFor(
    async () => (await seen()).filter(([p]) => p === "/v1/collect").length >= 2,
    "both collects seen by the extension",
  );
  const mine = (await seen()).filter(([p]) => p === "/v1/collect" || p?.startsWith("/intently"));
  assert.deepEqual(
    [...new Set(mine.map(([p, t]) => `${p} ${t}`))].sort(),
    ["/intently.detectors.js script", "/intently.js script", "/v1/collect xmlhttprequest"],
    JSON.stringify(mine),
  );
  // Control: the same extension sees a sendBeacon as `ping`.
  await page.evaluate((u) => navigator.sendBeacon(`${u}/v1/beacon`, "x"), tagBase);
  await waitFor(
    async () => (await seen()).some(([p, t]) => p === "/v1/beacon" && t === "ping"),
    "sendBeacon reported as ping",
  );
  await page.close();
});
