/**
 * Issue 20, item 13, in Debian Chromium against a real server: every report table has "Download
 * CSV" and "Copy link" — the CSV holds what the table shows (headers and rows), and the link
 * opens the same page and period with the table in view — and the webhook's segment filter is a
 * picker of the site's segments by name, saved as their ids.
 */
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { after, before, test } from "node:test";
import { DEMO_SEGMENTS } from "@intently/demo-data";
import type { Browser } from "playwright-core";
import { launch, openTab, screenshot, signIn, type Tab } from "./support/browser.ts";
import { SITE, startTestServer, type TestServer } from "./support/server.ts";

let t: TestServer;
let browser: Browser;
let tab: Tab;

before(async () => {
  // The webhook's URL is on loopback (never called here).
  t = await startTestServer(1500, { allowPrivateDestinations: true });
  browser = await launch();
  tab = await openTab(browser, t.url);
  await signIn(tab.page, t.url);
});

after(async () => {
  await browser?.close();
  await t?.close();
});

/** A CSV document's cells (the tests' own reader: quoted cells, doubled quotes). */
function parseCsv(text: string): string[][] {
  assert.ok(text.startsWith("\uFEFF"), "a byte-order mark for spreadsheets");
  return text
    .slice(1)
    .split("\r\n")
    .filter((l) => l !== "")
    .map((l) => [...l.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => m[1]!.replaceAll('""', '"')));
}

test("a report table downloads as CSV with what it shows, and its link opens it in view", async () => {
  const { page } = tab;
  await page.goto(`${t.url}/app/sites/${SITE.id}/segments/struggling-buyers?range=last28`);
  await page.getByTestId("report-sessions").waitFor();
  const box = page.locator("#table-device");
  await box.locator("table").waitFor();
  // Every report table of the page has the two buttons.
  const bare = await page.evaluate(() =>
    // uPlot draws its legend as a table: a chart's key, not a report.
    [...document.querySelectorAll("main table:not(.u-legend)")]
      .filter((table) => !table.closest("[data-testid=table-tools]"))
      .map((table) => table.textContent?.slice(0, 60)),
  );
  assert.deepEqual(bare, [], "tables without Download CSV and Copy link");

  const shown = await box
    .locator("table")
    .evaluate((table: HTMLTableElement) =>
      [...table.rows].map((r) => [...r.cells].map((c) => (c.textContent ?? "").trim())),
    );
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    box.getByRole("button", { name: "Download CSV: Device" }).click(),
  ]);
  assert.equal(download.suggestedFilename(), "device.csv");
  const csv = parseCsv(await readFile((await download.path())!, "utf8"));
  assert.deepEqual(csv[0], ["Value", "Sessions", "Conversion"]);
  assert.equal(csv.length, shown.length, "one line per row of the table");
  assert.deepEqual(
    csv.map((r) => r[1]),
    shown.map((r) => r[1]),
  );
  assert.ok(csv.length > 1, "the breakdown has rows");

  await box.getByRole("button", { name: "Copy link: Device" }).click();
  await box.getByText("Link copied").waitFor();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(
    link,
    `${t.url}/app/sites/${SITE.id}/segments/struggling-buyers?range=last28#table-device`,
  );
  await page.goto(`${t.url}/`);
  await page.getByTestId("ips-value").waitFor();
  await page.goto(link);
  await page.locator("#table-device table").waitFor();
  await page.waitForFunction(() => {
    const r = document.getElementById("table-device")?.getBoundingClientRect();
    return r !== undefined && r.top >= 0 && r.top < window.innerHeight;
  });
  assert.equal(await page.getByLabel("Period").inputValue(), "last28", "the period travels");
  await screenshot(page, "exports-table-link");
});

test("the conflict matrix and the model card's table download as CSV", async () => {
  const { page } = tab;
  await page.goto(`${t.url}/app/sites/${SITE.id}/conflicts`);
  await page.locator("button.matrix-cell").first().waitFor();
  const [matrix] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download CSV: Conflict matrix" }).click(),
  ]);
  const rows = parseCsv(await readFile((await matrix.path())!, "utf8"));
  const names = DEMO_SEGMENTS.map((s) => s.name);
  assert.deepEqual(rows[0]?.slice(1).sort(), [...names].sort());
  assert.equal(rows.length, names.length + 1);
  // A cell: its verdict and share as shown, not its spoken explanation.
  assert.match(rows[1]![2]!, /^(Overlap|Subset|None|Unknown) \d+ %$/);

  await page.goto(`${t.url}/app/sites/${SITE.id}/model`);
  const [model] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download CSV: Quality by score" }).click(),
  ]);
  const card = parseCsv(await readFile((await model.path())!, "utf8"));
  assert.equal(card[0]?.[1], "ROC-AUC");
  assert.equal(card.length, 4, "a header and the three scores");
});

test("the conflict matrix with framework segments: headers whole and in view, details and remedies in words", async () => {
  const { page } = tab;
  await page.goto(`${t.url}/app/sites/${SITE.id}/conflicts`);
  await page.getByLabel("Include framework segments").check();
  await page.locator("th", { hasText: "(framework)" }).first().waitFor();
  // No column header is cut: each shows its whole name.
  const cut = await page
    .locator(".matrix-col")
    .evaluateAll((els) =>
      els.filter((e) => e.scrollHeight > e.clientHeight + 1).map((e) => e.textContent),
    );
  assert.deepEqual(cut, []);
  // The matrix scrolls in its own box, and its column headers stay at the top of it.
  const box = page.locator(".matrix-scroll");
  const before = await box.evaluate((b) => ({ h: b.scrollHeight, c: b.clientHeight }));
  assert.ok(before.h > before.c, "13 framework rows do not fit: the box scrolls");
  await box.evaluate((b) => b.scrollTo(0, 300));
  const [boxTop, headTop] = await Promise.all([
    box.evaluate((b) => b.getBoundingClientRect().top),
    page
      .locator(".matrix thead th")
      .first()
      .evaluate((th) => th.getBoundingClientRect().top),
  ]);
  assert.ok(Math.abs(headTop - boxTop) < 4, `header at ${headTop}, box at ${boxTop}`);
  await box.evaluate((b) => b.scrollTo(0, 0));

  // A custom segment against a framework one.
  await page.getByRole("button", { name: /: Mobile shoppers and Focused Buyers,/ }).click();
  const summary = page.getByTestId("pair-summary");
  await summary.waitFor();
  assert.match(
    (await summary.textContent()) ?? "",
    /“Mobile shoppers” and “Focused Buyers”|Every session in/,
  );
  const remedies = page.getByTestId("pair-remedies");
  const fw = (await remedies.locator("li").allTextContents()).join(" ");
  assert.match(fw, /framework segment is not Focused Buyers/);
  assert.doesNotMatch(fw, /[{}$]/, "no JSON");

  // Two custom segments: the exclusion says the other's condition as words.
  await page.getByRole("button", { name: /: Mobile shoppers and Paid social visitors,/ }).click();
  await summary.getByText(/Paid social visitors/).waitFor();
  const custom = await remedies.locator("li").allTextContents();
  assert.equal(custom.length, 2);
  await remedies.getByText(/none of \(traffic source is paid social\)/).waitFor();
  assert.doesNotMatch(custom.join(" "), /[{}$]/, "no JSON");
  await page.getByRole("heading", { name: "What to do" }).evaluate((h) => h.scrollIntoView());
  await screenshot(page, "exports-conflict-detail");
});

test("the webhook's segment filter is a picker of the site's segments, saved as their ids", async () => {
  const { page } = tab;
  await page.goto(`${t.url}/app/sites/${SITE.id}/integrations`);
  await page.getByRole("button", { name: "Add integration" }).click();
  const form = page.getByRole("form", { name: "Add an integration" });
  const picker = form.getByRole("group", { name: /Only sessions in these segments/ });
  const custom = DEMO_SEGMENTS[0]!;
  await picker.getByRole("checkbox", { name: custom.name }).check();
  await picker.getByRole("checkbox", { name: "Struggling Buyers" }).check();
  await picker.getByRole("checkbox", { name: "Struggling Buyers" }).uncheck();
  await picker.getByRole("checkbox", { name: "Focused Buyers" }).check();
  await form.getByLabel("Name").fill("CRM picker");
  await form.getByLabel("Receiver URL").fill("http://127.0.0.1:9/hook");
  await form
    .getByLabel("Signing secret")
    .fill(`whsec_${Buffer.alloc(32, "picker").toString("base64")}`);
  await picker.evaluate((el) => el.scrollIntoView({ block: "center" }));
  await screenshot(page, "exports-webhook-segment-picker");
  await form.getByRole("button", { name: "Add integration" }).click();
  await page.getByText("“CRM picker” was added.").waitFor();
  const list = (await page.evaluate(async (site) => {
    return (await fetch(`/api/sites/${site}/integrations`)).json();
  }, SITE.id)) as { name: string; config: { segments?: string[] } }[];
  const saved = list.find((i) => i.name === "CRM picker");
  assert.deepEqual(saved?.config.segments, [custom.id, "focused-buyers"]);
});

test("no page error was raised", () => {
  const errors = tab.errors.filter((e) => !/status of 401/.test(e));
  assert.deepEqual(errors, []);
});
