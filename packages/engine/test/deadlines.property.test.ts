/**
 * The deadline clock against the reference full scan (docs/product/engine.md#time): random
 * traffic — sessions on three sites, events with gaps, some arriving late, ticks at random
 * times, custom segments with time conditions, a tree-like scorer with thresholds on the
 * elapsed features, the heuristic scorer (continuous in time) and a scorer that cannot say —
 * through an Engine with clock "deadlines" and one with clock "scan", asserting the same answer
 * to every event, the same updates and ended sessions at every tick and the same sessions at
 * the end. Background traffic moves the band cut points during a run.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import {
  Engine,
  type Event,
  heuristicScorer,
  type Scorer,
  type Scores,
  type SegmentDefinition,
  SegmentSet,
  type SessionRef,
  type SessionState,
  type SessionUpdate,
} from "../src/index.ts";
import { type C, F, NUM_COUNTS } from "../src/session/state.ts";
import { DESKTOP_UA, T0 } from "./helpers.ts";

/**
 * trees: the tree-like scorer alone (its deadlines are few, so idleness and the recent windows
 * must be scheduled for themselves); segments: the same with time conditions; heuristic: the
 * heuristic scorer (re-scored every tick while it moves) with the same segments; opaque: a
 * scorer without nextChange and a condition the analysis cannot read.
 */
const SITES = ["trees", "segments", "heuristic", "opaque"] as const;

/** Thresholds in seconds: a node sends x ≤ θ left, as the GBDT does. */
const ON_SITE = [45, 300, 900];
const SINCE_ACTIVITY = [3, 30, 200];

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
function steps(x: number, thresholds: number[], w: number): number {
  let z = 0;
  for (const t of thresholds) if (x > t) z += w;
  return z;
}
function nextAbove(x: number, thresholds: number[]): number {
  for (const t of thresholds) if (t >= x) return t - x;
  return Number.POSITIVE_INFINITY;
}

/** Piecewise constant in time, like the tree models, with its nextChange. */
const treeLike: Scorer = {
  name: "tree-like",
  score(x: Float64Array, out: Scores): void {
    const z =
      -3 +
      0.3 * Math.min(x[2]!, 6) +
      0.9 * Math.min(x[9]!, 2) +
      0.5 * x[13]! -
      0.4 * x[18]! -
      0.8 * x[20]! +
      steps(x[15]!, ON_SITE, 0.35) -
      steps(x[16]!, SINCE_ACTIVITY, 0.45);
    out.xC = x[14]! >= 5 ? 1 : sigmoid(z);
    out.xATC = x[9]! > 0 ? 1 : sigmoid(z + 1.2);
    out.xE = x[14]! >= 5 ? 0 : sigmoid(-z - 1 + 0.9 * x[21]!);
  },
  nextChange(x: Float64Array): number {
    return Math.min(nextAbove(x[15]!, ON_SITE), nextAbove(x[16]!, SINCE_ACTIVITY));
  },
  priorBands: heuristicScorer.priorBands,
};

/** The same scores, without nextChange: its sessions are re-scored on every tick. */
const opaque: Scorer = {
  name: "opaque",
  score: treeLike.score,
  priorBands: heuristicScorer.priorBands,
};

const seg = (
  id: string,
  condition: unknown,
  extra: Partial<SegmentDefinition> = {},
): SegmentDefinition => ({
  id,
  name: id,
  condition,
  method: "in-flight",
  priority: 0,
  status: "live",
  ...extra,
});

const TIME_SEGMENTS = new SegmentSet([
  seg("long-visit", { timeOnSiteSec: { $gt: 40 } }),
  seg(
    "quiet",
    { secondsSinceLastEvent: { $gte: 20, $lt: 70 } },
    { priority: 2, exclusiveGroup: "g" },
  ),
  seg("raged-lately", { rageClicksSecondsAgo: { $lte: 30 } }, { priority: 1, exclusiveGroup: "g" }),
  seg("exact", { $or: [{ timeOnSiteSec: 60 }, { secondsSinceLastEvent: { $in: [15, 95] } }] }),
  seg("high-band", { xCBand: { $in: ["high", "very-high"] } }, { method: "persisted" }),
  seg("abandoning", { state: "abandon", timeOnSiteSec: { $not: { $lt: 25 } } }),
  seg("frustrated-now", { frustrationRecent: { $gte: 1 } }),
]);
// A time condition the analysis cannot read: that site's sessions are re-checked every tick.
const OPAQUE_SEGMENTS = new SegmentSet([
  seg("regex-time", { timeOnSiteSec: { $regex: "^1" } }),
  seg("trend", { xCTrend: "rising" }),
]);

const TYPES = [
  "page_view",
  "product_view",
  "add_to_cart",
  "remove_from_cart",
  "begin_checkout",
  "purchase",
  "click",
  "scroll",
  "rage_click",
  "dead_click",
  "exit_intent",
  "tab_hidden",
  "tab_visible",
  "idle",
  "search",
] as const;

interface SessionPlan {
  site: number;
  start: number;
  steps: { gap: number; type: number; lateBy: number }[];
}

const planArb: fc.Arbitrary<SessionPlan> = fc.record({
  site: fc.nat(SITES.length - 1),
  start: fc.integer({ min: 0, max: 600_000 }),
  steps: fc.array(
    fc.record({
      // Bursts of events (so a signal stays recent by time, not by the last 5 events), pauses
      // past the idle and window lengths, and gaps right at the conditions' constants.
      gap: fc.oneof(
        { weight: 4, arbitrary: fc.integer({ min: 0, max: 5_000 }) },
        { weight: 1, arbitrary: fc.integer({ min: 5_000, max: 120_000 }) },
        { weight: 1, arbitrary: fc.constantFrom(15_000, 20_000, 40_000, 60_000, 61_000) },
      ),
      type: fc.nat(TYPES.length - 1),
      // Most events arrive on time; some after later ticks (late batches).
      lateBy: fc.oneof(
        { weight: 5, arbitrary: fc.constant(0) },
        { weight: 1, arbitrary: fc.integer({ min: 1, max: 30_000 }) },
      ),
    }),
    { minLength: 1, maxLength: 20 },
  ),
});

function eventOf(type: (typeof TYPES)[number], t: number, k: number): Event {
  const page = { url: `https://shop.test/p/${k % 4}`, type: "product" };
  switch (type) {
    case "page_view":
      return { type, t, page } as Event;
    case "add_to_cart":
    case "remove_from_cart":
    case "begin_checkout":
      return { type, t, page, items: [{ id: "A", price: 20, quantity: 1 }] } as Event;
    case "purchase":
      return { type, t, page, value: 20, transaction_id: `o${k}` } as Event;
    case "search":
      return { type, t, page, term: "shoes", results: k % 3 } as Event;
    default:
      return { type, t, page } as Event;
  }
}

type Arrival = { at: number; ref: SessionRef; event: Event } | { at: number; tick: true };

function timeline(plans: SessionPlan[], ticks: number[], background: number): Arrival[] {
  const out: Arrival[] = [];
  plans.forEach((p, i) => {
    const ref: SessionRef = {
      site: SITES[p.site]!,
      visitor: `v${i}`,
      session: `s${i}`,
      context: { ua: DESKTOP_UA },
    };
    let t = T0 + p.start;
    p.steps.forEach((st, k) => {
      t += st.gap;
      out.push({ at: t + st.lateBy, ref, event: eventOf(TYPES[st.type]!, t, k) });
    });
  });
  // Background: many short sessions on the tree sites, so their band cut points move (every 512
  // scores once 2,000 are in) while the planned sessions are live.
  for (let i = 0; i < background; i++) {
    const site = i % 2 === 0 ? "trees" : "segments";
    const ref: SessionRef = { site, visitor: `bv${i}`, session: `b${i}` };
    const t0 = T0 + ((i * 7919) % 900_000);
    for (let k = 0; k < 4; k++) {
      const t = t0 + k * 1_000 * ((i % 5) + 1);
      out.push({ at: t, ref, event: eventOf(TYPES[(i + k * 3) % 9]!, t, k) });
    }
  }
  for (const t of ticks) out.push({ at: T0 + t, tick: true });
  // Stable: at equal times, events before ticks, in generation order.
  return out
    .map((a, i) => ({ a, i }))
    .sort(
      (x, y) => x.a.at - y.a.at || ("tick" in x.a ? 1 : 0) - ("tick" in y.a ? 1 : 0) || x.i - y.i,
    )
    .map((x) => x.a);
}

const bySession = (a: { session: string }, b: { session: string }) =>
  a.session < b.session ? -1 : a.session > b.session ? 1 : 0;

/** Everything a session holds, but its slot in the deadline queue. */
function stateView(s: SessionState) {
  const n = Array.from(s.n);
  n[F.TimerSlot] = 0;
  // The uint32 fields (counts, flags, bands, hashes) live beside the float64 ones: both compared.
  const c = Array.from({ length: NUM_COUNTS }, (_, i) => s.get(i as C));
  return { site: s.site, id: s.id, n, c, custom: s.custom, customEver: s.customEver, bot: s.bot };
}

function engines() {
  const scorers: Record<string, Scorer> = {
    trees: treeLike,
    segments: treeLike,
    heuristic: heuristicScorer,
    opaque,
  };
  const options = (clock: "deadlines" | "scan") =>
    new Engine({
      clock,
      scorerFor: (site) => scorers[site]!,
      segmentsFor: (site) =>
        site === "opaque" ? OPAQUE_SEGMENTS : site === "trees" ? undefined : TIME_SEGMENTS,
    });
  return { fast: options("deadlines"), ref: options("scan") };
}

function compareRun(arrivals: Arrival[], limit: number): void {
  const { fast, ref } = engines();
  const planned = new Map<string, SessionRef>();
  for (const a of arrivals)
    if (!("tick" in a) && a.ref.session.startsWith("s")) planned.set(a.ref.session, a.ref);
  let lastTick = Number.NEGATIVE_INFINITY;
  for (const a of arrivals) {
    if ("tick" in a) {
      lastTick = a.at;
      const want = ref.advance(a.at);
      const updates: SessionUpdate[] = [];
      const ended: SessionState[] = [];
      // The deadline engine in slices of `limit`, as the host runs it.
      for (let more = true; more; ) {
        const r = fast.advance(a.at, limit);
        updates.push(...r.updates);
        ended.push(...r.ended);
        more = r.more;
      }
      assert.deepEqual(
        updates.sort(bySession),
        [...want.updates].sort(bySession),
        `updates at tick ${a.at - T0}`,
      );
      assert.deepEqual(
        ended.map(stateView).sort((x, y) => (x.id < y.id ? -1 : 1)),
        want.ended.map(stateView).sort((x, y) => (x.id < y.id ? -1 : 1)),
        `ended at tick ${a.at - T0}`,
      );
      // Not only what a tick reports: what a session holds (scores, bands, state) after it.
      for (const id of planned.values()) {
        const x = fast.get(id.site, id.session);
        const y = ref.get(id.site, id.session);
        assert.deepEqual(x && stateView(x), y && stateView(y), `${id.session} at ${a.at - T0}`);
      }
    } else {
      const u = fast.process(a.ref, a.event);
      const v = ref.process(a.ref, a.event);
      assert.deepEqual(u, v, `event at ${a.event.t - T0} (after tick ${lastTick - T0})`);
    }
  }
  const live = (e: Engine) =>
    [...e.sessions()].map(stateView).sort((x, y) => (x.id < y.id ? -1 : 1));
  assert.deepEqual(live(fast), live(ref), "live sessions at the end");
  assert.equal(fast.liveSessions(), ref.liveSessions());
}

describe("deadline clock = full scan (docs/product/engine.md#time)", () => {
  test("same answers, tick outcomes and sessions on random traffic", () => {
    fc.assert(
      fc.property(
        fc.array(planArb, { minLength: 1, maxLength: 25 }),
        fc.array(fc.integer({ min: 0, max: 3_000_000 }), { minLength: 1, maxLength: 60 }),
        fc.constantFrom(0, 0, 1_400),
        fc.constantFrom(1, 3, Number.POSITIVE_INFINITY),
        (plans, ticks, background, limit) => {
          compareRun(timeline(plans, ticks, background), limit);
        },
      ),
      // No shrinking: a counterexample is a long timeline, and re-running it shrunk takes minutes.
      { numRuns: 60, endOnFailure: true },
    );
  });

  test("regular 5 s ticks across the session timeout", () => {
    fc.assert(
      fc.property(fc.array(planArb, { minLength: 5, maxLength: 30 }), (plans) => {
        const ticks: number[] = [];
        for (let t = 1_234; t < 2_700_000; t += 5_000) ticks.push(t);
        compareRun(timeline(plans, ticks, 1_400), Number.POSITIVE_INFINITY);
      }),
      { numRuns: 8, endOnFailure: true },
    );
  });
});

describe("a tick touches only due sessions", () => {
  test("no session due: nothing is scored; due ones only", () => {
    let scored = 0;
    const counting: Scorer = {
      ...treeLike,
      score(x, out) {
        scored++;
        treeLike.score(x, out);
      },
    };
    const engine = new Engine({ scorerFor: () => counting });
    for (let i = 0; i < 1_000; i++) {
      engine.process({ site: "s", visitor: `v${i}`, session: `s${i}` }, {
        type: "page_view",
        t: T0,
        page: { url: "https://shop.test/" },
      } as Event);
    }
    scored = 0;
    // The first threshold on either elapsed feature is 3 s after the events.
    assert.equal(engine.advance(T0 + 2_000).updates.length, 0);
    assert.equal(scored, 0);
    engine.advance(T0 + 3_500);
    assert.equal(scored, 1_000);
    scored = 0;
    // Past the timeout every session ends without being scored again.
    const { ended } = engine.advance(T0 + engine.sessionTimeoutMs);
    assert.equal(ended.length, 1_000);
    assert.equal(scored, 0);
    assert.equal(engine.liveSessions(), 0);
  });

  test("a recent window closes on its own deadline, with no other deadline near", () => {
    const still: Scorer = { ...heuristicScorer, nextChange: () => Number.POSITIVE_INFINITY };
    const engine = new Engine({ scorerFor: () => still });
    const r = { site: "s", visitor: "v", session: "x" };
    engine.process(r, { type: "page_view", t: T0, page: { url: "https://shop.test/" } } as Event);
    engine.process(r, { type: "rage_click", t: T0 + 1_000 } as Event);
    // Five more events: the rage click is recent by time only from here on.
    for (let k = 0; k < 6; k++)
      engine.process(r, { type: "click", t: T0 + 2_000 + k * 5_000 } as Event);
    assert.equal(engine.get("s", "x") && engine.advance(T0 + 60_500).updates.length, 0);
    const { updates } = engine.advance(T0 + 61_500);
    assert.deepEqual(
      updates.map((u) => [u.state, u.enter, u.exit]),
      [["focus", ["focused-browsers"], ["struggling-browsers"]]],
    );
  });

  test("advance with a limit hands out due sessions in slices and says when more are due", () => {
    const engine = new Engine({ scorerFor: () => treeLike });
    for (let i = 0; i < 10; i++) {
      engine.process({ site: "s", visitor: `v${i}`, session: `s${i}` }, {
        type: "page_view",
        t: T0 + i,
        page: { url: "https://shop.test/" },
      } as Event);
    }
    const end = T0 + engine.sessionTimeoutMs + 100;
    const a = engine.advance(end, 4);
    assert.equal(a.ended.length, 4);
    assert.equal(a.more, true);
    // Earliest deadlines first.
    assert.deepEqual(
      a.ended.map((s) => s.id),
      ["s0", "s1", "s2", "s3"],
    );
    assert.equal(engine.advance(end, 4).ended.length, 4);
    const c = engine.advance(end, 4);
    assert.equal(c.ended.length, 2);
    assert.equal(c.more, false);
  });
});
