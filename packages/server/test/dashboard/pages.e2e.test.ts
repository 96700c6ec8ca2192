/**
 * The dashboard in Debian Chromium against a real server (every default plugin + the dashboard,
 * 1,500 simulated sessions): sign in, read the IPS, browse the library, open a segment and copy
 * its Optimizely script, the conflict matrix, the model card and the settings — with a 1440×900
 * screenshot of each page in artifacts/screenshots/.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Browser } from "playwright-core";
import { launch, openTab, screenshot, type Tab } from "./support/browser.ts";
import { ADMIN, SITE, startTestServer, type TestServer } from "./support/server.ts";

let t: TestServer;
let browser: Browser;
let tab: Tab;

before(async () => {
  t = await startTestServer();
  browser = await launch();
  tab = await openTab(browser, t.url);
});

after(async () => {
  await browser?.close();
  await t?.close();
});

/** GET an API path with the browser's session. */
const apiGet = (path: string) =>
  tab.page.evaluate(async (p) => (await fetch(p)).json(), path) as Promise<Record<string, unknown>>;

test("sign in with email and password", async () => {
  const { page } = tab;
  await page.goto(`${t.url}/app/sites/${SITE.id}/segments`);
  await page.getByRole("heading", { name: "Sign in" }).waitFor();
  assert.match(page.url(), /\/app\/sign-in\?next=/);
  await screenshot(page, "01-sign-in");
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("alert").filter({ hasText: "Wrong email or password" }).waitFor();
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  // Back where the user was going.
  await page.getByRole("heading", { name: "Segment library", level: 1 }).waitFor();
});

test("the overview shows the IPS with its band and the four phases", async () => {
  const { page } = tab;
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Overview" })
    .click();
  const value = page.getByTestId("ips-value");
  await value.waitFor();
  // The overview's "last 7 days": the 7 complete local days before today, as the library's.
  const report = (await apiGet(`/api/sites/${SITE.id}/reports/ips?range=last7`)) as {
    ips: number;
    bandLabel: string;
    sessions: number;
  };
  assert.equal(Number(await value.textContent()), Math.round(report.ips));
  await page.locator(".gauge").getByText(report.bandLabel, { exact: true }).waitFor();
  const gauge = await page
    .getByRole("img", { name: /Intent Performance Score: \d+ of 100/ })
    .count();
  assert.equal(gauge, 1);
  await page
    .getByTestId("kpi-sessions")
    .getByText(report.sessions.toLocaleString("en-GB"))
    .waitFor();
  for (const phase of ["Engage", "Build Intent", "Maintain Intent", "Convert"])
    await page.getByRole("heading", { name: phase, level: 3 }).waitFor();
  await page.locator(".chart-canvas canvas").first().waitFor();
  await screenshot(page, "02-overview");
});

test("the library lists framework and custom segments, with search and filters", async () => {
  const { page } = tab;
  await page.getByRole("link", { name: "Segments", exact: true }).click();
  const tiles = page.locator("li.segment-tile");
  await tiles.first().waitFor();
  assert.equal(await tiles.count(), 16, "13 framework + 3 custom segments");
  await screenshot(page, "03-library");
  await page.getByLabel("Kind").selectOption("custom");
  assert.equal(await tiles.count(), 3);
  await page.getByLabel("Kind").selectOption("all");
  await page.getByLabel("Search").fill("struggling");
  const names = await page.locator("li.segment-tile h3").allTextContents();
  assert.equal(names.length, 4);
  assert.ok(
    names.every((n) => n.startsWith("Struggling")),
    names.join(", "),
  );
  await page.getByLabel("Search").fill("");
});

test("a segment card: sentence, report, and its Optimizely script copied", async () => {
  const { page } = tab;
  await page.getByRole("link", { name: "Struggling Buyers", exact: true }).click();
  await page.getByRole("heading", { name: "Struggling Buyers", level: 1 }).waitFor();
  assert.equal(
    await page.getByTestId("segment-sentence").textContent(),
    "Sessions where framework segment is Struggling Buyers.",
  );
  await page.getByLabel("Testing tool").selectOption("optimizely-audience");
  await page.getByRole("button", { name: "Copy script" }).click();
  await page.getByText("Copied to the clipboard").waitFor();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  const expected = (await apiGet(
    `/api/sites/${SITE.id}/segments/struggling-buyers/script?target=optimizely-audience`,
  )) as { code: string };
  assert.equal(copied, expected.code);
  assert.match(copied, /struggling-buyers/);
  assert.equal(
    await page.getByRole("region", { name: "Matching script" }).locator("pre code").textContent(),
    copied,
  );
  await page.getByTestId("report-sessions").waitFor();
  await page.getByRole("heading", { name: "Daily trend" }).waitFor();
  await page.getByRole("heading", { name: "Matching script" }).evaluate((h) => h.scrollIntoView());
  await screenshot(page, "04-segment-card");
});

test("the conflict matrix shows verdicts, measured overlap and remedies", async () => {
  const { page } = tab;
  await page.getByRole("link", { name: "Conflicts" }).click();
  const cells = page.locator("button.matrix-cell");
  await cells.first().waitFor();
  assert.equal(await cells.count(), 6, "3 custom segments: 3 pairs, both ways");
  await cells.first().click();
  await page.getByRole("heading", { name: "What to do" }).waitFor();
  await screenshot(page, "05-conflicts");
});

test("the model card shows calibration and AUC by prefix", async () => {
  const { page } = tab;
  await page.getByRole("link", { name: "Model card" }).click();
  await page.getByRole("heading", { name: "Quality by score" }).waitFor();
  await page.locator(".chart-canvas canvas").nth(1).waitFor();
  await screenshot(page, "06-model-card");
});

test("settings: the tag snippet is copied, with the install check; the users on their page", async () => {
  const { page } = tab;
  await page.getByRole("link", { name: "Settings" }).click();
  await page.getByTestId("tag-status").waitFor();
  await page.getByRole("button", { name: "Copy the tag snippet" }).click();
  await page.getByText("Copied to the clipboard").waitFor();
  const snippet = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(snippet, /\/t\/pk_demo\.js"/);
  await screenshot(page, "07-settings");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" }).click();
  await page.getByRole("heading", { name: "Users", level: 1 }).waitFor();
  await page.getByRole("cell", { name: `${ADMIN.email} (you)` }).waitFor();
  await screenshot(page, "07b-users");
});

test("no page error was raised", () => {
  // The first /api/me before signing in answers 401, which the browser logs.
  const errors = tab.errors.filter((e) => !/status of 401/.test(e));
  assert.deepEqual(errors, []);
});
