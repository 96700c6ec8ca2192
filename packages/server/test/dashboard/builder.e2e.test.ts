/**
 * The segment builder, markup safety and the live view in Debian Chromium against a real server:
 * "Struggling Buyers on mobile from paid social" is built from the framework segment, estimated,
 * warned about, saved and found in the library, and given opportunities that survive a reload;
 * a segment whose name and description hold markup renders as text; the live view follows sessions over its event stream as batches reach
 * /v1/collect.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Browser, Request } from "playwright-core";
import { eventually, launch, openTab, screenshot, signIn, type Tab } from "./support/browser.ts";
import { SITE, startTestServer, type TestServer } from "./support/server.ts";
import { addToCart, beginCheckout, page as pageView, sendBatch } from "./support/traffic.ts";

const NAME = "Struggling Buyers on mobile from paid social";
const ID = "struggling-buyers-on-mobile-from-paid-social";
const CONDITION = {
  segment: "struggling-buyers",
  deviceType: "mobile",
  trafficSource: "paid-social",
};
const XSS_NAME = `<img src=x onerror="window.__xss=1">Evil segment`;
const XSS_DESCRIPTION = `<script>window.__xss=2</script><b onmouseover="window.__xss=3">bold</b>`;

let t: TestServer;
let browser: Browser;
let tab: Tab;

/** POST to the API with the browser's session (and its CSRF token). */
const apiPost = (path: string, body: unknown) =>
  tab.page.evaluate(
    async ({ path, body }) => {
      const me = await (await fetch("/api/me")).json();
      const res = await fetch(path, {
        method: "POST",
        headers: { "content-type": "application/json", "x-csrf-token": me.csrfToken },
        body: JSON.stringify(body),
      });
      return res.json();
    },
    { path, body },
  );

before(async () => {
  t = await startTestServer();
  browser = await launch();
  tab = await openTab(browser, t.url);
  await signIn(tab.page, t.url);
});

after(async () => {
  await browser?.close();
  await t?.close();
});

test("build a segment from a framework segment: estimate, conflict warning, save, library", async () => {
  const { page } = tab;
  await page.getByRole("link", { name: "Segment builder" }).click();
  await page.getByLabel("Start from").selectOption("struggling-buyers");
  await page.getByRole("button", { name: "Use as starting point" }).click();
  assert.equal(await page.getByLabel("Rule 1: data point").inputValue(), "segment");
  assert.equal(await page.getByLabel("Rule 1: value").inputValue(), "struggling-buyers");

  await page.getByRole("button", { name: "Add condition" }).click();
  await page.getByLabel("Rule 2: data point").selectOption("deviceType");
  await page.getByLabel("Rule 2: value").selectOption("mobile");
  await page.getByRole("button", { name: "Add condition" }).click();
  await page.getByLabel("Rule 3: data point").selectOption("trafficSource");
  await page.getByLabel("Rule 3: value").selectOption("paid-social");
  await page.getByLabel("Name").fill(NAME);
  assert.equal(await page.getByLabel("Id (used by matching scripts)").inputValue(), ID);
  assert.equal(
    await page.getByTestId("builder-sentence").textContent(),
    "Sessions where framework segment is Struggling Buyers, device type is mobile and traffic source is paid social.",
  );

  // The checks follow the draft: wait until they are those of the whole condition.
  const expected = (await apiPost(`/api/sites/${SITE.id}/segments/estimate`, {
    condition: CONDITION,
  })) as { sessions: number; totalSessions: number; exact: boolean };
  assert.equal(expected.exact, true, "every field of the condition is recorded");
  const count = expected.sessions.toLocaleString("en-GB");
  const estimate = page.getByTestId("estimate");
  const text = await eventually(
    async () => ((await estimate.count()) > 0 ? ((await estimate.textContent()) ?? "") : ""),
    (s) => s.startsWith(`Matches ${count} sessions in the last 7 days`),
    "the estimate",
  );
  assert.match(text, new RegExp(`of ${expected.totalSessions.toLocaleString("en-GB")}\\)`));
  const warnings = page.getByTestId("conflict-warnings");
  await eventually(
    async () => ((await warnings.count()) > 0 ? ((await warnings.textContent()) ?? "") : ""),
    (s) =>
      ["Mobile shoppers", "Paid social visitors", "Struggling Buyers"].every((n) =>
        s.includes(`“${n}”`),
      ),
    "the conflict warnings",
  );

  await page.getByRole("button", { name: "JSON" }).click();
  assert.deepEqual(
    JSON.parse(await page.getByLabel("Condition (GrowthBook-style JSON)").inputValue()),
    CONDITION,
  );
  await page.getByRole("button", { name: "Visual" }).click();
  await screenshot(page, "08-builder");

  await page.getByRole("button", { name: "Save segment" }).click();
  await page.getByRole("alert").filter({ hasText: "conflicts with" }).waitFor();
  await page.getByRole("button", { name: "Save anyway" }).click();
  await page.getByRole("heading", { name: "Segment library", level: 1 }).waitFor();
  await page.getByText(`Segment “${NAME}” saved`).waitFor();
  const tile = page.locator(`li.segment-tile[data-segment="${ID}"]`);
  assert.equal(await tile.locator("h3").textContent(), NAME);

  const saved = await t.server.ctx.store.config.getSegment(SITE.id, ID);
  assert.ok(saved);
  assert.deepEqual((saved.definition as { condition: unknown }).condition, CONDITION);
  assert.match(saved.author, /admin@shop\.test/);
});

test("an editor lists the segment's opportunities: kept after a reload, shown as text", async () => {
  const { page } = tab;
  const first = "Reassure on delivery: <b>free returns</b> for 30 days";
  const second = "Offer live chat on the payment step";
  const edited = "Offer live chat on the payment step, after 20 s";
  await page.goto(`${t.url}/app/sites/${SITE.id}/segments/${ID}`);
  await page.getByRole("heading", { name: NAME, level: 1 }).waitFor();
  const card = page.getByRole("region", { name: "Opportunities", exact: true });
  const items = card.getByTestId("custom-opportunities").locator("li");
  await card.getByText("No opportunities yet").waitFor();

  await card.getByRole("button", { name: "Edit opportunities" }).click();
  await card.getByLabel("Opportunity 1", { exact: true }).fill(first);
  await card.getByRole("button", { name: "Add an opportunity" }).click();
  await card.getByLabel("Opportunity 2", { exact: true }).fill("To be removed");
  await card.getByRole("button", { name: "Add an opportunity" }).click();
  await card.getByLabel("Opportunity 3", { exact: true }).fill(second);
  await card.getByRole("button", { name: "Remove opportunity 2" }).click();
  await card.getByRole("button", { name: "Save opportunities" }).click();
  await eventually(
    () => items.allTextContents(),
    (xs) => xs.length === 2,
    "the saved list",
  );

  await page.reload();
  await items.first().waitFor();
  assert.deepEqual(await items.allTextContents(), [first, second]);
  assert.equal(await card.locator("b").count(), 0, "markup is text");

  await card.getByRole("button", { name: "Edit opportunities" }).click();
  await card.getByLabel("Opportunity 2", { exact: true }).fill(edited);
  await card.getByRole("button", { name: "Save opportunities" }).click();
  await eventually(
    () => items.allTextContents(),
    (xs) => xs[1] === edited,
    "the edited item",
  );
  await page.reload();
  await items.first().waitFor();
  assert.deepEqual(await items.allTextContents(), [first, edited]);
  await page.getByRole("cell", { name: "Changed opportunities" }).first().waitFor();

  const saved = await t.server.ctx.store.config.getSegment(SITE.id, ID);
  assert.ok(saved);
  assert.deepEqual((saved.definition as { opportunities?: string[] }).opportunities, [
    first,
    edited,
  ]);
  assert.equal(saved.version, 3);
});

test("markup in a segment's name and description renders as text and runs nothing", async () => {
  const { page } = tab;
  const status = await page.evaluate(
    async ({ site, name, description }) => {
      const me = await (await fetch("/api/me")).json();
      const res = await fetch(`/api/sites/${site}/segments`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-csrf-token": me.csrfToken },
        body: JSON.stringify({
          id: "xss-test",
          name,
          description,
          condition: { deviceType: "tablet" },
        }),
      });
      return res.status;
    },
    { site: SITE.id, name: XSS_NAME, description: XSS_DESCRIPTION },
  );
  assert.equal(status, 201);
  await page.goto(`${t.url}/app/sites/${SITE.id}/segments`);
  const tile = page.locator('li.segment-tile[data-segment="xss-test"]');
  assert.equal(await tile.locator("h3").textContent(), XSS_NAME);
  assert.equal(await tile.locator(".segment-tile-blurb").textContent(), XSS_DESCRIPTION);
  await tile.getByRole("link").click();
  await page.getByRole("heading", { name: XSS_NAME, level: 1 }).waitFor();
  await page.getByText(XSS_DESCRIPTION).first().hover();
  await page.getByTestId("report-sessions").waitFor();
  assert.equal(await page.locator('img[src="x"], b[onmouseover], main script').count(), 0);
  assert.equal(await page.evaluate(() => (window as { __xss?: number }).__xss), undefined);
});

test("the live view updates in real time (Server-Sent Events) as traffic reaches the collector", async () => {
  const { page } = tab;
  // Every request for the live view: the stream, and polls (there must be none).
  const live: { url: string; type: string }[] = [];
  const onRequest = (r: Request) => {
    if (/\/api\/sites\/[^/]+\/live\b/.test(r.url()))
      live.push({ url: r.url(), type: r.resourceType() });
  };
  page.on("request", onRequest);
  await page.getByRole("link", { name: "Live view" }).click();
  await page.getByTestId("live-total").waitFor();
  await page.getByTestId("live-mode").getByText("Live", { exact: true }).waitFor();
  const ids = { visitor: `v_live_${process.pid}`, session: `s_live_${process.pid}` };
  const now = Date.now();
  await sendBatch(t.url, ids, [
    pageView(now - 3000, "/", "home"),
    pageView(now - 2000, "/p/trail-shoe", "product"),
    addToCart(now - 1000),
  ]);
  const row = page.locator(`tr[data-session="${ids.session}"]`);
  await row.getByText("Focused Considerers").waitFor();
  assert.match((await row.textContent()) ?? "", /deciding/);
  assert.ok(Number(await page.getByTestId("live-total").textContent()) >= 1);

  await sendBatch(t.url, ids, [beginCheckout(Date.now())]);
  await row.getByText("Focused Buyers").waitFor();
  assert.match((await row.textContent()) ?? "", /Convert · committing/);
  await row.getByRole("img", { name: /Purchase confidence from/ }).waitFor();
  await screenshot(page, "09-live");
  page.off("request", onRequest);
  // Both updates came over the one EventSource, with no poll of GET /live.
  assert.deepEqual(
    live.map((r) => [new URL(r.url).pathname.replace(/^.*\/live/, "/live"), r.type]),
    [["/live/stream", "eventsource"]],
  );

  // Paused: the stream is closed and the page says so; resumed: streaming again.
  await page.getByRole("button", { name: "Pause updates" }).click();
  await page.getByTestId("live-mode").getByText("Paused").waitFor();
  await page.getByRole("button", { name: "Resume updates" }).click();
  await page.getByTestId("live-mode").getByText("Live", { exact: true }).waitFor();
  assert.match(
    (await page.getByTestId("live-updated").textContent()) ?? "",
    /^Updated \d\d:\d\d:\d\d$/,
  );

  // A stream refused (here: too many tabs, 429): the page falls back to polling GET /live.
  await page.route("**/live/stream?*", (r) =>
    r.fulfill({ status: 429, contentType: "application/json", body: '{"message":"too many"}' }),
  );
  await page.getByRole("button", { name: "Pause updates" }).click();
  const poll = page.waitForRequest((r) => /\/live\?limit=50$/.test(r.url()));
  await page.getByRole("button", { name: "Resume updates" }).click();
  await page.getByTestId("live-mode").getByText("Refreshed every 2 s").waitFor();
  await poll;
  await row.getByText("Focused Buyers").waitFor();
  await page.unroute("**/live/stream?*");
});

test("the builder speaks the marketer's language: catalogue names, scores in %, 'is at least', no early warnings", async () => {
  const { page } = tab;
  await page.goto(`${t.url}/app/sites/${SITE.id}/builder`);
  await page.getByRole("heading", { name: "Segment builder", level: 1 }).waitFor();
  // No condition yet: an empty condition matches everything, which is no conflict to warn about.
  await page.getByTestId("conflicts-pending").waitFor();
  assert.equal(await page.getByTestId("conflict-warnings").count(), 0);

  // The data point's name is the engine catalogue's label, not its id.
  const field = page.getByLabel("Rule 1: data point");
  const label = await field.locator('option[value="xCMax"]').textContent();
  assert.equal(label, "Highest purchase confidence (number)");
  assert.equal(
    await field.locator('option[value="avgHesitationMs"]').textContent(),
    "Average hesitation before a click (number)",
  );
  await field.selectOption("xCMax");
  // A number starts on "is at least", and a score is typed in % (stored 0–1).
  assert.equal(await page.getByLabel("Rule 1: operator").inputValue(), "gte");
  await page.getByLabel("Rule 1: value").fill("57");
  await page.locator(".rule .unit").getByText("%", { exact: true }).waitFor();
  await eventually(
    async () => (await page.getByTestId("builder-sentence").textContent()) ?? "",
    (s) => s === "Sessions where highest purchase confidence is at least 57 %.",
    "the sentence",
  );
  await page.getByRole("button", { name: "JSON" }).click();
  assert.deepEqual(
    JSON.parse(await page.getByLabel("Condition (GrowthBook-style JSON)").inputValue()),
    { xCMax: { $gte: 0.57 } },
  );
  await page.getByRole("button", { name: "Visual" }).click();
  assert.equal(await page.getByLabel("Rule 1: value").inputValue(), "57");
  // With a condition, the checks say whether it conflicts.
  await eventually(
    () => page.getByTestId("conflicts-pending").count(),
    (n) => n === 0,
    "the conflict check once a condition exists",
  );
  await screenshot(page, "08b-builder-units");
});

test("no page error was raised", () => {
  // 401: the first /api/me before signing in; 429: the live stream refused on purpose above.
  const errors = tab.errors.filter((e) => !/status of 4(01|29)/.test(e));
  assert.deepEqual(errors, []);
});
