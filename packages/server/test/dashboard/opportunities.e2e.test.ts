/**
 * Issue 20, item 13, in Debian Chromium against a real server: the Opportunities page lists every
 * segment's opportunities as the API ranks them (one request), with a link to each segment's
 * report, "Download CSV" and "Copy link", and an empty state for a period without sessions;
 * Integrations and Users have their own pages, and the old Settings links lead there.
 */
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { test } from "node:test";
import { screenshot } from "./support/browser.ts";
import { SITE } from "./support/server.ts";
import { signedInDashboard } from "./support/signed-in.ts";

const d = signedInDashboard(400);

const base = () => `${d.url}/app/sites/${SITE.id}`;

interface Row {
  segment: string;
  name: string;
  sessions: number;
  valueAtStake: number;
  opportunities: string[];
}

test("the page shows the API's ranking, links each segment's report, and exports it", async () => {
  const { page } = d.tab;
  await page.goto(`${base()}?range=last28`);
  await page.getByTestId("ips-value").waitFor();
  const asked: string[] = [];
  page.on("request", (r) => {
    if (r.url().includes("/api/")) asked.push(new URL(r.url()).pathname);
  });
  const nav = page.getByRole("navigation", { name: "Main" });
  await nav.getByRole("link", { name: "Opportunities" }).click();
  await page.getByRole("heading", { name: "Opportunities", level: 1 }).waitFor();
  const table = page.getByTestId("opportunities-table");
  await table.waitFor();
  assert.equal(
    await nav.getByRole("link", { name: "Opportunities" }).getAttribute("aria-current"),
    "page",
  );
  // The period travelled from the overview, and the page asked for it in one request.
  assert.equal(await page.getByLabel("Period").inputValue(), "last28");
  assert.deepEqual(asked, [`/api/sites/${SITE.id}/reports/opportunities`]);

  const answer = (await page.evaluate(async (site) => {
    const r = await fetch(`/api/sites/${site}/reports/opportunities?range=last28`);
    return r.json();
  }, SITE.id)) as { segments: Row[] };
  const rows = answer.segments;
  assert.ok(rows.length >= 13);
  assert.ok(rows[0]!.valueAtStake > 0, "something is at stake in the demo history");
  const shown = await table.locator("tbody tr").evaluateAll((trs) =>
    trs.map((tr) => ({
      name: tr.querySelector("th a")?.textContent ?? "",
      items: [...tr.querySelectorAll("li")].map((li) => li.textContent ?? ""),
    })),
  );
  assert.deepEqual(
    shown.map((s) => s.name),
    rows.map((r) => r.name),
    "the API's order",
  );
  assert.deepEqual(
    shown.map((s) => s.items),
    rows.map((r) => r.opportunities),
  );
  await screenshot(page, "opportunities-1440");

  // CSV: what the table shows, an opportunity list in one cell.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download CSV: Opportunities by segment" }).click(),
  ]);
  assert.equal(download.suggestedFilename(), "opportunities-by-segment.csv");
  const lines = (await readFile((await download.path())!, "utf8"))
    .slice(1)
    .split("\r\n")
    .filter((l) => l !== "")
    .map((l) => [...l.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => m[1]!.replaceAll('""', '"')));
  assert.deepEqual(lines[0], [
    "Rank",
    "Segment",
    "Value at stake",
    "Sessions",
    "Conversion",
    "Opportunities",
  ]);
  assert.equal(lines.length, rows.length + 1);
  const first = lines[1]!;
  assert.deepEqual(first.slice(0, 2), ["1", rows[0]!.name]);
  assert.equal(Number(first[2]), Number(rows[0]!.valueAtStake.toFixed(2)));
  assert.equal(first[3], String(rows[0]!.sessions));
  assert.equal(first[5], rows[0]!.opportunities.join(" | "));

  await page.getByRole("button", { name: "Copy link: Opportunities by segment" }).click();
  await page.getByText("Link copied").waitFor();
  assert.equal(
    await page.evaluate(() => navigator.clipboard.readText()),
    `${base()}/opportunities?range=last28&compare=previous#opportunities`,
  );

  // The first segment's link opens its report over the same period, with the same sessions.
  await table.locator("tbody tr").first().locator("th a").click();
  await page.getByTestId("report-sessions").waitFor();
  assert.match(page.url(), new RegExp(`/segments/${rows[0]!.segment}\\?range=last28`));
  assert.equal(
    (await page.getByTestId("report-sessions").locator(".kpi-value").textContent())?.replace(
      /\D/g,
      "",
    ),
    String(rows[0]!.sessions),
  );
});

test("a period without sessions shows an empty state", async () => {
  const { page } = d.tab;
  await page.goto(`${base()}/opportunities?range=custom&from=2020-01-01&to=2020-01-07`);
  await page.getByText("No sessions in this period, so nothing is at stake yet.").waitFor();
  assert.equal(await page.getByTestId("opportunities-table").count(), 0);
  await screenshot(page, "opportunities-empty");
});

test("integrations and users have their own pages; the old Settings links lead there", async () => {
  const { page } = d.tab;
  for (const [old, path, heading] of [
    ["/settings#integrations", "/integrations", "Integrations"],
    ["/settings#users", "/users", "Users"],
    ["/settings/integrations", "/integrations", "Integrations"],
    ["/settings/users", "/users", "Users"],
  ] as const) {
    await page.goto(`${base()}${old}`);
    await page.getByRole("heading", { name: heading, level: 1 }).waitFor();
    assert.equal(new URL(page.url()).pathname, `/app/sites/${SITE.id}${path}`, old);
    const link = page.getByRole("navigation", { name: "Main" }).getByRole("link", {
      name: heading,
      exact: true,
    });
    assert.equal(await link.getAttribute("aria-current"), "page");
  }
  await page.goto(`${base()}/settings`);
  await page.getByTestId("tag-status").waitFor();
  await page.getByRole("heading", { name: "API tokens" }).waitFor();
  assert.equal(await page.getByRole("button", { name: "Add integration" }).count(), 0);
  assert.equal(await page.getByRole("region", { name: "Users and roles" }).count(), 0);
  assert.deepEqual(
    d.tab.errors.filter((e) => !/status of 401/.test(e)),
    [],
  );
});
