/**
 * `intently bench engine`: throughput, per-event latency and memory per live session of the
 * engine on simulated traffic, beside a raw ceiling — a loop doing the minimum any per-session
 * engine must do per event (a Map lookup and a counter update) — in the same run.
 */
import {
  Engine,
  type Event,
  heuristicScorer,
  type Scorer,
  type SessionRef,
} from "@intently/engine";
import { simulate } from "@intently/simulator";
import {
  gcFunction,
  noProgress,
  type ProgressOf,
  quantile,
  round,
  settle,
  spreadOf,
} from "./runner.ts";

export interface EngineBenchOptions {
  events: number;
  liveSessions: number;
  rounds: number;
  seed: number;
  /** A trained model scorer, measured beside the heuristic scorer. */
  model: Scorer;
  progress?: ProgressOf;
}

interface Item {
  ref: SessionRef;
  event: Event;
}

function collect(events: number, seed: number, progressOf: ProgressOf): Item[] {
  const items: Item[] = [];
  const refs = new Map<string, SessionRef>();
  const progress = progressOf("generating events");
  // Sessions average ~12–20 events; ask for plenty and stop at the target.
  for (const line of simulate({ sessions: Math.ceil(events / 4), seed, days: 30 })) {
    let ref = refs.get(line.session);
    if (!ref) {
      ref = {
        site: line.site,
        visitor: line.visitor,
        session: line.session,
        context: line.context,
      };
      refs.set(line.session, ref);
    }
    items.push({ ref, event: line.event });
    progress.tick(items.length, events);
    if (items.length >= events) break;
  }
  progress.done();
  return items;
}

function runEngine(items: Item[], scorer: Scorer): number {
  const engine = new Engine({ scorerFor: () => scorer });
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < items.length; i++) {
    const it = items[i]!;
    engine.process(it.ref, it.event);
  }
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

/** The ceiling: per event, find the session and bump a counter. */
function runCeiling(items: Item[]): number {
  const sessions = new Map<string, { n: number; t: number }>();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < items.length; i++) {
    const it = items[i]!;
    let s = sessions.get(it.ref.session);
    if (!s) {
      s = { n: 0, t: 0 };
      sessions.set(it.ref.session, s);
    }
    s.n++;
    if (it.event.t > s.t) s.t = it.event.t;
  }
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

function latencies(items: Item[], scorer: Scorer): Float64Array {
  const engine = new Engine({ scorerFor: () => scorer });
  const out = new Float64Array(items.length);
  for (let i = 0; i < items.length; i++) {
    const it = items[i]!;
    const t0 = process.hrtime.bigint();
    engine.process(it.ref, it.event);
    out[i] = Number(process.hrtime.bigint() - t0) / 1000;
  }
  return out.sort();
}

function timerOverheadUs(): number {
  const n = 100_000;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const t0 = process.hrtime.bigint();
    out[i] = Number(process.hrtime.bigint() - t0) / 1000;
  }
  return quantile(out.sort(), 0.5);
}

async function memoryPerSession(
  live: number,
  seed: number,
  scorer: Scorer,
  progressOf: ProgressOf,
) {
  const gc = await gcFunction();
  const engine = new Engine({ scorerFor: () => scorer });
  const before = settle(gc);
  let events = 0;
  const progress = progressOf("live sessions");
  // Every session stays live: nothing calls advance(), so none end.
  for (const line of simulate({ sessions: live, seed: seed + 1, days: 1 })) {
    engine.process(line, line.event);
    events++;
    progress.tick(engine.liveSessions(), live);
  }
  progress.done();
  const after = settle(gc);
  return {
    liveSessions: engine.liveSessions(),
    events,
    bytesPerLiveSession: (after - before) / engine.liveSessions(),
  };
}

function measure(items: Item[], scorer: Scorer, rounds: number) {
  // Warm-up so the JIT has compiled the hot path before timing.
  runEngine(items.slice(0, Math.min(items.length, 200_000)), scorer);
  const rates: number[] = [];
  for (let r = 0; r < rounds; r++) rates.push(items.length / runEngine(items, scorer));
  const lat = latencies(items, scorer);
  const s = spreadOf(rates);
  return {
    scorer: scorer.name,
    eventsPerSec: Math.round(s.median),
    p50us: round(quantile(lat, 0.5), 3),
    p99us: round(quantile(lat, 0.99), 3),
    spread: { min: Math.round(s.min), max: Math.round(s.max), relative: round(s.spread, 3) },
  };
}

export async function benchEngine(o: EngineBenchOptions) {
  const items = collect(o.events, o.seed, o.progress ?? noProgress);
  runCeiling(items);
  const ceiling: number[] = [];
  for (let r = 0; r < o.rounds; r++) ceiling.push(items.length / runCeiling(items));
  const heuristic = measure(items, heuristicScorer, o.rounds);
  const model = measure(items, o.model, o.rounds);
  const mem = await memoryPerSession(o.liveSessions, o.seed, o.model, o.progress ?? noProgress);
  const ceilS = spreadOf(ceiling);
  return {
    events: items.length,
    rounds: o.rounds,
    eventsPerSec: heuristic.eventsPerSec,
    p50us: heuristic.p50us,
    p99us: heuristic.p99us,
    bytesPerLiveSession: Math.round(mem.bytesPerLiveSession),
    liveSessions: mem.liveSessions,
    heuristic,
    model,
    ceiling: {
      what: "Map lookup + counter per event",
      eventsPerSec: Math.round(ceilS.median),
      relativeSpread: round(ceilS.spread, 3),
    },
    ratioToCeiling: {
      heuristic: round(heuristic.eventsPerSec / ceilS.median, 4),
      model: round(model.eventsPerSec / ceilS.median, 4),
    },
    timerOverheadUs: round(timerOverheadUs(), 3),
    node: process.version,
  };
}
