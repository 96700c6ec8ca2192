/** Boolean targets (Optimizely audience, VWO segment, Convert, Kameleoon) in real Chromium. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { matchingScript } from "../src/index.ts";
import { evaluated, firedTimes, paste } from "./support/harness.ts";
import { SEGMENT, suite } from "./support/scenarios.ts";

const withShop = suite([
  ["optimizely-audience", "sync"],
  ["vwo", "sync"],
  ["convert", "sync"],
  ["kameleoon", "sync"],
]);

const audience = matchingScript(SEGMENT, "optimizely-audience").code;
const HALF_HOUR_MS = 30 * 60 * 1000;

test("a cached membership from an expired session (30 min idle) is not a match", () =>
  withShop(
    async ({ page }) => {
      await paste(page, "optimizely-audience", audience);
      const results = await evaluated(page, 5);
      assert.ok(
        results.every((r) => r === false),
        results.join(),
      );
    },
    { t: Date.now() - HALF_HOUR_MS - 60_000, g: [SEGMENT.id], h: [SEGMENT.id] },
  ));

test("the cookie fallback is read where localStorage is unavailable", () =>
  withShop(async ({ page }) => {
    const rec = encodeURIComponent(JSON.stringify({ t: Date.now(), g: [SEGMENT.id] }));
    await page.evaluate(`(() => {
      document.cookie = ${JSON.stringify(`_intently=${rec};path=/`)};
      Object.defineProperty(window, "localStorage", {
        configurable: true,
        get() {
          throw new Error("SecurityError: storage disabled");
        },
      });
    })()`);
    await paste(page, "optimizely-audience", audience);
    await firedTimes(page, 1);
  }));
