/**
 * The site's consent settings hold on both sides (issue 22;
 * docs/privacy.md#consent-and-global-privacy-control), in real Chromium against the real server: a
 * page with the plain snippet (the site's loader) writes no storage and sends nothing until consent
 * when the site requires it; with "honour GPC" on and GPC in the browser nothing is sent, even when
 * the page asks to ignore GPC; a page installed with stale settings is told to stop by the
 * collector's 202 and clears its storage; and a direct POST that breaks either setting is answered
 * 202 {stop} and stored nowhere (no engine session, no byte of it in any file of the data folder).
 */
import assert from "node:assert/strict";
import { readdirSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { CHROMIUM, CHROMIUM_ARGS } from "@intently/chromium";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { searchableBytes } from "../src/find-bytes.ts";
import { type FullServer, startFullServer } from "./support-api/full-server.ts";
import { makeBatch } from "./support-collector/helpers.ts";

/** The page globals that page.evaluate bodies use (this file is type-checked without the DOM). */
interface PageApi {
  ready?: boolean;
  push(x: unknown): void;
  consent(b: boolean): void;
}
declare const window: { intently?: PageApi };
declare const navigator: object;
declare const localStorage: { length: number; getItem(k: string): string | null };
declare const sessionStorage: { length: number };
declare const document: { cookie: string };

let pages: Server;
let origin = "";
let html = "";
let full: FullServer;
let browser: Browser;

before(async () => {
  pages = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(html);
  });
  await new Promise<void>((r) => pages.listen(0, "127.0.0.1", r));
  origin = `http://127.0.0.1:${(pages.address() as AddressInfo).port}`;
  full = await startFullServer({ origin });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  await full?.stop();
  await new Promise((r) => pages?.close(r));
});

async function settings(s: { requireConsent: boolean; honourGpc: boolean }): Promise<string> {
  const r = await full.admin.patch(`/api/sites/${full.site.id}`, { settings: s });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  // The collector and the loader cache a site's settings for up to 5 s.
  await new Promise((r) => setTimeout(r, 5100));
  return r.body.snippet as string;
}

interface Visit {
  page: Page;
  context: BrowserContext;
  /** Bodies of the collect requests the page made. */
  sent: string[];
  statuses: number[];
}

async function visit(body: string, o: { gpc?: boolean } = {}): Promise<Visit> {
  const context = await browser.newContext(
    o.gpc ? { extraHTTPHeaders: { "Sec-GPC": "1" } } : undefined,
  );
  if (o.gpc) {
    // What a browser with GPC on exposes (https://privacycg.github.io/gpc-spec/).
    await context.addInitScript(() =>
      Object.defineProperty(navigator, "globalPrivacyControl", { value: true }),
    );
  }
  const page = await context.newPage();
  const v: Visit = { page, context, sent: [], statuses: [] };
  page.on("request", (r) => {
    if (r.url().includes("/v1/collect") && r.method() === "POST") v.sent.push(r.postData() ?? "");
  });
  page.on("response", (r) => {
    if (r.url().includes("/v1/collect") && r.request().method() === "POST")
      v.statuses.push(r.status());
  });
  html = `<!doctype html><html><head></head><body><button id=b>Buy</button>${body}</body></html>`;
  await page.goto(`${origin}/`);
  await page.waitForFunction(() => window.intently?.ready);
  return v;
}

/** Clicks, a commerce push and a page hide: everything that would send at once or soon. */
async function shop(page: Page): Promise<void> {
  await page.click("#b");
  await page.evaluate(() => {
    window.intently?.push({
      event: "add_to_cart",
      ecommerce: { items: [{ item_id: "C1", price: 9 }] },
    });
  });
  // Past the 3 s batching interval.
  await page.waitForTimeout(3500);
}

const storage = (page: Page) =>
  page.evaluate(() => [localStorage.length, sessionStorage.length, document.cookie]);

const liveVisitors = () =>
  [...full.server.ctx.host.engine.sessions()]
    .filter((s) => s.site === full.site.id)
    .map((s) => s.visitor);

/** Every file of the data folder that contains `needle`. */
function filesHolding(needle: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (searchableBytes(p).includes(needle)) found.push(p);
    }
  };
  walk(full.server.ctx.config.dataDir as string);
  return found;
}

test("require consent: the plain snippet stores and sends nothing until consent(true)", async () => {
  const snippet = await settings({ requireConsent: true, honourGpc: true });
  assert.match(snippet, /^<script async src="[^"]+\/t\/pk_[^"]+\.js"><\/script>$/);
  const v = await visit(snippet);
  await shop(v.page);
  assert.deepEqual(await storage(v.page), [0, 0, ""], "no storage before consent");
  assert.deepEqual(v.sent, [], "nothing sent before consent");

  await v.page.evaluate(() => window.intently?.consent(true));
  await v.page.waitForFunction(() => localStorage.getItem("_intently") !== null);
  await v.page.waitForTimeout(3500);
  assert.ok(v.sent.length > 0, "sent after consent");
  for (const b of v.sent) assert.equal(JSON.parse(b).consent, true, "batches carry consent");
  assert.ok(
    v.statuses.every((s) => s === 200),
    `stored: ${v.statuses}`,
  );
  // (deepEqual above narrowed the type of v.sent to an empty array)
  const visitor = JSON.parse((v.sent as string[])[0] ?? "{}").visitor as string;
  assert.ok(liveVisitors().includes(visitor), "the consented session is live");
  await v.context.close();
});

test("honour GPC: with GPC in the browser nothing is sent, even if the page sets respectGPC:false", async () => {
  const snippet = await settings({ requireConsent: false, honourGpc: true });
  const v = await visit(`<script>window.intently={respectGPC:false}</script>${snippet}`, {
    gpc: true,
  });
  await shop(v.page);
  assert.deepEqual(await storage(v.page), [0, 0, ""]);
  assert.deepEqual(v.sent, [], "nothing sent under GPC");
  await v.context.close();

  // Without GPC in the browser the same page sends at once (the control).
  const plain = await visit(snippet);
  await shop(plain.page);
  assert.ok(plain.sent.length > 0 && plain.statuses.every((s) => s === 200));
  assert.equal(JSON.parse(plain.sent[0] as string).consent, undefined);
  await plain.context.close();
});

test("a page installed with stale settings is told to stop by the collector and forgets", async () => {
  await settings({ requireConsent: true, honourGpc: true });
  const endpoint = full.server.url;
  const stale =
    `<script>window.intently={site:${JSON.stringify(full.site.publicKey)},endpoint:${JSON.stringify(endpoint)}}</script>` +
    `<script async src="${endpoint}/intently.js"></script>`;
  const v = await visit(stale);
  await v.page.waitForFunction(() => localStorage.getItem("_intently") !== null);
  await shop(v.page);
  await v.page.waitForFunction(() => localStorage.getItem("_intently") === null);
  assert.deepEqual(await storage(v.page), [0, 0, ""], "storage cleared on 202 {stop}");
  assert.ok(v.statuses.length >= 1 && v.statuses.every((s) => s === 202), `${v.statuses}`);
  const sent = v.sent.length;
  await v.page.click("#b");
  await v.page.waitForTimeout(3500);
  assert.equal(v.sent.length, sent, "nothing more is sent after the stop");
  const visitor = JSON.parse(v.sent[0] as string).visitor as string;
  assert.ok(!liveVisitors().includes(visitor));
  assert.deepEqual(filesHolding(visitor), [], "the refused batches are in no file");
  await v.context.close();
});

test("a direct POST that breaks either setting is answered 202 {stop} and stored nowhere", async () => {
  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(full.collectUrl, {
      method: "POST",
      headers: { "content-type": "text/plain", origin, ...headers },
      body: JSON.stringify(body),
    }).then(async (r) => ({
      status: r.status,
      body: (await r.json()) as { stop?: string; stored?: boolean },
    }));
  const batch = (visitor: string, extra: object = {}) => ({
    ...makeBatch({ site: full.site.publicKey, visitor, session: `s_${visitor}` }),
    ...extra,
  });

  await settings({ requireConsent: true, honourGpc: false });
  const noConsent = await post(batch("v_refused_noconsent"));
  assert.equal(noConsent.status, 202);
  assert.equal(noConsent.body.stop, "consent-required");
  assert.equal(noConsent.body.stored, false);
  const given = await post(batch("v_direct_given", { consent: true }));
  assert.equal(given.status, 200, JSON.stringify(given.body));
  // honourGpc off: Sec-GPC alone does not stop a consented batch, nor is it needed.
  assert.equal(
    (await post(batch("v_direct_gpc_off", { consent: true }), { "sec-gpc": "1" })).status,
    200,
  );

  await settings({ requireConsent: false, honourGpc: true });
  const gpc = await post(batch("v_refused_gpc"), { "sec-gpc": "1" });
  assert.equal(gpc.status, 202);
  assert.equal(gpc.body.stop, "gpc");
  assert.equal((await post(batch("v_direct_gpc0"), { "sec-gpc": "0" })).status, 200);
  // A specific opt-in on the page after the general signal is honoured.
  assert.equal(
    (await post(batch("v_direct_gpc_yes", { consent: true }), { "sec-gpc": "1" })).status,
    200,
  );

  const live = liveVisitors();
  for (const v of ["v_direct_given", "v_direct_gpc_off", "v_direct_gpc0", "v_direct_gpc_yes"])
    assert.ok(live.includes(v), `${v} stored`);
  for (const v of ["v_refused_noconsent", "v_refused_gpc"]) {
    assert.ok(!live.includes(v), `${v} not applied`);
    assert.deepEqual(filesHolding(v), [], `${v} in no file of the data folder`);
  }
  // The control: a stored visitor's id is found by the same search.
  assert.ok(filesHolding("v_direct_given").length > 0, "the byte search finds stored ids");
});
