/** Entry-driven targets (Optimizely activation, VWO event, GTM, generic) in real Chromium. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { GTM_EVENT, matchingScript, type Target, VWO_EVENT } from "../src/index.ts";
import {
  enter,
  exit,
  firedTimes,
  loadTag,
  paste,
  settles,
  sleep,
  toolState,
} from "./support/harness.ts";
import { HOSTILE, SEGMENT, suite } from "./support/scenarios.ts";

const TARGETS: Target[] = ["optimizely-activation", "vwo-event", "gtm", "generic"];
const withShop = suite(TARGETS.map((t) => [t, "event"]));
const SHORT = { timeoutMs: 500 };

for (const target of TARGETS) {
  test(`${target}: fires once per entry (again only after an exit)`, () =>
    withShop(async ({ page }) => {
      await loadTag(page);
      await paste(page, target, matchingScript(SEGMENT, target).code);
      await enter(page, SEGMENT.id);
      await firedTimes(page, 1);
      await enter(page, "other-segment");
      await settles(async () => (await toolState(page)).fired.length);
      assert.equal((await toolState(page)).fired.length, 1, "once for the first entry");
      await exit(page, SEGMENT.id);
      await enter(page, SEGMENT.id);
      await firedTimes(page, 2);
      await settles(async () => (await toolState(page)).fired.length);
      assert.equal((await toolState(page)).fired.length, 2);
    }));

  test(`${target}: the tag loads after the timeout → fires on intently:ready`, () =>
    withShop(async ({ page }) => {
      await paste(page, target, matchingScript(SEGMENT, target, SHORT).code);
      await sleep(SHORT.timeoutMs + 500);
      await loadTag(page, [SEGMENT.id]);
      await firedTimes(page, 1);
    }));
}

test("GTM pushes exactly {event, intently_segment} (hostile id intact)", () =>
  withShop(async ({ page }) => {
    await loadTag(page);
    await paste(page, "gtm", matchingScript(HOSTILE, "gtm").code);
    await enter(page, HOSTILE.id);
    const fired = await firedTimes(page, 1);
    assert.deepEqual(fired, [{ event: GTM_EVENT, intently_segment: HOSTILE.id }]);
  }));

test("VWO event: VWO.event(name, {segment}) through the VWO queue", () =>
  withShop(async ({ page }) => {
    await loadTag(page);
    await paste(page, "vwo-event", matchingScript(HOSTILE, "vwo-event").code);
    await enter(page, HOSTILE.id);
    const fired = await firedTimes(page, 1);
    assert.deepEqual(fired, [[VWO_EVENT, { segment: HOSTILE.id }]]);
  }));

test("generic: the callback gets the event detail", () =>
  withShop(async ({ page }) => {
    await loadTag(page);
    await paste(page, "generic", matchingScript(SEGMENT, "generic").code);
    await enter(page, SEGMENT.id);
    assert.deepEqual(await firedTimes(page, 1), [`Intently: entered segment ${SEGMENT.id}`]);
  }));
