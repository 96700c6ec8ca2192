/**
 * What the matrix does not show, in real Chromium against the contract fake: the exact payload
 * each tool receives, a hostile id, polling that stops when the tag never loads, the cached
 * answer's session boundaries (30 min, local day, new campaign, cookie fallback) and GTM's single
 * push whether or not the tag's own GTM module pushes too.
 */
import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import type { Browser } from "playwright-core";
import {
  ADOBE_MBOX,
  BLOOMREACH_EVENT,
  DY_EVENT,
  GTM_EVENT,
  KAMELEOON_EVENT_PREFIX,
  matchingScript,
  TARGETS,
  type Target,
  VWO_EVENT,
} from "../src/index.ts";
import {
  countReads,
  enter,
  exit,
  firedTimes,
  launch,
  loadTag,
  openShop,
  paste,
  pwned,
  reads,
  type Shop,
  settles,
  sleep,
  toolState,
} from "./support/harness.ts";
import { freshRecord } from "./support/matrix.ts";
import { HOSTILE, SEGMENT } from "./support/segments.ts";

// One browser for the whole file, launched as the file loads.
const browser: Browser = await launch();
after(() => browser.close());

async function withShop(fn: (s: Shop) => Promise<void>, cache?: object, url?: string) {
  const shop = await openShop(browser, cache, url);
  try {
    await fn(shop);
    assert.deepEqual((await toolState(shop.page)).errors, [], "the tool saw no error");
    assert.deepEqual(shop.errors, [], "no uncaught page error");
    assert.equal(await pwned(shop.page), undefined, "nothing broke out");
  } finally {
    await shop.close();
  }
}

const code = (t: Target, seg = SEGMENT, timeoutMs = 3000) =>
  matchingScript(seg, t, { timeoutMs }).code;

describe("what each tool receives (hostile id intact)", () => {
  const expected: Partial<Record<Target, unknown>> = {
    "vwo-event": [VWO_EVENT, { segment: HOSTILE.id }],
    "kameleoon-event": [`${KAMELEOON_EVENT_PREFIX}${HOSTILE.id}`],
    "dynamic-yield-event": { name: DY_EVENT, properties: { segment: HOSTILE.id } },
    "adobe-target": [{ index: 0, name: ADOBE_MBOX, parameters: { intently_segment: HOSTILE.id } }],
    bloomreach: [BLOOMREACH_EVENT, { segment: HOSTILE.id }],
    gtm: { event: GTM_EVENT, intently_segment: HOSTILE.id },
    generic: `Intently: entered segment ${HOSTILE.id}`,
    "optimizely-activation": "activate",
    "optimizely-edge": "activate",
    abtasty: true,
    "dynamic-yield": true,
  };
  for (const { target } of TARGETS) {
    test(`${target}: a segment id with quotes and </script> does not break out`, () =>
      withShop(async ({ page }) => {
        await loadTag(page, [HOSTILE.id]);
        await paste(page, target, code(target, HOSTILE));
        const fired = await firedTimes(page, 1);
        assert.deepEqual(fired, [expected[target] ?? true]);
        if (target === "adobe-target") {
          // at.js rendered what Target returned (applyOffers with the response).
          await page.waitForFunction("window.__tool.applied === 1");
        }
      }));
  }
});

describe("the tag never loads", () => {
  for (const { target } of TARGETS) {
    test(`${target}: no match, no throw, polling stops`, () =>
      withShop(async ({ page }) => {
        await countReads(page);
        await paste(page, target, code(target, SEGMENT, 500));
        await sleep(800);
        await settles(() => reads(page), 700);
        const s = await toolState(page);
        assert.deepEqual(s.fired, [], "never fired");
        assert.ok(
          s.results.every((r) => r === false),
          `no match: ${s.results.join()}`,
        );
      }));
  }
});

describe("the cached answer applies the tag's session boundaries", () => {
  const audience = code("optimizely-audience");
  const cases: [string, object, string?][] = [
    ["30 min without activity", { t: Date.now() - 30 * 60_000 - 60_000 }],
    [
      "the session began on another local day",
      { d: new Date(Date.now() - 86_400_000).toDateString() },
    ],
    [
      "a new campaign arrives (utm_source/utm_campaign)",
      { c: "news|spring" },
      "?utm_source=ads&utm_campaign=sale",
    ],
    ["no session id", { s: "" }],
  ];
  for (const [name, change, query] of cases) {
    test(`${name} → not a match`, () =>
      withShop(
        async ({ page }) => {
          await paste(page, "optimizely-audience", audience);
          assert.deepEqual((await toolState(page)).results, [false]);
        },
        freshRecord([SEGMENT.id], change),
        query,
      ));
  }

  test("the same campaign, or a page without one, keeps the session", () =>
    withShop(
      async ({ page }) => {
        await paste(page, "optimizely-audience", audience);
        assert.deepEqual((await toolState(page)).results, [true]);
      },
      freshRecord([SEGMENT.id], { c: "ads|sale" }),
      "?utm_campaign=sale&utm_source=ads",
    ));

  test("the cookie fallback is read where localStorage is unavailable", () =>
    withShop(async ({ page }) => {
      const rec = encodeURIComponent(JSON.stringify(freshRecord([SEGMENT.id])));
      await page.evaluate(`(() => {
        document.cookie = ${JSON.stringify(`_intently=${rec};path=/`)};
        Object.defineProperty(window, "localStorage", {
          configurable: true,
          get() { throw new Error("SecurityError: storage disabled"); },
        });
      })()`);
      await paste(page, "optimizely-audience", audience);
      assert.deepEqual((await toolState(page)).results, [true]);
    }));
});

describe("GTM: one push per entry whether or not the tag's GTM module pushes", () => {
  for (const [name, moduleFirst] of [
    ["module listening before the Custom HTML tag", true],
    ["module listening after the Custom HTML tag", false],
  ] as const) {
    test(name, () =>
      withShop(async ({ page }) => {
        if (moduleFirst) await loadTag(page, [], true);
        await paste(page, "gtm", code("gtm"));
        if (!moduleFirst) await loadTag(page, [], true);
        for (let i = 1; i <= 3; i++) {
          await enter(page, SEGMENT.id);
          await sleep(200);
          assert.equal((await toolState(page)).fired.length, i, `entry ${i}: one push`);
          await exit(page, SEGMENT.id);
        }
      }),
    );
  }

  test("module off: the Custom HTML tag pushes each entry itself", () =>
    withShop(async ({ page }) => {
      await loadTag(page);
      await paste(page, "gtm", code("gtm"));
      await enter(page, SEGMENT.id);
      await exit(page, SEGMENT.id);
      await enter(page, SEGMENT.id);
      await sleep(200);
      assert.equal((await toolState(page)).fired.length, 2);
    }));
});

test("Optimizely: two pages using the same segment's callback each activate once per entry", () =>
  withShop(async ({ page }) => {
    await loadTag(page);
    const fn = JSON.stringify(`(${code("optimizely-activation")}\n)`);
    await page.evaluate(`(() => {
      const fn = (0, eval)(${fn});
      window.__acts = { a: 0, b: 0 };
      fn(() => window.__acts.a++, { isActive: false, pageId: "a" });
      fn(() => window.__acts.b++, { isActive: false, pageId: "b" });
      fn(() => window.__acts.b++, { isActive: true, pageId: "b" });
    })()`);
    await enter(page, SEGMENT.id);
    await sleep(200);
    assert.deepEqual(await page.evaluate("window.__acts"), { a: 1, b: 1 });
  }));
