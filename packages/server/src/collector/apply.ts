/**
 * Applies a logged batch to the engine (through the EngineHost, which also records to the
 * store) and shapes the collect response: memberships after the batch's events, with the net
 * enter/exit over the batch.
 */
import {
  type Band,
  type BehaviourState,
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

export function applyRecord(host: EngineHost, rec: BatchRecord, mode: ApplyMode): Applied | null {
  const ref: SessionRef = { site: rec.site, visitor: rec.visitor, session: rec.session };
  if (rec.context) ref.context = rec.context;
  let before: Set<string> | null = null;
  let last: SessionUpdate | null = null;
  for (const e of rec.events) {
    let u: SessionUpdate;
    try {
      if (mode === "record") u = host.process(ref, e);
      else {
        u = host.engine.process(ref, e);
        host.recorder.update(u, u.t);
      }
    } catch {
      continue; // a validated event never throws; if one did, the rest of the batch still counts
    }
    if (!before) {
      // Memberships before the batch: now, minus what this event entered, plus what it left.
      before = new Set(u.segments);
      for (const id of u.enter) before.delete(id);
      for (const id of u.exit) before.add(id);
    }
    last = u;
  }
  if (!last || !before) return null;
  return { last, outcome: netChange(before, last.segments) };
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
  return snapshotOf(s, host.engine.bandsOf(site), segmentIndex(s), s.custom, false);
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
