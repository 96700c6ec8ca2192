/**
 * `intently bench engine`: throughput, per-event latency and memory per live session of the
 * engine on simulated traffic, beside a raw ceiling — a loop doing the minimum any per-session
 * engine must do per event (a Map lookup and a counter update) — in the same run.
 */
import { Engine, type Event, type Scorer, type SessionRef } from "@intently/engine";
import { simulate } from "@intently/simulator";
import { Progress } from "../io/progress.ts";
import { gcFunction, quantile, round, settle, spreadOf } from "./stats.ts";

export interface EngineBenchOptions {
  events: number;
  liveSessions: number;
  rounds: number;
  seed: number;
  scorer?: Scorer;
}

interface Item {
  ref: SessionRef;
  event: Event;
}

function collect(events: number, seed: number): Item[] {
  const items: Item[] = [];
  const refs = new Map<string, SessionRef>();
  const progress = new Progress("generating events");
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

function runEngine(items: Item[], scorer: Scorer | undefined): number {
  const engine = new Engine(scorer ? { scorerFor: () => scorer } : {});
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

function latencies(items: Item[], scorer: Scorer | undefined): Float64Array {
  const engine = new Engine(scorer ? { scorerFor: () => scorer } : {});
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

async function memoryPerSession(live: number, seed: number, scorer: Scorer | undefined) {
  const gc = await gcFunction();
  const engine = new Engine(scorer ? { scorerFor: () => scorer } : {});
  const before = settle(gc);
  let events = 0;
  const progress = new Progress("live sessions");
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

export async function benchEngine(o: EngineBenchOptions) {
  const items = collect(o.events, o.seed);
  // Warm up both loops so the JIT has compiled them before measuring.
  runEngine(items.slice(0, Math.min(items.length, 200_000)), o.scorer);
  runCeiling(items);
  const ours: number[] = [];
  const ceiling: number[] = [];
  for (let r = 0; r < o.rounds; r++) {
    ours.push(items.length / runEngine(items, o.scorer));
    ceiling.push(items.length / runCeiling(items));
  }
  const lat = latencies(items, o.scorer);
  const mem = await memoryPerSession(o.liveSessions, o.seed, o.scorer);
  const oursS = spreadOf(ours);
  const ceilS = spreadOf(ceiling);
  return {
    scorer: o.scorer?.name ?? "heuristic-v1",
    events: items.length,
    rounds: o.rounds,
    eventsPerSec: Math.round(oursS.median),
    p50us: round(quantile(lat, 0.5), 3),
    p99us: round(quantile(lat, 0.99), 3),
    bytesPerLiveSession: Math.round(mem.bytesPerLiveSession),
    liveSessions: mem.liveSessions,
    spread: {
      eventsPerSec: {
        min: Math.round(oursS.min),
        max: Math.round(oursS.max),
        relative: round(oursS.spread, 3),
      },
    },
    ceiling: {
      what: "Map lookup + counter per event",
      eventsPerSec: Math.round(ceilS.median),
      relativeSpread: round(ceilS.spread, 3),
    },
    ratioToCeiling: round(oursS.median / ceilS.median, 4),
    timerOverheadUs: round(timerOverheadUs(), 3),
    node: process.version,
  };
}
