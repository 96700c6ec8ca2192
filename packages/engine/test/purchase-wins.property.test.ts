/**
 * A purchase wins over abandonment (issue 19): over random sessions — page views of every type,
 * every event type, the clock moving on (idleness) — once a purchase or a confirmation page has
 * been seen, the session is never in an abandoning framework segment nor in state Abandon, at any
 * later event or tick.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import {
  ABANDONING_SEGMENT_IDS,
  COMMERCE_TYPES,
  Engine,
  type Event,
  FRUSTRATION_TYPES,
  type SessionUpdate,
} from "../src/index.ts";
import { ATTENTION_TYPES, INTERACTION_TYPES, PAGE_TYPES } from "../src/schema/events.ts";
import { DESKTOP_UA, T0 } from "./helpers.ts";

const TYPES = [...COMMERCE_TYPES, ...FRUSTRATION_TYPES, ...ATTENTION_TYPES, ...INTERACTION_TYPES];

type Step =
  | { kind: "page"; dt: number; type: (typeof PAGE_TYPES)[number] | undefined; path: number }
  | { kind: "event"; dt: number; type: (typeof TYPES)[number]; qty: number }
  | { kind: "tick"; dt: number };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant("page" as const),
    dt: fc.integer({ min: 1, max: 120_000 }),
    type: fc.option(fc.constantFrom(...PAGE_TYPES), { nil: undefined }),
    path: fc.nat(5),
  }),
  fc.record({
    kind: fc.constant("event" as const),
    dt: fc.integer({ min: 1, max: 120_000 }),
    type: fc.constantFrom(...TYPES),
    qty: fc.integer({ min: 0, max: 3 }),
  }),
  fc.record({ kind: fc.constant("tick" as const), dt: fc.integer({ min: 1, max: 300_000 }) }),
);

const abandoning = new Set<string>(ABANDONING_SEGMENT_IDS);

test("the abandoning segments are the Abandon column of the framework", () => {
  assert.deepEqual(
    [...ABANDONING_SEGMENT_IDS],
    ["unengaged-browsers", "drifting-explorers", "wavering-considerers", "abandoning-buyers"],
  );
});

test("once a purchase or a confirmation page is seen, never in an abandoning segment", () => {
  let boughtRuns = 0;
  fc.assert(
    fc.property(fc.array(stepArb, { minLength: 1, maxLength: 50 }), (steps) => {
      const engine = new Engine();
      const ref = { site: "p", visitor: "v", session: "s", context: { ua: DESKTOP_UA } };
      let t = T0;
      let bought = false;
      const check = (u: SessionUpdate, what: string) => {
        if (!bought) return;
        assert.ok(!abandoning.has(u.segment), `${what}: in ${u.segment} after a purchase`);
        assert.notEqual(u.state, "abandon", `${what}: state abandon after a purchase`);
        for (const id of u.enter) assert.ok(!abandoning.has(id), `${what}: entered ${id}`);
      };
      for (const s of steps) {
        t += s.dt;
        if (s.kind === "tick") {
          // Stay within the session timeout: the clock only makes the session idle.
          if (t - T0 > 25 * 60_000) continue;
          const r = engine.advance(t);
          for (const u of r.updates) check(u, "tick");
          continue;
        }
        let e: Event;
        if (s.kind === "page") {
          e = { type: "page_view", t, page: { url: `https://shop.test/p${s.path}`, type: s.type } };
        } else {
          const items = s.qty === 0 ? undefined : [{ id: "A", price: 10, quantity: s.qty }];
          e = { type: s.type, t, items } as Event;
        }
        const u = engine.process(ref, e);
        if (e.type === "purchase" || (e.type === "page_view" && e.page.type === "confirmation"))
          bought = true;
        check(u, e.type);
      }
      if (bought) boughtRuns++;
    }),
    { numRuns: 400 },
  );
  assert.ok(boughtRuns > 50, `only ${boughtRuns} runs saw a purchase`);
});
