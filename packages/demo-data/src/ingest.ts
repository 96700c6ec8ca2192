/**
 * Simulated history into a store: the simulator's events through a fresh engine and the
 * recorder, ending every session at the end. Used by `intently demo` (history loading) and
 * `bench report`.
 */
import { Engine, type SegmentDefinition, SegmentSet } from "@intently/engine";
import { simulate } from "@intently/simulator";
import { SessionRecorder, type Store } from "@intently/store";

/** A few realistic custom segments so the demo's reports and overlap have custom data. */
export const DEMO_SEGMENTS: readonly SegmentDefinition[] = [
  {
    id: "mobile-shoppers",
    name: "Mobile shoppers",
    condition: { deviceType: "mobile" },
    method: "in-flight",
    priority: 0,
    status: "live",
  },
  {
    id: "high-value-carts",
    name: "High-value carts",
    condition: { cartValue: { $gte: 100 } },
    method: "persisted",
    priority: 0,
    status: "live",
  },
  {
    id: "paid-social-visitors",
    name: "Paid social visitors",
    condition: { trafficSource: "paid-social" },
    method: "persisted",
    priority: 0,
    status: "live",
  },
];

export interface IngestOptions {
  sessions: number;
  seed: number;
  store: Store;
  days?: number;
  /** Epoch ms of the first possible session start (simulator default otherwise). */
  start?: number;
  site?: string;
  /** Custom segments evaluated by the engine (default: DEMO_SEGMENTS; [] for none). */
  segments?: readonly SegmentDefinition[];
  /** Keep raw events (default true). */
  events?: boolean;
  /** Simulated time between engine.advance calls (default 60 s). */
  advanceEveryMs?: number;
  onProgress?: (endedSessions: number, events: number) => void;
}

export interface IngestResult {
  sessions: number;
  events: number;
  /** First and last event times. */
  from: number;
  to: number;
}

/** Rows queued before the loop waits for the store to write them (bounded memory). */
const BACKPRESSURE_ROWS = 100_000;

export async function ingestSimulation(opts: IngestOptions): Promise<IngestResult> {
  const segments = opts.segments ?? DEMO_SEGMENTS;
  const set = segments.length > 0 ? new SegmentSet(segments) : undefined;
  const engine = new Engine(set ? { segmentsFor: () => set } : {});
  // Page rollups by session count only: simulated minutes fly by, and rows per write are few.
  const recorder = new SessionRecorder(opts.store, {
    events: opts.events ?? true,
    timelinePoints: 0,
    rollupEveryMs: Number.POSITIVE_INFINITY,
  });
  const step = opts.advanceEveryMs ?? 60_000;
  let nextAdvance = Number.NEGATIVE_INFINITY;
  let events = 0;
  let ended = 0;
  let from = Number.POSITIVE_INFINITY;
  let to = Number.NEGATIVE_INFINITY;
  const lines = simulate({
    sessions: opts.sessions,
    seed: opts.seed,
    days: opts.days,
    start: opts.start,
    site: opts.site,
  });
  for (const line of lines) {
    const t = line.event.t;
    if (t >= nextAdvance) {
      if (nextAdvance !== Number.NEGATIVE_INFINITY) {
        const r = engine.advance(t);
        recorder.advanced(r, t);
        ended += r.ended.length;
        opts.onProgress?.(ended, events);
      }
      nextAdvance = t + step;
    }
    recorder.event(line.event, engine.process(line, line.event));
    events++;
    if (t < from) from = t;
    if (t > to) to = t;
    if (opts.store.pendingRows() >= BACKPRESSURE_ROWS) await opts.store.flush();
  }
  // End every remaining session as the engine would: once the timeout has passed.
  const end = (to === Number.NEGATIVE_INFINITY ? 0 : to) + engine.sessionTimeoutMs;
  const r = engine.advance(end);
  recorder.advanced(r, end);
  ended += r.ended.length;
  recorder.flush();
  await opts.store.flush();
  opts.onProgress?.(ended, events);
  return events === 0
    ? { sessions: 0, events, from: 0, to: 0 }
    : { sessions: ended, events, from, to };
}
