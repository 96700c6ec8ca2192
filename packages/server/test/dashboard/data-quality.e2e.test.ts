/**
 * The data-quality page (issue 19) in Debian Chromium against a real server: events sent through
 * the collector (a GA4 order, the same order again after a cookie reset, an ambiguous amount, an
 * untyped page, a confirmation without an order, a refused origin, an order in yen that the site
 * has no rate for) are shown as the API answers
 * them, reached from the side navigation.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Browser } from "playwright-core";
import { makeBatch, post } from "../support-collector/helpers.ts";
import { launch, openTab, screenshot, signIn, type Tab } from "./support/browser.ts";
import { SITE, startTestServer, type TestServer } from "./support/server.ts";

let t: TestServer;
let browser: Browser;
let tab: Tab;

before(async () => {
  t = await startTestServer(50);
  browser = await launch();
  tab = await openTab(browser, t.url);
});

after(async () => {
  await browser?.close();
  await t?.close();
});

test("the data-quality page shows the last 24 h as the API reads them", async () => {
  const url = `${t.url}/v1/collect`;
  const origin = new URL(t.url).origin; // loopback: allowed for the demo site
  const now = Date.now();
  const send = async (visitor: string, session: string, events: unknown[]) => {
    const b = makeBatch({ site: SITE.publicKey, visitor, session, events: events as never });
    const r = await post(url, b, { origin });
    assert.equal(r.status, 200, JSON.stringify(r.body));
  };
  const order = { type: "purchase", transaction_id: "DQ-1", value: 30, source: "ga4" };
  await send("dq-v1", "dq-s1", [
    { type: "page_view", t: now - 5000, page: { url: `${origin}/shop/some-page` } },
    { type: "add_to_cart", t: now - 4000, source: "ua", value_raw: "1.299" },
    { ...order, t: now - 3000 },
  ]);
  await send("dq-v2", "dq-s2", [{ ...order, t: now - 2000, source: "elevar" }]);
  await send("dq-v3", "dq-s3", [
    { type: "page_view", t: now - 1000, page: { url: `${origin}/checkout/order-received/7/` } },
  ]);
  await send("dq-v4", "dq-s4", [
    { type: "purchase", t: now - 900, transaction_id: "DQ-JPY", value: 12000, currency: "JPY" },
  ]);
  assert.equal(
    (await post(url, makeBatch({ site: SITE.publicKey }), { origin: "https://copy.test" })).status,
    403,
  );
  t.server.ctx.host.endAll();

  const { page } = tab;
  await signIn(page, t.url);
  tab.errors.length = 0; // the signed-out first load's 401 from /api/me
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Data quality" })
    .click();
  await page.getByRole("heading", { name: "Data quality", level: 1 }).waitFor();
  const q = (await page.evaluate(
    async (p) => (await fetch(p)).json(),
    `/api/sites/${SITE.id}/data-quality`,
  )) as {
    events: number;
    ambiguousAmounts: number;
    unknownPageTypes: number;
    ordersDeduplicated: number;
    ordersWithoutValue: number;
  };
  assert.ok(q.ordersDeduplicated >= 1 && q.ordersWithoutValue >= 1 && q.ambiguousAmounts >= 1);
  const kpi = async (id: string) =>
    (await page.getByTestId(id).locator(".kpi-value").textContent())?.trim();
  const n = (x: number) => x.toLocaleString("en-GB");
  assert.equal(await kpi("dq-events"), n(q.events));
  assert.equal(await kpi("dq-ambiguous"), n(q.ambiguousAmounts));
  assert.equal(await kpi("dq-unknown-pages"), n(q.unknownPageTypes));
  assert.equal(await kpi("dq-deduplicated"), n(q.ordersDeduplicated));
  assert.equal(await kpi("dq-without-value"), n(q.ordersWithoutValue));
  const formats = page.getByRole("table").first();
  await formats.getByRole("cell", { name: "GA4 dataLayer (GTM)" }).waitFor();
  await formats.getByRole("cell", { name: "Elevar-style dl_* events" }).waitFor();
  const refused = page.getByRole("region", { name: "Events refused" });
  await refused.getByRole("cell", { name: "origin not allowed" }).waitFor();
  await refused.getByText("https://copy.test").waitFor();
  // Kept apart, per currency: the yen order is not in the site's revenue.
  const other = page.getByTestId("dq-other-currencies");
  const jpy = other.getByRole("row").filter({ hasText: "JPY" });
  await jpy.waitFor();
  assert.match((await jpy.textContent()) ?? "", /JPY\s*1\s*JP¥12,000/);
  await screenshot(page, "data-quality");
  assert.deepEqual(tab.errors, []);
});
