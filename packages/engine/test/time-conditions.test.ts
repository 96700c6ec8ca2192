/**
 * Custom segments' time conditions (docs/product/engine.md#time): which data points read the
 * clock, and the constants a condition compares them with.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { DATA_POINTS } from "../src/catalogue/data-points.ts";
import { Engine, type Event } from "../src/index.ts";
import { ELAPSED_POINTS, elapsedConstants } from "../src/segments/time-conditions.ts";
import { SIGNALS } from "../src/session/signals.ts";
import { sigCount } from "../src/session/state.ts";
import { T0 } from "./helpers.ts";

/** Reads the clock through the recent windows, which the engine schedules itself. */
const WINDOWED = new Set(["frustrationRecent"]);

describe("time data points", () => {
  test("every data point that reads the clock is an elapsed one (or windowed), and only those", () => {
    const engine = new Engine();
    const r = { site: "s", visitor: "v", session: "x" };
    engine.process(r, { type: "page_view", t: T0, page: { url: "https://shop.test/" } } as Event);
    engine.process(r, { type: "rage_click", t: T0 + 1_000 } as Event);
    // Recent by time only (not within the last 5 events).
    for (let k = 0; k < 6; k++) engine.process(r, { type: "click", t: T0 + 1_100 + k } as Event);
    const s = engine.get("s", "x")!;
    // Every signal has happened once, so its "seconds ago" is a number.
    SIGNALS.forEach((_, i) => {
      s.n[sigCount(i)] = Math.max(1, s.n[sigCount(i)]!);
    });
    const bands = engine.bandsOf("s");
    const reads = DATA_POINTS.filter((d) => {
      const a = JSON.stringify(d.get({ s, bands, now: T0 + 2_000 }));
      const b = JSON.stringify(d.get({ s, bands, now: T0 + 50_000_000 }));
      return a !== b;
    }).map((d) => d.id);
    assert.deepEqual(reads.sort(), [...ELAPSED_POINTS.keys(), ...WINDOWED].sort());
  });
});

describe("elapsedConstants", () => {
  test("collects the numbers time data points are compared with, through $and/$or/$not", () => {
    const got = elapsedConstants({
      $or: [
        { timeOnSiteSec: { $gt: 40, $lte: "90" } },
        { $not: { secondsSinceLastEvent: { $in: [15, 5, "x"] } } },
        { timeOnSiteSec: 60 },
      ],
      cartValue: { $gt: 100 },
      rageClicksSecondsAgo: { $not: { $lt: 30 }, $exists: true },
    });
    assert.deepEqual(Object.fromEntries(got!), {
      timeOnSiteSec: [40, 60, 90],
      secondsSinceLastEvent: [5, 15],
      rageClicksSecondsAgo: [30],
    });
  });

  test("an operator that is not a comparison with numbers: cannot tell (null)", () => {
    assert.equal(elapsedConstants({ timeOnSiteSec: { $regex: "^1" } }), null);
    assert.equal(elapsedConstants({ timeOnSiteSec: { $vgt: "1.2" } }), null);
    // The same operator on another data point is no concern of the clock.
    assert.deepEqual(elapsedConstants({ pagePath: { $regex: "^/p" } })?.size, 0);
  });
});
