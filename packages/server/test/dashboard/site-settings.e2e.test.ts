/**
 * Issue 19 in Settings, in Chromium against a real server: the shop's platform, its locale and
 * the rates of other currencies are saved through the site form and read back by the API; a
 * rate the server refuses is shown beside the form, naming the field.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { SITE } from "./support/server.ts";
import { signedInDashboard } from "./support/signed-in.ts";

const d = signedInDashboard(20);

test("platform, locale and currency rates are saved from the site form", async () => {
  const { page } = d.tab;
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Settings", exact: true })
    .click();
  const form = page.getByRole("group", { name: "Site settings" });
  await form.getByLabel("Shop platform").selectOption("magento");
  await form.getByLabel("Shop locale").fill("de-DE");
  const rates = form.getByLabel("Rates of other currencies (one per line)");
  await rates.fill("XYZ 2");
  const save = page.getByRole("button", { name: "Save site settings" });
  await save.click();
  // The server's 400 names the field; the site keeps its settings.
  await page
    .getByText(/currencyRates\/XYZ.*not an ISO 4217 currency code/)
    .first()
    .waitFor();
  await rates.fill("eur 1.17\nUSD=0.79");
  await save.click();
  await page.getByText("Saved.").first().waitFor();
  const site = (await page.evaluate(
    async (p) => (await fetch(p)).json(),
    `/api/sites/${SITE.id}`,
  )) as { settings: Record<string, unknown> };
  assert.equal(site.settings.platform, "magento");
  assert.equal(site.settings.locale, "de-DE");
  assert.deepEqual(site.settings.currencyRates, { EUR: 1.17, USD: 0.79 });
  // 400s are expected errors here (the refused rate).
  assert.deepEqual(
    d.tab.errors.filter((e) => !/400/.test(e)),
    [],
  );
});
