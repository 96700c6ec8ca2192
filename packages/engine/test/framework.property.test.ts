/**
 * Property tests over generated event sequences: exactly one framework segment at every event;
 * stage, phase and intent never move backwards; the state equals an independent reference
 * computed from the raw event history (precedence Abandon > Struggle > Focus; never Abandon after
 * a purchase or a confirmation page).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { frameworkSegmentOf } from "../src/framework/segments.ts";
import {
  COMMERCE_TYPES,
  Engine,
  type Event,
  FRAMEWORK_SEGMENT_IDS,
  FRUSTRATION_TYPES,
  INTENT_LEVELS,
  PHASES,
  type SessionUpdate,
  STAGES,
} from "../src/index.ts";
import { ATTENTION_TYPES, INTERACTION_TYPES } from "../src/schema/events.ts";
import { DESKTOP_UA, T0 } from "./helpers.ts";

const PAGES: [string, string | undefined, string | undefined][] = [
  ["/", "home", undefined],
  ["/about", "content", undefined],
  ["/c/shoes", "category", "Shoes"],
  ["/c/bags", "category", "Bags"],
  ["/p/1", "product", undefined],
  ["/p/2", "product", undefined],
  ["/search", "search", undefined],
  ["/cart", "cart", undefined],
  ["/checkout", "checkout", undefined],
  ["/thanks", "confirmation", undefined],
  ["/missing", "not_found", undefined],
  ["/x", undefined, undefined],
];

/** Every event type but page_view (generated separately, with pages). */
const SIMPLE = [...COMMERCE_TYPES, ...FRUSTRATION_TYPES, ...ATTENTION_TYPES, ...INTERACTION_TYPES];

type Step = { dt: number } & (
  | { kind: "page"; page: number }
  | { kind: "event"; type: (typeof SIMPLE)[number]; qty: number; results: number }
);

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      dt: fc.integer({ min: 1, max: 90_000 }),
      kind: fc.constant("page" as const),
      page: fc.nat(PAGES.length - 1),
    }),
  },
  {
    weight: 5,
    arbitrary: fc.record({
      dt: fc.integer({ min: 1, max: 90_000 }),
      kind: fc.constant("event" as const),
      type: fc.constantFrom(...SIMPLE),
      qty: fc.integer({ min: 0, max: 3 }),
      results: fc.integer({ min: 0, max: 2 }),
    }),
  },
);

function toEvents(steps: Step[]): Event[] {
  let t = T0;
  return steps.map((s) => {
    t += s.dt;
    if (s.kind === "page") {
      const [path, type, category] = PAGES[s.page]!;
      return {
        type: "page_view",
        t,
        page: { url: `https://shop.test${path}`, type, category },
      } as Event;
    }
    const items = s.qty === 0 ? undefined : [{ id: "A", price: 10, quantity: s.qty }];
    return { type: s.type, t, items, results: s.results } as Event;
  });
}

const PASSIVE = new Set([
  "tab_hidden",
  "idle",
  "exit_intent",
  "page_engagement",
  "identify",
  "set",
]);
const STRUGGLE = new Set([
  "rage_click",
  "dead_click",
  "error_click",
  "js_error",
  "form_error",
  "thrashed_cursor",
  "u_turn",
]);

/**
 * Straightforward O(n²) reference of docs/product/engine.md#state over the history (in-order
 * events).
 */
function referenceState(history: Event[], xEVeryHigh: boolean): "focus" | "struggle" | "abandon" {
  const n = history.length;
  const now = history[n - 1]!.t;
  const recent = (i: number) => now - history[i]!.t <= 60_000 || n - (i + 1) <= 5;
  let hidden = false;
  let idle = false;
  let lastActivity = history[0]!.t;
  let qty = 0;
  let abandon = false;
  let struggle = false;
  let bought = false;
  const paths: string[] = [];
  history.forEach((e, i) => {
    if (!PASSIVE.has(e.type)) {
      lastActivity = e.t;
      hidden = false;
      idle = false;
    }
    if (e.type === "tab_hidden") hidden = true;
    if (e.type === "tab_visible") hidden = false;
    if (e.type === "idle") idle = true;
    const items = "items" in e && e.items ? e.items : undefined;
    const q = items ? items.reduce((a, it) => a + (it.quantity ?? 1), 0) : 1;
    let signal: "struggle" | "abandon" | null = null;
    if (e.type === "add_to_cart") qty += q;
    if (e.type === "remove_from_cart") {
      const before = qty;
      qty = Math.max(0, qty - q);
      if (before > 0 && qty === 0) signal = "abandon";
    }
    if (e.type === "purchase") qty = 0;
    if (e.type === "purchase" || (e.type === "page_view" && e.page.type === "confirmation"))
      bought = true;
    if (e.type === "exit_intent" || e.type === "tab_hidden" || e.type === "idle")
      signal = e.type === "exit_intent" ? "abandon" : null;
    if (STRUGGLE.has(e.type)) signal = "struggle";
    if (
      (e.type === "search" || e.type === "view_search_results") &&
      "results" in e &&
      e.results === 0
    )
      signal = "struggle";
    if (e.type === "page_view") {
      paths.push(e.page.url);
      const k = paths.length;
      if (
        k >= 4 &&
        paths[k - 1] === paths[k - 3] &&
        paths[k - 2] === paths[k - 4] &&
        paths[k - 1] !== paths[k - 2]
      )
        signal = "struggle";
      if (e.page.type === "not_found") signal = "struggle";
    }
    if (signal && recent(i)) {
      if (signal === "abandon") abandon = true;
      else struggle = true;
    }
  });
  // A purchase wins over abandonment (issue 19): after one, never Abandon.
  if (!bought && (abandon || hidden || idle || now - lastActivity >= 60_000 || xEVeryHigh))
    return "abandon";
  return struggle ? "struggle" : "focus";
}

test("every session is in exactly one of the 13 framework segments at every event; axes never move backwards; state matches the reference", () => {
  fc.assert(
    fc.property(fc.array(stepArb, { minLength: 1, maxLength: 60 }), (steps) => {
      const events = toEvents(steps);
      const engine = new Engine();
      const r = { site: "p", visitor: "v", session: "s", context: { ua: DESKTOP_UA } };
      let prev: SessionUpdate | undefined;
      const history: Event[] = [];
      for (const e of events) {
        const u = engine.process(r, e);
        history.push(e);
        const framework = u.segments.filter((id) =>
          (FRAMEWORK_SEGMENT_IDS as readonly string[]).includes(id),
        );
        assert.equal(framework.length, 1);
        assert.equal(framework[0], u.segment);
        assert.equal(u.segment, frameworkSegmentOf(u.phase, u.state));
        if (prev) {
          assert.ok(STAGES.indexOf(u.stage) >= STAGES.indexOf(prev.stage), "stage moved backwards");
          assert.ok(PHASES.indexOf(u.phase) >= PHASES.indexOf(prev.phase), "phase moved backwards");
          assert.ok(
            INTENT_LEVELS.indexOf(u.intent) >= INTENT_LEVELS.indexOf(prev.intent),
            "intent moved backwards",
          );
          if (prev.segment !== u.segment) {
            assert.ok(u.enter.includes(u.segment) && u.exit.includes(prev.segment));
          } else {
            assert.equal(u.enter.length + u.exit.length, 0);
          }
        }
        assert.equal(u.state, referenceState(history, u.scores.xE.band === "very-high"));
        prev = u;
      }
    }),
    { numRuns: 400 },
  );
});

test("out-of-order and duplicated events never break the invariants", () => {
  fc.assert(
    fc.property(
      fc.array(stepArb, { minLength: 1, maxLength: 40 }),
      fc.array(fc.nat(39), { maxLength: 10 }),
      (steps, dupes) => {
        const events = toEvents(steps);
        // Shuffle deterministically by reversing chunks and re-inserting duplicates.
        const mixed = [...events];
        for (const d of dupes)
          if (events[d % events.length])
            mixed.splice(d % mixed.length, 0, events[d % events.length]!);
        mixed.reverse();
        const engine = new Engine();
        const r = { site: "p", visitor: "v", session: "s" };
        let prev: SessionUpdate | undefined;
        for (const e of mixed) {
          const u = engine.process(r, e);
          assert.ok((FRAMEWORK_SEGMENT_IDS as readonly string[]).includes(u.segment));
          if (prev) {
            assert.ok(STAGES.indexOf(u.stage) >= STAGES.indexOf(prev.stage));
            assert.ok(PHASES.indexOf(u.phase) >= PHASES.indexOf(prev.phase));
            assert.ok(u.t >= prev.t, "time moved backwards");
          }
          for (const v of [u.scores.xC.value, u.scores.xATC.value, u.scores.xE.value])
            assert.ok(v >= 0 && v <= 1);
          prev = u;
        }
      },
    ),
    { numRuns: 300 },
  );
});
