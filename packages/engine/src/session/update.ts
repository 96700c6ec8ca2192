/**
 * What the engine tells its host after each event: the session's view (scores, stage, phase,
 * state, memberships) and which segments it entered and left.
 */
import type { BotReason } from "../context/bot.ts";
import { FRAMEWORK_SEGMENT_IDS, type FrameworkSegmentId } from "../framework/segments.ts";
import {
  BANDS,
  type Band,
  type BehaviourState,
  INTENT_LEVELS,
  type IntentLevel,
  PHASES,
  type Phase,
  STAGES,
  STATES,
  type Stage,
  TRENDS,
  type Trend,
} from "../framework/types.ts";
import { C, F, type SessionState } from "./state.ts";

export interface ScoreView {
  value: number;
  initial: number;
  max: number;
  band: Band;
  trend: Trend;
}

export interface SessionUpdate {
  site: string;
  visitor: string;
  session: string;
  /** Time of the latest event. */
  t: number;
  scores: { xC: ScoreView; xATC: ScoreView; xE: ScoreView };
  intent: IntentLevel;
  stage: Stage;
  phase: Phase;
  state: BehaviourState;
  segment: FrameworkSegmentId;
  /** Every segment matched now: the framework segment first, then custom ones. */
  segments: string[];
  /** Custom segments matched now. */
  custom: readonly string[];
  /** Every segment matched at any time this session (framework and custom). */
  persisted: string[];
  enter: string[];
  exit: string[];
  bot: BotReason | null;
}

const EMPTY: readonly string[] = Object.freeze([]);
/** Log-odds change per event beyond which a score's trend is rising or falling. */
const TREND_THRESHOLD = 0.05;

/** A score's trend from the moving average of its per-event log-odds change. */
export function trendOf(ema: number): Trend {
  return TRENDS[ema > TREND_THRESHOLD ? 2 : ema < -TREND_THRESHOLD ? 0 : 1]!;
}

/** 0–11: phase × state; 12: converted. */
export function segmentIndex(s: SessionState): number {
  const phase = s.num(F.Phase);
  return phase >= 4 ? 12 : phase * 3 + s.num(F.State);
}

/** `band` is the band stored at the session's last evaluation (engine.ts, C.XCBand …). */
function scoreView(
  value: number,
  initial: number,
  max: number,
  ema: number,
  band: number,
): ScoreView {
  return { value, initial, max, band: BANDS[band]!, trend: trendOf(ema) };
}

export function snapshotOf(
  s: SessionState,
  prevSegment: number,
  prevCustom: readonly string[] | null,
  created: boolean,
): SessionUpdate {
  const n = s.f;
  const o = s.o;
  const segIdx = segmentIndex(s);
  const segment = FRAMEWORK_SEGMENT_IDS[segIdx]!;
  s.set(C.SegmentsSeen, s.get(C.SegmentsSeen) | (1 << segIdx));
  const custom = s.custom ?? EMPTY;
  let enter: string[] = EMPTY as string[];
  let exit: string[] = EMPTY as string[];
  if (segIdx !== prevSegment) {
    enter = [segment];
    if (!created && prevSegment >= 0) exit = [FRAMEWORK_SEGMENT_IDS[prevSegment]!];
  }
  if (custom !== prevCustom) {
    const before = prevCustom ?? EMPTY;
    for (const id of custom)
      if (!before.includes(id)) enter = enter === EMPTY ? [id] : [...enter, id];
    for (const id of before) if (!custom.includes(id)) exit = exit === EMPTY ? [id] : [...exit, id];
  }
  return {
    site: s.site,
    visitor: s.visitor,
    session: s.id,
    t: n[o + F.LastT]!,
    scores: {
      xC: scoreView(
        n[o + F.XC]!,
        n[o + F.XC0]!,
        n[o + F.XCMax]!,
        n[o + F.XCTrend]!,
        s.get(C.XCBand),
      ),
      xATC: scoreView(
        n[o + F.XATC]!,
        n[o + F.XATC0]!,
        n[o + F.XATCMax]!,
        n[o + F.XATCTrend]!,
        s.get(C.XATCBand),
      ),
      xE: scoreView(
        n[o + F.XE]!,
        n[o + F.XE0]!,
        n[o + F.XEMax]!,
        n[o + F.XETrend]!,
        s.get(C.XEBand),
      ),
    },
    intent: INTENT_LEVELS[n[o + F.Intent]!]!,
    stage: STAGES[n[o + F.Stage]!]!,
    phase: PHASES[n[o + F.Phase]!]!,
    state: STATES[n[o + F.State]!]!,
    segment,
    segments: custom.length === 0 ? [segment] : [segment, ...custom],
    custom,
    persisted: persistedOf(s),
    enter,
    exit,
    bot: s.bot,
  };
}

/** Framework segments ever visited (from the SegmentsSeen bits), then custom ones. */
export function persistedOf(s: SessionState): string[] {
  const bits = s.get(C.SegmentsSeen);
  const out: string[] = [];
  for (let i = 0; i < FRAMEWORK_SEGMENT_IDS.length; i++)
    if (bits & (1 << i)) out.push(FRAMEWORK_SEGMENT_IDS[i]!);
  if (s.customEver) out.push(...s.customEver);
  return out;
}
