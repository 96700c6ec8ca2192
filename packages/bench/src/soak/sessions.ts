/**
 * The soak's sessions: simulated shoppers (packages/simulator), so the engine sees realistic
 * events, cut to issue 24's shape — 5–40 events spread over 10–120 s, sent in batches of 1–10 —
 * with their times moved onto the wall clock. Sessions with fewer than 5 events are skipped,
 * longer ones keep their first 40; the simulator's gaps are scaled to a duration drawn in
 * 10–120 s (order and relative pacing kept), and times strictly increase within a session so
 * that no two events of a session are identical (the store would rightly keep one).
 */
import type { Context, Event } from "@intently/engine";
import { simulateSessions } from "@intently/simulator";
import { rng } from "../prng.ts";

export const SHAPE = {
  minEvents: 5,
  maxEvents: 40,
  minSeconds: 10,
  maxSeconds: 120,
  maxBatch: 10,
  /** Share of acknowledged batches sent again with the same batch id. */
  resendShare: 0.02,
  /** How long after its answer a resent batch goes again (the tag retries after a timeout). */
  resendAfterMs: 1000,
} as const;

/** Simulated sessions per simulator call; the source chains calls with new seeds. */
const CHUNK = 20_000;

export interface SoakBatch {
  /** The batch id (idempotency key), unique within the run. */
  id: string;
  /** Wall-clock time (epoch ms) the batch is due: its last event's time, as the tag sends. */
  dueAt: number;
  events: Event[];
  /** Set at the first 200 answer (new or duplicate): the batch is acknowledged. */
  acked: boolean;
  /** An attempt ended without an answer (socket error, timeout): it may have been applied. */
  unanswered: boolean;
}

export interface SoakSession {
  visitor: string;
  session: string;
  context: Context;
  /** Events the session was given (including those of batches dropped by the prefill). */
  assigned: number;
  /** Sends still to make, ordered by `dueAt`: batches, and resends of acknowledged ones. */
  queue: { batch: SoakBatch; dueAt: number; resend: boolean }[];
  /** A request of this session is in flight (a session sends one batch at a time, as the tag). */
  busy: boolean;
}

type Simulated = ReturnType<typeof simulateSessions> extends Iterator<infer S> ? S : never;

export class SessionSource {
  private readonly random: () => number;
  private chunk = 0;
  private sim: Iterator<Simulated>;
  private batches = 0;

  constructor(
    private readonly seed: number,
    private readonly resendShare: number = SHAPE.resendShare,
  ) {
    this.random = rng(seed ^ 0x5eed);
    this.sim = this.nextChunk();
  }

  private nextChunk(): Iterator<Simulated> {
    const seed = (this.seed + this.chunk * 7919) >>> 0;
    return simulateSessions({ sessions: CHUNK, seed, days: 1 });
  }

  private nextSimulated(): Simulated {
    for (;;) {
      const r = this.sim.next();
      if (!r.done) {
        if (r.value.events.length >= SHAPE.minEvents) return r.value;
        continue;
      }
      this.chunk++;
      this.sim = this.nextChunk();
    }
  }

  /**
   * The next session, starting at `start` (epoch ms). Batches due before `from` are dropped
   * (the prefill: sessions already under way when the run starts), so its queue may be empty.
   * The source never runs dry: the caller bounds the run.
   */
  next(start: number, from: number): SoakSession {
    const s = this.nextSimulated();
    const src = s.events.slice(0, SHAPE.maxEvents);
    const t0 = src[0]!.t;
    const span = src.at(-1)!.t - t0;
    const duration =
      (SHAPE.minSeconds + this.random() * (SHAPE.maxSeconds - SHAPE.minSeconds)) * 1000;
    let prev = Number.NEGATIVE_INFINITY;
    const events = src.map((e, i) => {
      const offset =
        span > 0 ? ((e.t - t0) * duration) / span : (i * duration) / Math.max(1, src.length - 1);
      const t = Math.max(Math.round(start + offset), prev + 1);
      prev = t;
      return { ...e, t } as Event;
    });
    // Ids made unique across the simulator's chunks (each restarts at s_1 / v_1).
    const tag = `c${this.chunk}`;
    const session: SoakSession = {
      visitor: `${s.visitor}_${tag}`,
      session: `${s.session}_${tag}`,
      context: s.context,
      assigned: events.length,
      queue: [],
      busy: false,
    };
    for (let k = 0; k < events.length; ) {
      const size = 1 + Math.floor(this.random() * SHAPE.maxBatch);
      const chunk = events.slice(k, k + size);
      k += size;
      const dueAt = chunk.at(-1)!.t;
      const batch: SoakBatch = {
        id: `b${this.batches++}`,
        dueAt,
        events: chunk,
        acked: false,
        unanswered: false,
      };
      if (dueAt >= from) session.queue.push({ batch, dueAt, resend: false });
    }
    return session;
  }

  /** Whether to resend an acknowledged batch (2 % unless the run says otherwise). */
  resend(): boolean {
    return this.random() < this.resendShare;
  }
}
