/**
 * `intently bench tick`: the time of one engine clock tick (`Engine.advance(now)`) with N live
 * sessions, the deadline clock beside the full scan it replaced (the "scan" clock, kept as the
 * reference: same results), on the same sessions in the same run. Sessions have the soak's
 * shape (issue 24): 5–40 events over 10–120 s, started over the last 40 minutes, so at any tick
 * a few are idle-crossing, window-closing, threshold-crossing or timing out. One untimed tick at
 * the end of the traffic catches up (as the server's clock would have run all along); the
 * timed ticks follow, 5 s apart.
 */
import { Engine, type Event, type Scorer, type SessionRef } from "@intently/engine";
import { rng } from "./prng.ts";
import { quantile, round, spreadOf } from "./runner.ts";

export interface TickBenchOptions {
  /** Live-session counts to measure at, e.g. [10_000, 100_000]. */
  liveSessions: number[];
  /** Ticks timed per count (5 s apart, as the server's clock). */
  ticks: number;
  seed: number;
  /** The scorer sessions are scored with (the server's: the prior model). */
  scorer: Scorer;
}

export const MAX_TICK_SESSIONS = 500_000;
const TICK_MS = 5_000;
export const T = Date.UTC(2026, 0, 5, 12, 0, 0);
const KINDS = ["page_view", "product_view", "click", "scroll", "add_to_cart", "rage_click"];

/**
 * Every event of N sessions, all before T, session after session (no clock runs while they are
 * fed, so the order across sessions does not matter): generated, not held.
 */
export function* traffic(n: number, seed: number): Generator<{ ref: SessionRef; event: Event }> {
  const r = rng(seed);
  for (let i = 0; i < n; i++) {
    const ref: SessionRef = { site: "bench", visitor: `v${i}`, session: `s${i}` };
    const events = 5 + Math.floor(r() * 36);
    const span = 10_000 + r() * 110_000;
    const start = T - 40 * 60_000 + r() * (40 * 60_000 - span);
    for (let k = 0; k < events; k++) {
      const t = Math.round(start + (span * k) / (events - 1));
      const type = k === 0 ? "page_view" : KINDS[Math.floor(r() * KINDS.length)]!;
      const page = { url: `https://shop.test/p/${Math.floor(r() * 50)}`, type: "product" };
      const items = type === "add_to_cart" ? [{ id: "A", price: 20, quantity: 1 }] : undefined;
      yield { ref, event: { type, t, page, items } as Event };
    }
  }
}

/** The scorer, counting its calls: how many sessions a tick re-scored. */
function counting(scorer: Scorer): Scorer & { calls: number } {
  const c = {
    ...scorer,
    calls: 0,
    score(x: Float64Array, out: Parameters<Scorer["score"]>[1]) {
      c.calls++;
      scorer.score(x, out);
    },
  };
  return c;
}

function timeTicks(engine: Engine, scorer: { calls: number }, ticks: number) {
  const ms: number[] = [];
  const calls0 = scorer.calls;
  let updates = 0;
  let ended = 0;
  for (let k = 1; k <= ticks; k++) {
    const t0 = process.hrtime.bigint();
    const r = engine.advance(T + k * TICK_MS);
    ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
    updates += r.updates.length;
    ended += r.ended.length;
  }
  const s = spreadOf(ms);
  const sorted = [...ms].sort((a, b) => a - b);
  return {
    medianMs: round(s.median, 3),
    rescoredPerTick: Math.round((scorer.calls - calls0) / ticks),
    p90Ms: round(quantile(sorted, 0.9), 3),
    spread: { min: round(s.min, 3), max: round(s.max, 3), relative: round(s.spread, 3) },
    updates,
    ended,
  };
}

export function benchTick(o: TickBenchOptions) {
  const points = o.liveSessions.map((n) => {
    const scanScorer = counting(o.scorer);
    const deadlineScorer = counting(o.scorer);
    const scan = new Engine({ clock: "scan", scorerFor: () => scanScorer });
    const deadlines = new Engine({ clock: "deadlines", scorerFor: () => deadlineScorer });
    let events = 0;
    for (const { ref, event } of traffic(n, o.seed)) {
      scan.process(ref, event);
      deadlines.process(ref, event);
      events++;
    }
    scan.advance(T);
    deadlines.advance(T);
    const live = deadlines.liveSessions();
    // Same ticks on both: a session ends or moves at the same tick in each.
    const full = timeTicks(scan, scanScorer, o.ticks);
    const fast = timeTicks(deadlines, deadlineScorer, o.ticks);
    return {
      sessions: n,
      liveSessions: live,
      events,
      deadlines: fast,
      scan: full,
      sameOutcomes: fast.updates === full.updates && fast.ended === full.ended,
      speedup: round(full.medianMs / Math.max(fast.medianMs, 1e-3), 1),
    };
  });
  return {
    what: "Engine.advance(now) every 5 s, deadline clock vs full scan, same sessions",
    scorer: o.scorer.name,
    ticks: o.ticks,
    points,
    node: process.version,
  };
}
