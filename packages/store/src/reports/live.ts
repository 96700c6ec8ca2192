/**
 * The live view (docs/product/reports.md#live-view): sessions in flight now, from the engine's live
 * sessions (the host passes `engine.sessions()`), with their segment, state, scores and — when the
 * recorder keeps them — score timelines. Bots are left out (and counted: `hiddenBots`). Pure: no
 * store, no clock (`now` is given).
 */
import {
  BANDS,
  type Band,
  type BandSketch,
  F,
  FRAMEWORK_SEGMENT_IDS,
  INTENT_LEVELS,
  PHASES,
  type SessionState,
  STAGES,
  STATES,
  segmentIndex,
} from "@intently/engine";
import type { TimelinePoint } from "../recorder.ts";

type Bands = { xC: BandSketch; xATC: BandSketch; xE: BandSketch };

export interface LiveScore {
  value: number;
  initial: number;
  max: number;
  band: Band | null;
}

export interface LiveSession {
  site: string;
  session: string;
  visitor: string;
  startedAt: number;
  lastEventAt: number;
  /** Seconds from the first to the last event. */
  durationSec: number;
  /** Seconds since the last event, at `now`. */
  idleSec: number;
  segment: string;
  custom: string[];
  phase: string;
  stage: string;
  state: string;
  intent: string;
  scores: { xC: LiveScore; xATC: LiveScore; xE: LiveScore };
  pageViews: number;
  cartValue: number;
  device: string;
  trafficSource: string;
  country: string;
  timeline: readonly TimelinePoint[];
}

export interface LiveView {
  now: number;
  /** Live non-bot sessions (of the site, when given). */
  total: number;
  /** Live sessions per segment now: all 13 framework segments, then custom ones. */
  bySegment: Record<string, number>;
  byState: Record<string, number>;
  /** Live sessions (of the site, when given) flagged as bots: not in `total` nor shown. */
  hiddenBots: number;
  /** Most recently active first, at most `limit`. */
  sessions: LiveSession[];
}

export interface LiveViewOptions {
  now: number;
  site?: string;
  /** Only sessions in this segment now. */
  segment?: string;
  limit?: number;
  /** Score bands of a site (e.g. `(s) => engine.bandsOf(s)`); bands are null without it. */
  bandsOf?: (site: string) => Bands;
  /** Score timelines (e.g. `(site, id) => recorder.timeline(site, id)`). */
  timelineOf?: (site: string, session: string) => readonly TimelinePoint[];
}

function score(v: number, initial: number, max: number, sketch: BandSketch | undefined): LiveScore {
  return { value: v, initial, max, band: sketch ? BANDS[sketch.bandIndex(v)]! : null };
}

export function liveView(sessions: Iterable<SessionState>, opts: LiveViewOptions): LiveView {
  const bySegment: Record<string, number> = {};
  for (const id of FRAMEWORK_SEGMENT_IDS) bySegment[id] = 0;
  const byState: Record<string, number> = Object.fromEntries(STATES.map((s) => [s, 0]));
  const picked: SessionState[] = [];
  let total = 0;
  let hiddenBots = 0;
  for (const s of sessions) {
    if (opts.site !== undefined && s.site !== opts.site) continue;
    if (s.bot !== null) {
      hiddenBots++;
      continue;
    }
    total++;
    const seg = FRAMEWORK_SEGMENT_IDS[segmentIndex(s)]!;
    bySegment[seg] = (bySegment[seg] ?? 0) + 1;
    for (const c of s.custom ?? []) bySegment[c] = (bySegment[c] ?? 0) + 1;
    const state = STATES[s.num(F.State)]!;
    byState[state] = (byState[state] ?? 0) + 1;
    if (opts.segment === undefined || seg === opts.segment || s.custom?.includes(opts.segment))
      picked.push(s);
  }
  picked.sort((a, b) => b.num(F.LastT) - a.num(F.LastT) || (a.id < b.id ? -1 : 1));
  const limit = opts.limit ?? 100;
  const out = picked
    .slice(0, limit)
    .map((s) => liveSessionOf(s, opts.now, opts.bandsOf?.(s.site), opts.timelineOf));
  return { now: opts.now, total, bySegment, byState, hiddenBots, sessions: out };
}

/** One session's row of the live view at `now` (also used by the server's incremental view). */
export function liveSessionOf(
  s: SessionState,
  now: number,
  bands: Bands | undefined,
  timelineOf?: (site: string, session: string) => readonly TimelinePoint[],
): LiveSession {
  const n = s.n;
  return {
    site: s.site,
    session: s.id,
    visitor: s.visitor,
    startedAt: n[F.StartT]!,
    lastEventAt: n[F.LastT]!,
    durationSec: (n[F.LastT]! - n[F.StartT]!) / 1000,
    idleSec: Math.max(0, now - n[F.LastT]!) / 1000,
    segment: FRAMEWORK_SEGMENT_IDS[segmentIndex(s)]!,
    custom: [...(s.custom ?? [])],
    phase: PHASES[n[F.Phase]!]!,
    stage: STAGES[n[F.Stage]!]!,
    state: STATES[n[F.State]!]!,
    intent: INTENT_LEVELS[n[F.Intent]!]!,
    scores: {
      xC: score(n[F.XC]!, n[F.XC0]!, n[F.XCMax]!, bands?.xC),
      xATC: score(n[F.XATC]!, n[F.XATC0]!, n[F.XATCMax]!, bands?.xATC),
      xE: score(n[F.XE]!, n[F.XE0]!, n[F.XEMax]!, bands?.xE),
    },
    pageViews: n[F.PageViews]!,
    cartValue: n[F.CartValue]!,
    device: s.device,
    trafficSource: s.source,
    country: s.country,
    timeline: timelineOf?.(s.site, s.id) ?? [],
  };
}
