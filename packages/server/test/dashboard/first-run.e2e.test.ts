/**
 * A new site's first run in Debian Chromium against a real server (issue 20, items 4-5): the
 * new-site form takes the shop's domain and allows it; events from another address of the shop
 * are refused (403) and the Tag card lists that origin; "Allow this origin" makes the very next
 * event count (the collector's site cache is dropped), and the install checklist ticks along.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { eventually, screenshot } from "./support/browser.ts";
import { SITE } from "./support/server.ts";
import { signedInDashboard } from "./support/signed-in.ts";

const d = signedInDashboard(100);

const UA =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
let n = 0;

/** One batch as the tag sends it from a page of `origin`; the collector's status. */
async function send(publicKey: string, origin: string): Promise<number> {
  const now = Date.now();
  n++;
  const res = await fetch(`${d.url}/v1/collect`, {
    method: "POST",
    headers: { "content-type": "text/plain;charset=UTF-8", origin, "user-agent": UA },
    body: JSON.stringify({
      site: publicKey,
      batch: `b_first_${process.pid}_${n}`,
      visitor: `v_first_${n}`,
      session: `s_first_${n}`,
      sentAt: now,
      context: { url: `${origin}/`, lang: "en-GB", viewport: [1280, 800], ua: UA },
      events: [{ type: "page_view", t: now - 1000, page: { url: `${origin}/`, type: "home" } }],
    }),
  });
  await res.arrayBuffer();
  return res.status;
}

const apiGet = (path: string) =>
  d.tab.page.evaluate(async (p) => (await fetch(p)).json(), path) as Promise<{
    id: string;
    publicKey: string;
    allowedOrigins: string[];
  }>;

test("a refused origin shows in the Tag card, and allowing it counts the next event", async () => {
  const { page } = d.tab;
  await page.goto(`${d.url}/app/sites/${SITE.id}/settings`);
  const form = page.getByRole("form", { name: "New site" });
  await form.getByLabel("New site name").fill("Corner shop");
  await form.getByLabel("Shop domain").fill("corner-shop.test");
  await form.getByRole("button", { name: "Create site" }).click();
  await page.waitForURL(/\/app\/sites\/corner-shop-[0-9a-f]{6}\/settings/);
  const id = /\/sites\/([^/]+)\/settings/.exec(page.url())![1]!;
  const site = await apiGet(`/api/sites/${id}`);
  assert.deepEqual(site.allowedOrigins, [
    "https://corner-shop.test",
    "https://www.corner-shop.test",
  ]);

  // An empty site: the checklist, not zeros, on the overview and in the Tag card.
  await page.goto(`${d.url}/app/sites/${id}`);
  const first = page.getByRole("region", { name: "Waiting for your first event" });
  await first.getByTestId("install-checklist").waitFor();
  assert.equal(await page.getByText("No data", { exact: true }).count(), 0, "no empty gauge");
  await screenshot(page, "13-overview-first-run");
  await page.goto(`${d.url}/app/sites/${id}/settings`);
  const checklist = page.getByTestId("install-checklist");
  await checklist.getByText("Waiting for your first event.").waitFor();
  assert.equal(await checklist.locator('li[data-done="true"]').count(), 2, "origin and consent");

  const checkout = "https://checkout.corner-shop.test";
  assert.equal(await send(site.publicKey, checkout), 403);
  assert.equal(await send(site.publicKey, "https://www.corner-shop.test"), 200);
  await page.getByRole("button", { name: "Check again" }).click();
  const refused = page.getByTestId("refused-origins");
  await refused.getByRole("cell", { name: checkout, exact: true }).waitFor();
  await screenshot(page, "13-settings-refused-origin");

  await refused.getByRole("button", { name: `Allow ${checkout}` }).click();
  await refused.waitFor({ state: "detached" });
  const allowed = await apiGet(`/api/sites/${id}`);
  assert.ok(allowed.allowedOrigins.includes(checkout));
  // Within the collector's 5 s site cache: counted at once.
  assert.equal(await send(site.publicKey, checkout), 200);
  // The Site card shows the origin allowed from the Tag card (a later save keeps it).
  const origins = page.getByLabel("Allowed origins (one per line)");
  assert.match(await origins.inputValue(), /checkout\.corner-shop\.test/);

  await eventually(
    async () => {
      await page.getByRole("button", { name: "Check again" }).click();
      return page.getByText("Tag seen in the last hour").count();
    },
    (c) => c === 1,
    "tag status",
  );
  const steps = await checklist
    .locator("li")
    .evaluateAll((els) =>
      els.map((e) => `${e.getAttribute("data-step")}:${e.getAttribute("data-done")}`),
    );
  assert.deepEqual(steps, [
    "tag:true",
    "origin:true",
    "event:true",
    "purchase:false",
    "consent:true",
  ]);
});

/** A state-changing API call with the browser's session (CSRF token from /api/me). */
const apiSend = (method: string, path: string, body: unknown) =>
  d.tab.page.evaluate(
    async ([m, p, b]) => {
      const me = await (await fetch("/api/me")).json();
      const r = await fetch(p as string, {
        method: m as string,
        headers: { "content-type": "application/json", "x-csrf-token": me.csrfToken },
        body: JSON.stringify(b),
      });
      return { status: r.status, body: await r.json() };
    },
    [method, path, body],
  ) as Promise<{ status: number; body: Record<string, unknown> }>;

const segmentsPath = `/api/sites/${SITE.id}/segments`;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

test("a segment saved live is back-filled: its report shows the builder's estimate", async () => {
  const { page } = d.tab;
  const condition = { deviceType: "mobile" };
  const est = await apiSend("POST", `${segmentsPath}/estimate`, { condition });
  const n = est.body.sessions as number;
  const period = est.body.period as { from: number; to: number };
  assert.ok(n > 0 && est.body.exact === true, JSON.stringify(est.body));
  const saved = await apiSend("POST", segmentsPath, {
    id: "phones-first-run",
    name: "Phones (first run)",
    condition,
  });
  assert.equal(saved.status, 201, JSON.stringify(saved.body));
  // The report over the estimate's days (a custom range in the URL).
  const range = `range=custom&from=${day(period.from)}&to=${day(period.to - 1)}`;
  await page.goto(`${d.url}/app/sites/${SITE.id}/segments/phones-first-run?${range}`);
  await page
    .getByTestId("report-sessions")
    .getByText(n.toLocaleString("en-GB"), { exact: true })
    .waitFor();
  assert.equal(await page.getByTestId("counting-note").count(), 0);
  await screenshot(page, "14-segment-backfilled");
});

test("a segment made live later says when counting started and shows the estimate", async () => {
  const { page } = d.tab;
  const condition = { deviceType: "tablet" };
  const est = await apiSend("POST", `${segmentsPath}/estimate`, { condition });
  const n = est.body.sessions as number;
  const saved = await apiSend("POST", segmentsPath, {
    id: "tablets-later",
    name: "Tablets (later)",
    condition,
    status: "paused",
  });
  assert.equal(saved.status, 201, JSON.stringify(saved.body));
  const live = await apiSend("PATCH", `${segmentsPath}/tablets-later`, { status: "live" });
  assert.equal(live.status, 200, JSON.stringify(live.body));
  await page.goto(`${d.url}/app/sites/${SITE.id}/segments`);
  const note = page.locator('[data-segment="tablets-later"]').getByTestId("counting-note");
  await note.waitFor();
  assert.match(
    (await note.textContent()) ?? "",
    new RegExp(
      `Counting started .*; the estimate shows ${n.toLocaleString("en-GB")} sessions? from the last 7 days`,
    ),
  );
});

test("the live view says how many bot sessions it hides", async () => {
  const { page } = d.tab;
  const now = Date.now();
  const res = await fetch(`${d.url}/v1/collect`, {
    method: "POST",
    headers: { "content-type": "text/plain;charset=UTF-8", "user-agent": "Googlebot/2.1" },
    body: JSON.stringify({
      site: SITE.publicKey,
      batch: `b_bot_${process.pid}`,
      visitor: "v_bot",
      session: "s_bot",
      sentAt: now,
      context: { url: "http://127.0.0.1/", lang: "en", viewport: [1280, 800], ua: "Googlebot/2.1" },
      events: [
        { type: "page_view", t: now - 500, page: { url: "http://127.0.0.1/", type: "home" } },
      ],
    }),
  });
  assert.equal(res.status, 200, await res.text());
  await page.getByRole("link", { name: "Live view" }).click();
  await page.getByTestId("live-bots").getByText("1 bot session hidden").waitFor();
});

test("no page error was raised", () => {
  const errors = d.tab.errors.filter((e) => !/status of 40[13]/.test(e));
  assert.deepEqual(errors, []);
});
