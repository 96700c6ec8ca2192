/**
 * Why scores moved, in the live view (issue 20, item 9), in Debian Chromium against a real
 * server: a shopper's add to cart reaches the collector while the live view is open; the
 * session's row then says, in words a screen reader reads too, that add-to-cart readiness moved
 * because of the add to cart ("+… pts: Add-to-carts 0 → 1").
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { SITE } from "./support/server.ts";
import { signedInDashboard } from "./support/signed-in.ts";

const d = signedInDashboard(100);

const UA =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
let n = 0;

async function send(events: Record<string, unknown>[]): Promise<void> {
  n++;
  const res = await fetch(`${d.url}/v1/collect`, {
    method: "POST",
    headers: { "content-type": "text/plain;charset=UTF-8", "user-agent": UA },
    body: JSON.stringify({
      site: SITE.publicKey,
      batch: `b_why_${process.pid}_${n}`,
      visitor: "v_why",
      session: "s_why",
      sentAt: Date.now(),
      context: { url: "http://127.0.0.1/", lang: "en-GB", viewport: [1280, 800], ua: UA },
      events,
    }),
  });
  assert.equal(res.status, 200, await res.text());
}

test("after an add to cart, the live row says why add-to-cart readiness moved", async () => {
  const { page } = d.tab;
  const now = Date.now();
  await send([
    { type: "page_view", t: now - 3000, page: { url: "http://127.0.0.1/", type: "home" } },
    { type: "page_view", t: now - 2000, page: { url: "http://127.0.0.1/p/1", type: "product" } },
  ]);
  await page.getByRole("link", { name: "Live view" }).click();
  const row = page.locator('tr[data-session="s_why"]');
  await row.waitFor();
  await send([
    {
      type: "add_to_cart",
      t: Date.now(),
      items: [{ id: "SKU1", price: 40, quantity: 1 }],
    },
  ]);
  const why = row.getByRole("list", { name: "Why add-to-cart readiness moved" });
  await why.getByText(/^\+\d+\.\d pts: Add-to-carts 0 → 1$/).waitFor({ timeout: 15_000 });
  assert.match(
    (await row.getByTestId("live-reasons").textContent()) ?? "",
    /Add-to-cart readiness .* → 100\.0 %/,
  );
});

test("no page error was raised", () => {
  // The sign-in page's first /api/me answers 401 before signing in.
  assert.deepEqual(
    d.tab.errors.filter((e) => !/status of 401/.test(e)),
    [],
  );
});
