/** Promise targets (AB Tasty trigger, Dynamic Yield evaluator) in real Chromium. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { DEFAULT_TIMEOUT_MS, matchingScript } from "../src/index.ts";
import { paste, settled, toolState } from "./support/harness.ts";
import { SEGMENT, suite } from "./support/scenarios.ts";

const withShop = suite([
  ["abtasty", "promise"],
  ["dynamic-yield", "promise"],
]);

test(`AB Tasty: the default timeout (${DEFAULT_TIMEOUT_MS} ms) resolves to false`, () =>
  withShop(async ({ page }) => {
    const start = Date.now();
    await paste(page, "abtasty", matchingScript(SEGMENT, "abtasty").code);
    assert.equal(await settled(page), false);
    assert.ok(Date.now() - start >= DEFAULT_TIMEOUT_MS - 100, "not before the timeout");
    assert.deepEqual((await toolState(page)).results, [true], "a Promise was returned");
  }));
