/**
 * Issue 20, item 8, in Chromium against a real server: every headline figure of the overview and
 * of a segment report has a tooltip with its formula and source (api-contract metrics.ts), the
 * tooltips are reached with the Tab key and name their text with aria-describedby, a tap opens
 * and closes one on a phone without widening the page, and "weakest phase" is the phase the API
 * names: the one with the most revenue at stake. Screenshots in artifacts/screenshots/
 * (overview-tooltip-*.png).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { METRICS } from "@intently/api-contract/metrics";
import type { Page } from "playwright-core";
import { screenshot, signIn } from "./support/browser.ts";
import { SITE } from "./support/server.ts";
import { signedInDashboard } from "./support/signed-in.ts";

const d = signedInDashboard(400);

// biome-ignore lint/suspicious/noExplicitAny: JSON answers, read field by field
type Json = Record<string, any>;
const apiGet = (page: Page, path: string) =>
  page.evaluate(async (p) => (await fetch(p)).json(), path) as Promise<Json>;

/**
 * Presses Tab (at most `max` times) until every wanted tooltip button has had the focus; on
 * each, reads the text its aria-describedby names and whether that text is shown.
 */
async function tabToTips(page: Page, wanted: string[], max = 300) {
  await page.locator("body").focus();
  const seen = new Map<string, { text: string; shown: boolean; role: string | null }>();
  for (let i = 0; i < max && wanted.some((w) => !seen.has(w)); i++) {
    await page.keyboard.press("Tab");
    const got = await page.evaluate(() => {
      const a = document.activeElement;
      const id = a?.getAttribute("data-testid");
      if (!a || !id?.startsWith("tip-")) return null;
      const tip = document.getElementById(a.getAttribute("aria-describedby") ?? "");
      return {
        id: id.slice(4),
        text: tip?.textContent ?? "",
        shown: tip !== null && !tip.hidden && tip.getBoundingClientRect().width > 0,
        role: tip?.getAttribute("role") ?? null,
      };
    });
    if (got && !seen.has(got.id)) seen.set(got.id, got);
  }
  return seen;
}

function assertTips(seen: Awaited<ReturnType<typeof tabToTips>>, wanted: (keyof typeof METRICS)[]) {
  for (const id of wanted) {
    const s = seen.get(id);
    assert.ok(s, `the ${id} tooltip is not reached by Tab`);
    assert.equal(s.role, "tooltip");
    assert.ok(s.shown, `${id}: shown while focused`);
    assert.ok(s.text.includes(METRICS[id].formula), `${id}: ${s.text}`);
    assert.ok(s.text.includes(METRICS[id].source), `${id}: its source`);
  }
}

test("the overview's figures have tooltips reached by keyboard, and the weakest phase has the most revenue at stake", async () => {
  const { page } = d.tab;
  await page.goto(`${d.url}/app/sites/${SITE.id}`);
  await page.getByTestId("ips-value").waitFor();
  await page.locator(".phase-card").nth(3).waitFor();
  const wanted = [
    "ips",
    "sessions",
    "revenueAtStakeTotal",
    "converted",
    "weakestPhase",
    "benchmark",
    "phaseScore",
    "progression",
    "dropOff",
    "revenueAtStake",
  ] as const;
  assertTips(await tabToTips(page, [...wanted]), [...wanted]);
  // Every phase card has its four.
  for (const id of ["phaseScore", "progression", "dropOff", "revenueAtStake", "benchmark"])
    assert.equal(await page.locator(`.phase-card [data-testid="tip-${id}"]`).count(), 4, id);

  // Escape closes the focused one.
  const tip = page.getByTestId("tip-weakestPhase");
  await tip.focus();
  await page.getByRole("tooltip").filter({ hasText: METRICS.weakestPhase.formula }).waitFor();
  await screenshot(page, "overview-tooltip-weakest");
  await page.keyboard.press("Escape");
  await page
    .getByRole("tooltip")
    .filter({ hasText: METRICS.weakestPhase.formula })
    .waitFor({ state: "hidden" });

  // The weakest phase shown is the API's, and the API's is the most revenue at stake.
  const ips = await apiGet(page, `/api/sites/${SITE.id}/reports/ips`);
  const most = [...ips.phases].sort((a, b) => b.revenueAtStake - a.revenueAtStake)[0];
  assert.ok(most.revenueAtStake > 0, "the demo data has revenue at stake");
  assert.equal(ips.weakestPhase, most.phase);
  const shown = await page.getByTestId("kpi-weakest").locator(".kpi-value").textContent();
  assert.equal(shown, most.label);
  // The benchmarks say where they come from.
  assert.match(
    (await page.getByTestId("benchmark-note").textContent()) ?? "",
    /default benchmarks: our own estimates/,
  );
  assert.match((await page.getByTestId("phase-benchmark").first().textContent()) ?? "", /default/);
});

test("a segment report's headline figures have tooltips reached by keyboard", async () => {
  const { page } = d.tab;
  await page.goto(`${d.url}/app/sites/${SITE.id}/segments/struggling-buyers`);
  await page.getByTestId("report-sessions").waitFor();
  const wanted = [
    "segmentSessions",
    "share",
    "conversionRate",
    "revenue",
    "revenuePerSession",
    "purchaseConfidence",
  ] as const;
  assertTips(await tabToTips(page, [...wanted]), [...wanted]);
});

test("on a phone a tap opens and closes a tooltip, inside the screen", async () => {
  const context = await d.browser.newContext({
    viewport: { width: 390, height: 844 },
    hasTouch: true,
    isMobile: true,
  });
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    await signIn(page, d.url);
    await page.getByTestId("ips-value").waitFor();
    const button = page.getByTestId("tip-revenueAtStakeTotal");
    await button.scrollIntoViewIfNeeded();
    await button.tap();
    const text = page.getByRole("tooltip").filter({ hasText: METRICS.revenueAtStakeTotal.formula });
    await text.waitFor();
    const box = await text.boundingBox();
    assert.ok(box && box.x >= 0 && box.x + box.width <= 390, JSON.stringify(box));
    const wide = await page.evaluate(
      () => document.documentElement.scrollWidth > document.documentElement.clientWidth,
    );
    assert.equal(wide, false, "the page does not scroll sideways");
    await screenshot(page, "overview-tooltip-phone");
    await button.tap();
    await text.waitFor({ state: "hidden" });
  } finally {
    await context.close();
  }
});
