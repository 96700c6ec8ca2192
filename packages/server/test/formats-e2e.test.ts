/**
 * Every dataLayer format end to end (issue 19): the vendor fixtures of the tag's tests
 * (packages/tag/test/support/fixtures.ts, which cite the documents they follow) are pushed on a
 * page that installs the site's snippet, in real Chromium, through the real tag, collector and
 * engine. For each format the live session holds the expected orders, revenue, cart adds and
 * stage; the order pushed again through gtag and the page reloaded are still one order.
 */
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, test } from "node:test";
import { CHROMIUM, CHROMIUM_ARGS } from "@intently/chromium";
import { F, STAGES } from "@intently/engine";
import { type Browser, chromium } from "playwright-core";
import {
  ELEVAR,
  type Fixture,
  GA4_GTAG,
  GA4_GTM,
  NO_EVENT_ORDERS,
  UA_EE,
} from "../../tag/test/support/fixtures.ts";
import { type FullServer, startFullServer } from "./support-api/full-server.ts";

/** The page globals used in page.evaluate (this file is type-checked without the DOM). */
declare const window: { intently?: { ready?: boolean } };
declare const localStorage: { getItem(k: string): string | null };

let pages: Server;
let origin = "";
let html = "";
let full: FullServer;
let browser: Browser;
let snippet = "";

before(async () => {
  pages = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(html);
  });
  await new Promise<void>((r) => pages.listen(0, "127.0.0.1", r));
  origin = `http://127.0.0.1:${(pages.address() as AddressInfo).port}`;
  full = await startFullServer({ origin });
  // Google's examples are in USD: the site reports in USD (unlike currencies are never summed,
  // issue 19), and converts EUR at a rate of 2 so that a conversion shows in the figures.
  const money = await full.admin.patch(`/api/sites/${full.site.id}`, {
    settings: { currency: "USD", currencyRates: { EUR: 2 } },
  });
  assert.equal(money.status, 200, JSON.stringify(money.body));
  const site = await full.admin.get(`/api/sites/${full.site.id}`);
  snippet = site.body.snippet as string;
  assert.ok(snippet.includes("<script"), JSON.stringify(site.body));
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  await full?.stop();
  await new Promise((r) => pages?.close(r));
});

/** A fixture's pushes as page script (gtag calls through the gtag snippet's function). */
function script(f: Fixture, extra: unknown[] = []): string {
  const calls = [...f.pushes, ...extra].map((p) => {
    const g = (p as { gtag?: unknown[] }).gtag;
    return g ? `gtag(...${JSON.stringify(g)});` : `dataLayer.push(${JSON.stringify(p)});`;
  });
  return `<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}
${calls.join("\n")}</script>`;
}

interface Expect {
  orders: number;
  revenue: number;
  cartAdds: number;
  stage: string;
}

const CASES: [Fixture, Expect, unknown[]][] = [
  // The refund (30.03) lowers the order's 72.05.
  [GA4_GTM, { orders: 1, revenue: 42.02, cartAdds: 0, stage: "post-purchase" }, []],
  // The gtag order is also pushed as a GTM dataLayer object: dual tagging.
  [
    GA4_GTAG,
    { orders: 1, revenue: 72.05, cartAdds: 1, stage: "post-purchase" },
    [{ event: "purchase", ecommerce: { transaction_id: "T_67890", value: 72.05 } }],
  ],
  // A full UA refund names only the order: without a value it cannot lower revenue.
  [UA_EE, { orders: 1, revenue: 35.43, cartAdds: 1, stage: "post-purchase" }, []],
  [ELEVAR, { orders: 1, revenue: 53.99, cartAdds: 1, stage: "post-purchase" }, []],
  // 129.90 EUR at the site's rate of 2, plus 64.00 without a currency (counted as sent).
  [NO_EVENT_ORDERS, { orders: 2, revenue: 323.8, cartAdds: 0, stage: "post-purchase" }, []],
];

const session = (visitor: string) =>
  [...full.server.ctx.host.engine.sessions()].find(
    (s) => s.site === full.site.id && s.visitor === visitor,
  );

function measure(visitor: string): Expect | undefined {
  const s = session(visitor);
  if (!s) return;
  const n = s.n;
  return {
    orders: n[F.Purchases] as number,
    revenue: Math.round((n[F.Revenue] as number) * 100) / 100,
    cartAdds: n[F.CartAdds] as number,
    stage: STAGES[n[F.Stage] as number] as string,
  };
}

async function until(ok: () => boolean, what: string, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

for (const [f, want, extra] of CASES) {
  test(`${f.name}: orders, revenue, cart adds and stage through tag, collector and engine`, async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    html = `<!doctype html><html><head>${script(f, extra)}</head><body>${snippet}</body></html>`;
    await page.goto(`${origin}/checkout/thanks`);
    await page.waitForFunction(() => window.intently?.ready);
    await page.waitForFunction(() => localStorage.getItem("_intently") !== null);
    const rec = await page.evaluate(() => localStorage.getItem("_intently"));
    const visitor = JSON.parse(rec ?? "{}").v as string;
    await until(() => (measure(visitor)?.orders ?? 0) >= want.orders, `${want.orders} orders`);
    // Past the tag's batching interval: whatever else was coming has come.
    await new Promise((r) => setTimeout(r, 3500));
    assert.deepEqual(measure(visitor), want);
    // The thank-you page reloaded: the same pushes again, no new order.
    await page.reload();
    await page.waitForFunction(() => window.intently?.ready);
    await new Promise((r) => setTimeout(r, 3500));
    const again = measure(visitor);
    assert.equal(again?.orders, want.orders, "a reload adds no order");
    assert.equal(again?.revenue, want.revenue, "nor revenue");
    await context.close();
  });
}

test("the site's locale reaches the tag through its loader: '1.299' on a de-DE site is 1,299", async () => {
  const patched = await full.admin.patch(`/api/sites/${full.site.id}`, {
    settings: { locale: "de-DE" },
  });
  assert.equal(patched.status, 200, JSON.stringify(patched.body));
  const context = await browser.newContext();
  const page = await context.newPage();
  // No lang on the page: only the site's setting can tell.
  const order = { event: "purchase", ecommerce: { transaction_id: "DE-1", value: "1.299" } };
  html = `<!doctype html><html><head><script>window.dataLayer=[${JSON.stringify(order)}]</script></head><body>${snippet}</body></html>`;
  await page.goto(`${origin}/checkout/thanks`);
  await page.waitForFunction(() => window.intently?.ready);
  await page.waitForFunction(() => localStorage.getItem("_intently") !== null);
  const rec = await page.evaluate(() => localStorage.getItem("_intently"));
  const visitor = JSON.parse(rec ?? "{}").v as string;
  await until(() => (measure(visitor)?.orders ?? 0) >= 1, "the order");
  assert.equal(measure(visitor)?.revenue, 1299);
  await context.close();
});
