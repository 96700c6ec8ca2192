/**
 * Applies a logged batch to the engine (through the EngineHost, which also records to the
 * store) and shapes the collect response: memberships after the batch's events, with the net
 * enter/exit over the batch.
 */
import {
  type Band,
  type BehaviourState,
  type Event,
  type Phase,
  type SessionRef,
  type SessionUpdate,
  type Stage,
  segmentIndex,
  snapshotOf,
} from "@intently/engine";
import type { EngineHost } from "../engine-host.ts";
import { type BatchOutcome, NO_CHANGE } from "./idempotency.ts";
import type { BatchRecord } from "./records.ts";

export interface CollectResponse {
  /** Segments matched now: the framework segment first, then custom ones. */
  segments: string[];
  /** Segments matched at any time this session. */
  persisted: string[];
  /** Net change over the batch. */
  enter: readonly string[];
  exit: readonly string[];
  scores: { xC: number; xATC: number; xE: number };
  bands: { xC: Band; xATC: Band; xE: Band };
  stage: Stage;
  phase: Phase;
  state: BehaviourState;
  segment: string;
}

/**
 * `record`: the normal path (engine + store rows). `replay`: engine and the recorder's live
 * intervals only, for batches whose rows the store already has (before the last checkpoint).
 */
export type ApplyMode = "record" | "replay";

export interface Applied {
  last: SessionUpdate;
  outcome: BatchOutcome;
}

/** One batch being applied, an event at a time. */
class Application {
  private readonly ref: SessionRef;
  private before: Set<string> | null = null;
  private last: SessionUpdate | null = null;

  constructor(
    private readonly host: EngineHost,
    rec: BatchRecord,
    private readonly mode: ApplyMode,
  ) {
    this.ref = { site: rec.site, visitor: rec.visitor, session: rec.session };
    if (rec.context) this.ref.context = rec.context;
  }

  step(e: Event): void {
    const { host, ref } = this;
    let u: SessionUpdate;
    try {
      if (this.mode === "record") u = host.process(ref, e);
      else {
        u = host.engine.process(ref, e);
        host.recorder.update(u, u.t);
      }
    } catch {
      return; // a validated event never throws; if one did, the rest of the batch still counts
    }
    if (!this.before) {
      // Memberships before the batch: now, minus what this event entered, plus what it left.
      this.before = new Set(u.segments);
      for (const id of u.enter) this.before.delete(id);
      for (const id of u.exit) this.before.add(id);
    }
    this.last = u;
  }

  result(): Applied | null {
    if (!this.last || !this.before) return null;
    return { last: this.last, outcome: netChange(this.before, this.last.segments) };
  }
}

/** Applies the whole batch at once (recovery at start-up, before the server listens). */
export function applyRecord(host: EngineHost, rec: BatchRecord, mode: ApplyMode): Applied | null {
  const a = new Application(host, rec, mode);
  for (const e of rec.events) a.step(e);
  return a.result();
}

/**
 * Applies the batch in time slices: before each event, when the current slice has run its
 * length, it yields the event loop (`slices.pause()`). Run one at a time (ApplySlices), so no
 * other batch interleaves: the result is the same as `applyRecord`'s.
 */
export async function applyRecordSliced(
  host: EngineHost,
  rec: BatchRecord,
  slices: { due(): boolean; pause(): Promise<void> },
): Promise<Applied | null> {
  const a = new Application(host, rec, "record");
  for (const e of rec.events) {
    if (slices.due()) await slices.pause();
    a.step(e);
  }
  return a.result();
}

function netChange(before: Set<string>, after: readonly string[]): BatchOutcome {
  const enter = after.filter((id) => !before.has(id));
  const exit: string[] = [];
  for (const id of before) if (!after.includes(id)) exit.push(id);
  return enter.length === 0 && exit.length === 0 ? NO_CHANGE : { enter, exit };
}

/** The session's current view without applying anything (to answer a retried batch). */
export function currentView(host: EngineHost, site: string, session: string): SessionUpdate | null {
  const s = host.engine.get(site, session);
  if (!s) return null;
  return snapshotOf(s, segmentIndex(s), s.custom, false);
}

const r4 = (x: number) => Math.round(x * 1e4) / 1e4;

export function responseOf(u: SessionUpdate, outcome: BatchOutcome): CollectResponse {
  const s = u.scores;
  return {
    segments: u.segments,
    persisted: u.persisted,
    enter: outcome.enter,
    exit: outcome.exit,
    scores: { xC: r4(s.xC.value), xATC: r4(s.xATC.value), xE: r4(s.xE.value) },
    bands: { xC: s.xC.band, xATC: s.xATC.band, xE: s.xE.band },
    stage: u.stage,
    phase: u.phase,
    state: u.state,
    segment: u.segment,
  };
}
