/**
 * The recorder's live score timelines (issue 24: memory per live session): per live session a
 * ring of its last N score updates in a slab slot, no object per point. Float64 slab: the
 * timeline's base time. Uint16 slab: the ring's head and count, then its points quantised —
 * time as a 32-bit millisecond offset from the base (two halves), each score in 1/65535ths of
 * [0, 1], the framework segment's index: 12 bytes a point instead of 40
 * (docs/product/engine.md#memory-per-live-session). Slots are the recorder's: it claims a slot
 * for a new session and reads it back; the timeline is not written to the store.
 */
import {
  FRAMEWORK_SEGMENT_IDS,
  type FrameworkSegmentId,
  type SessionUpdate,
} from "@intently/engine";
import { FloatSlab, Uint16Slab } from "./float-slab.ts";

export interface TimelinePoint {
  t: number;
  xC: number;
  xATC: number;
  xE: number;
  segment: FrameworkSegmentId;
}

const HEAD = 0;
const COUNT = 1;
const BASE = 2;
/** A point: t − base (high, low 16 bits), xC, xATC, xE, framework segment index. */
const POINT = 6;
const SCORE_STEPS = 65_535;
const MAX_OFFSET = 2 ** 32 - 1;

const quantise = (score: number) => Math.round(Math.min(1, Math.max(0, score)) * SCORE_STEPS);

const FRAMEWORK_INDEX = new Map<string, number>(FRAMEWORK_SEGMENT_IDS.map((id, i) => [id, i]));

export class ScoreTimelines {
  private readonly t0 = new FloatSlab(1);
  private readonly q: Uint16Slab;

  /** `points` per session (0: none, and nothing is held). */
  constructor(readonly points: number) {
    this.q = new Uint16Slab(BASE + points * POINT);
  }

  /** An empty timeline in `slot` (a new live session's). */
  claim(slot: number): void {
    if (this.points === 0) return;
    this.t0.claim(slot);
    this.q.claim(slot);
  }

  /** Adds `u`'s scores and segment at time `t` (the session's, never earlier than its last). */
  add(slot: number, t: number, u: SessionUpdate): void {
    const n = this.points;
    if (n === 0) return;
    const d = this.t0.chunk(slot);
    const o = this.t0.offset(slot);
    const q = this.q.chunk(slot);
    const qo = this.q.offset(slot);
    if (q[qo + COUNT] === 0) d[o] = t;
    const head = q[qo + HEAD]!;
    const p = qo + BASE + head * POINT;
    const off = Math.min(MAX_OFFSET, t - d[o]!);
    const s = u.scores;
    q[p] = Math.floor(off / 65_536);
    q[p + 1] = off % 65_536;
    q[p + 2] = quantise(s.xC.value);
    q[p + 3] = quantise(s.xATC.value);
    q[p + 4] = quantise(s.xE.value);
    q[p + 5] = FRAMEWORK_INDEX.get(u.segment) ?? 0;
    q[qo + HEAD] = (head + 1) % n;
    q[qo + COUNT] = Math.min(n, q[qo + COUNT]! + 1);
  }

  /**
   * The points of `slot` (oldest first): times to the millisecond, scores to 1/65535
   * (quantised, see above).
   */
  read(slot: number): TimelinePoint[] {
    const n = this.points;
    if (n === 0) return [];
    const t0 = this.t0.chunk(slot)[this.t0.offset(slot)]!;
    const q = this.q.chunk(slot);
    const qo = this.q.offset(slot);
    const count = q[qo + COUNT]!;
    const out: TimelinePoint[] = [];
    for (let k = 0; k < count; k++) {
      const p = qo + BASE + ((q[qo + HEAD]! - count + k + n) % n) * POINT;
      out.push({
        t: t0 + q[p]! * 65_536 + q[p + 1]!,
        xC: q[p + 2]! / SCORE_STEPS,
        xATC: q[p + 3]! / SCORE_STEPS,
        xE: q[p + 4]! / SCORE_STEPS,
        segment: FRAMEWORK_SEGMENT_IDS[q[p + 5]!]!,
      });
    }
    return out;
  }
}
