/**
 * One period everywhere, in Chromium against a real server: the site is moved to New York time
 * in Settings; a period chosen on the overview (preset and "compare to") is in the URL and stays
 * through the library, a segment report and a reload, and a custom range likewise; every page
 * shows the figures of the period the API resolves, and says which period (and zone) it is.
 * Screenshots in artifacts/screenshots/ (period-*.png).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { screenshot } from "./support/browser.ts";
import { SITE } from "./support/server.ts";
import { signedInDashboard } from "./support/signed-in.ts";

const d = signedInDashboard(400);

// biome-ignore lint/suspicious/noExplicitAny: JSON answers, read field by field
type Json = Record<string, any>;
const apiGet = (path: string) =>
  d.tab.page.evaluate(async (p) => (await fetch(p)).json(), path) as Promise<Json>;

const nav = (name: string) =>
  d.tab.page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name, exact: true })
    .click();

/** The period controls' values and the URL's period parameters. */
async function periodShown() {
  const { page } = d.tab;
  const url = new URL(page.url());
  return {
    range: await page.getByTestId("period-range").inputValue(),
    compare: await page.getByTestId("period-compare").inputValue(),
    url: ["range", "from", "to", "compare"].map((k) => url.searchParams.get(k)),
  };
}

test("the site's time zone is set in Settings and used by the reports", async () => {
  const { page } = d.tab;
  await nav("Settings");
  const form = page.getByRole("group", { name: "Site settings" });
  await form.getByLabel("Time zone").selectOption("America/New_York");
  await page.getByRole("button", { name: "Save site settings" }).click();
  await page.getByText("Saved.").first().waitFor();
  const site = await apiGet(`/api/sites/${SITE.id}`);
  assert.equal(site.settings.timeZone, "America/New_York");
  const ips = await apiGet(`/api/sites/${SITE.id}/reports/ips`);
  assert.equal(ips.periodInfo.period.timeZone, "America/New_York");
  assert.equal(ips.periodInfo.period.range, "last7");
  assert.equal(ips.periodInfo.period.partial, false, "last 7 days leave today out");
});

test("a preset and its comparison survive navigation and reload", async () => {
  const { page } = d.tab;
  await nav("Overview");
  await page.getByTestId("ips-value").waitFor();
  await page.getByTestId("period-range").selectOption("last28");
  await page.getByTestId("period-compare").selectOption("year");
  const want = { range: "last28", compare: "year", url: ["last28", null, null, "year"] };
  assert.deepEqual(await periodShown(), want);
  const ips = await apiGet(`/api/sites/${SITE.id}/reports/ips?range=last28&compare=year`);
  await page
    .getByTestId("kpi-sessions")
    .getByText(ips.sessions.toLocaleString("en-GB"), { exact: true })
    .waitFor();
  await page.getByTestId("period-note").getByText("Last 28 days").waitFor();
  await page.getByText("IPS and sessions per day, last 28 days").waitFor();
  await screenshot(page, "period-overview-last28");

  await nav("Segments");
  await page.locator("li.segment-tile").first().waitFor();
  assert.deepEqual(await periodShown(), want, "the library keeps the period");
  const lib = await apiGet(`/api/sites/${SITE.id}/reports/library?range=last28&compare=year`);
  await page
    .getByText(`${lib.totalSessions.toLocaleString("en-GB")} sessions in the period`)
    .waitFor();

  await page.getByRole("link", { name: "Focused Explorers", exact: true }).click();
  await page.getByRole("heading", { name: "Focused Explorers", level: 1 }).waitFor();
  assert.deepEqual(await periodShown(), want, "the segment report keeps the period");
  const rep = await apiGet(
    `/api/sites/${SITE.id}/reports/segments/focused-explorers?range=last28&compare=year`,
  );
  await page
    .getByTestId("report-sessions")
    .getByText(rep.sessions.toLocaleString("en-GB"), { exact: true })
    .waitFor();
  // The library's card and the report agree: one period.
  const card = lib.segments.find((s: { segment: string }) => s.segment === "focused-explorers");
  assert.equal(card.sessions, rep.sessions);

  await page.reload();
  await page.getByTestId("report-sessions").waitFor();
  assert.deepEqual(await periodShown(), want, "reload keeps the period");
});

test("a custom range survives navigation and reload, and is compared on complete days", async () => {
  const { page } = d.tab;
  const today = (await apiGet(`/api/sites/${SITE.id}/reports/ips?range=today`)).periodInfo.period
    .firstDate as string;
  const daysBefore = (n: number) =>
    new Date(Date.parse(`${today}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
  const [from, to] = [daysBefore(9), today];
  await page.getByTestId("period-range").selectOption("custom");
  await page.getByTestId("period-from").fill(from);
  await page.getByTestId("period-to").fill(to);
  await page.getByTestId("period-compare").selectOption("previous");
  const want = { range: "custom", compare: "previous", url: ["custom", from, to, "previous"] };
  assert.deepEqual(await periodShown(), want);
  const q = `from=${from}&to=${daysBefore(-1)}&compare=previous`;
  const rep = await apiGet(`/api/sites/${SITE.id}/reports/segments/focused-explorers?${q}`);
  assert.equal(rep.periodInfo.period.partial, true, "the range reaches today");
  assert.equal(rep.periodInfo.comparison.base.days, 9, "compared on its 9 complete days");
  assert.equal(rep.periodInfo.comparison.against.days, 9);
  await page
    .getByTestId("report-sessions")
    .getByText(rep.sessions.toLocaleString("en-GB"), { exact: true })
    .waitFor();
  await page.getByTestId("period-note").getByText("Today is incomplete").waitFor();

  await page.reload();
  await page.getByTestId("report-sessions").waitFor();
  assert.deepEqual(await periodShown(), want);
  await nav("Overview");
  await page.getByTestId("ips-value").waitFor();
  assert.deepEqual(await periodShown(), want, "the overview takes the same custom range");
  await page.getByText("Dashed: a day not over yet.").first().waitFor();
  await screenshot(page, "period-overview-custom");
  await nav("Segments");
  await page.locator("li.segment-tile").first().waitFor();
  assert.deepEqual(await periodShown(), want);
  assert.deepEqual(d.tab.errors, []);
});
