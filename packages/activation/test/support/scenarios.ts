/**
 * The scenarios every target is tested with, in a real browser against the tag's contract
 * fake and the target's tool runtime: (a) segment entered after the script runs → the tool
 * fires (also when already in it); (b) the tag never loads → "no match" within the timeout, no
 * throw, polling stops; (c) the tag loads late → still fires; (d) a hostile segment id cannot
 * break out. Modes: `sync` (boolean re-evaluated), `promise` (awaited), `event` (fires on entry).
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Browser } from "playwright-core";
import { type MatchingOptions, matchingScript, type Target } from "../../src/index.ts";
import {
  countReads,
  enter,
  evaluated,
  firedTimes,
  launch,
  loadTag,
  openShop,
  paste,
  pwned,
  reads,
  type Shop,
  settled,
  settles,
  sleep,
  toolState,
} from "./harness.ts";

export type Mode = "sync" | "promise" | "event";

export const SEGMENT = { id: "struggling-buyers", name: "Struggling buyers" };
/** Quotes, a backslash, `</script>`, an HTML comment opener and line terminators. */
export const HOSTILE = {
  id: `x"'\\</script><script>window.__pwned=1</script><!--\u2028\u2029\n"+alert(1)+"`,
  name: `Hostile */ </script><script>window.__pwned=2</script>\n// name`,
};
/** A short timeout for the "no match" scenarios (the default 3000 ms is tested once). */
const SHORT = { timeoutMs: 800 };

const code = (target: Target, segment = SEGMENT, o?: MatchingOptions): string =>
  matchingScript(segment, target, o).code;

/** Lets a script run before the segment changes (ordering, not a timing assertion). */
const TICK_MS = 200;

async function clean(shop: Shop): Promise<void> {
  const s = await toolState(shop.page);
  assert.deepEqual(s.errors, [], "the tool saw no error");
  assert.deepEqual(shop.errors, [], "no uncaught page error");
  assert.equal(await pwned(shop.page), undefined, "nothing broke out");
}

export type WithShop = (fn: (shop: Shop) => Promise<void>, cache?: object) => Promise<void>;

/** Registers the scenarios for `targets` (one Chromium per file); returns a page opener. */
export function suite(targets: [Target, Mode][]): WithShop {
  let browser: Browser;
  before(async () => {
    browser = await launch();
  });
  after(() => browser?.close());

  async function withShop(fn: (shop: Shop) => Promise<void>, cache?: object): Promise<void> {
    const shop = await openShop(browser, cache);
    try {
      await fn(shop);
      await clean(shop);
    } finally {
      await shop.close();
    }
  }

  for (const [target, mode] of targets) {
    describe(`${target} (${mode})`, () => {
      test("(a) the segment is entered after the script runs → the tool fires", () =>
        withShop(async ({ page }) => {
          await loadTag(page);
          await paste(page, target, code(target));
          await sleep(TICK_MS);
          assert.deepEqual((await toolState(page)).fired, [], "not before the entry");
          await enter(page, SEGMENT.id);
          await firedTimes(page, 1);
        }));

      test("(a) already in the segment when the script runs → the tool fires", () =>
        withShop(async ({ page }) => {
          await loadTag(page, [SEGMENT.id]);
          await paste(page, target, code(target));
          await firedTimes(page, 1);
        }));

      test("(b) the tag never loads → no match within the timeout, no throw", () =>
        withShop(async ({ page }) => {
          await countReads(page);
          await paste(page, target, code(target, SEGMENT, SHORT));
          if (mode === "sync") {
            const results = await evaluated(page, 5);
            assert.ok(
              results.every((r) => r === false),
              `always false: ${results.join()}`,
            );
          } else {
            if (mode === "promise") assert.equal(await settled(page), false, "no match");
            // Polling stops once the timeout has passed: reads of window.intently settle.
            await settles(() => reads(page));
          }
          assert.deepEqual((await toolState(page)).fired, [], "never fired");
        }));

      test("(c) the tag loads late, then the segment is entered → the tool fires", () =>
        withShop(async ({ page }) => {
          await paste(page, target, code(target));
          await sleep(TICK_MS);
          await loadTag(page);
          await enter(page, SEGMENT.id);
          await firedTimes(page, 1);
        }));

      test("(c) the tag loads late already knowing the membership → the tool fires", () =>
        withShop(async ({ page }) => {
          await paste(page, target, code(target));
          await sleep(TICK_MS);
          await loadTag(page, [SEGMENT.id]);
          await firedTimes(page, 1);
        }));

      test("(d) a segment id with quotes and </script> does not break out", () =>
        withShop(async ({ page }) => {
          await loadTag(page);
          await paste(page, target, code(target, HOSTILE));
          await sleep(TICK_MS);
          await enter(page, HOSTILE.id);
          await firedTimes(page, 1);
        }));

      test("the tag's first-party membership cache answers before the tag loads", () =>
        withShop(
          async ({ page }) => {
            await paste(page, target, code(target));
            await firedTimes(page, 1);
          },
          { t: Date.now(), g: [SEGMENT.id], h: [SEGMENT.id] },
        ));
    });
  }
  return withShop;
}
