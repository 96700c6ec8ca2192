/**
 * Pure parts of the tag, in Node: defaults vs docs/product/tag.md#signals, GA4 mapping, thrash
 * measure, hashing.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { COMMERCE_TYPES, validateEvent } from "@intently/engine";
import { DEFAULTS } from "../src/core/defaults.ts";
import { toEvent } from "../src/data/adapters/ga4.ts";
import { COMMERCE } from "../src/data/commerce.ts";
import { fnv1a } from "../src/interaction/errors.ts";
import { measure } from "../src/interaction/thrash.ts";

test("default thresholds are the documented ones (docs/product/tag.md#signals)", () => {
  const d = DEFAULTS;
  assert.deepEqual([d.rageClicks, d.rageGapMs, d.rageMaxPx], [3, 1000, 30]);
  assert.deepEqual([d.deadMs, d.deadScrollMs, d.deadFocusMs], [2500, 100, 1000]);
  assert.equal(d.errorClickMs, 2500);
  assert.deepEqual([d.thrashWindowMs, d.thrashTurns, d.thrashAccel], [225, 4, 0.008]);
  assert.equal(d.uTurnMs, 5000);
  assert.deepEqual(
    [d.exitTopPx, d.exitMinMs, d.exitScrollPx, d.exitScrollMs],
    [20, 1000, 200, 100],
  );
  assert.equal(d.idleMs, 60_000);
  assert.equal(d.sessionMs, 30 * 60_000);
  assert.deepEqual([d.rate, d.burst, d.maxEvents, d.maxBytes], [10, 100, 100, 65536]);
  assert.equal(d.flushMs, 3000);
  assert.equal(d.queueSize, 500);
});

test("the tag's commerce types are the wire schema's", () => {
  assert.deepEqual([...COMMERCE].sort(), [...COMMERCE_TYPES].sort());
});

const get = (o: Record<string, unknown>) => (k: string) => o[k];

test("GA4 mapping coerces and caps fields so that events validate", () => {
  const long = "x".repeat(1000);
  const e = toEvent(
    "add_to_cart",
    get({
      currency: "EURO",
      value: "12.5",
      items: Array.from({ length: 80 }, (_, i) => ({
        item_id: long,
        item_name: i,
        price: -1,
        quantity: 2.6,
      })),
    }),
  );
  assert.ok(e && e.type === "add_to_cart");
  assert.equal(e.currency, "EUR");
  assert.equal(e.value, 12.5);
  assert.equal(e.items?.length, 50);
  // As sent (JSON drops the fields left undefined).
  assert.deepEqual(JSON.parse(JSON.stringify(e.items?.[1])), {
    id: "x".repeat(128),
    name: "1",
    quantity: 3,
  });
  const v = validateEvent(JSON.parse(JSON.stringify({ ...e, t: 1 })));
  assert.ok(v.ok, JSON.stringify(!v.ok && v.issues));
  assert.equal(toEvent("gtm.click", get({})), undefined);
  assert.equal(toEvent(undefined, get({})), undefined);
  assert.deepEqual(toEvent("experience_impression", get({ exp_variant_string: "VWO-12-3" })), {
    type: "experience_impression",
    experiment: "VWO-12",
    variant: "3",
  });
  const vsr = toEvent("view_search_results", get({ search_term: "x", number_of_results: "7" }));
  assert.equal(vsr?.type === "view_search_results" && vsr.results, 7);
});

test("thrash measure: direction changes and mean acceleration of a window", () => {
  const shake: [number, number][] = [0, 20, 40, 60, 80, 100, 120].map((t, i) => [
    t,
    i % 2 ? 300 : 100,
  ]);
  const m = measure(shake);
  assert.equal(m.turns, 5);
  assert.ok(m.accel > 0.008);
  const sweep: [number, number][] = [0, 20, 40, 60].map((t, i) => [t, 100 + i * 10]);
  assert.deepEqual(measure(sweep), { turns: 0, accel: 0 });
});

test("FNV-1a hashes messages to hex", () => {
  assert.equal(fnv1a(""), "811c9dc5");
  assert.equal(fnv1a("a"), "e40c292c");
  assert.notEqual(fnv1a("TypeError: x"), fnv1a("TypeError: y"));
});
