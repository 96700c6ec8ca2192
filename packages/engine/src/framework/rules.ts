/**
 * The framework's rules (docs/product/engine.md: intent level, phase, state) as small pure
 * functions over indices. Stage is folded in by applyEvent (each event implies a least stage);
 * here: intent level, phase and state.
 */
import { isRecent } from "../scoring/features.ts";
import { IDLE_ABANDON_MS, SIGNAL_INDEX, STRUGGLE_SIGNALS } from "../session/signals.ts";
import { C, F, type SessionState } from "../session/state.ts";

/** Band indices: 0 very-low … 4 very-high. */
const BAND_MEDIUM = 2;
const BAND_HIGH = 3;
const BAND_VERY_HIGH = 4;

/** Intent level index (0 low, 1 building, 2 high); never moves backwards. */
export function intentLevel(prev: number, xC: number, xC0: number, xCBand: number): number {
  let level = 0;
  if (xC >= 5 * xC0 || xCBand >= BAND_HIGH) level = 2;
  else if (xC >= 2 * xC0 || xCBand >= BAND_MEDIUM) level = 1;
  return Math.max(level, prev);
}

/** Phase index (0 engage, 1 build-intent, 2 maintain-intent, 3 convert, 4 converted). */
export function phaseOf(prev: number, stage: number, intent: number): number {
  let phase: number;
  if (stage >= 5) phase = 4;
  else if (stage === 4) phase = 3;
  else if (stage === 0) phase = 0;
  else phase = intent >= 2 ? 2 : 1;
  return Math.max(phase, prev);
}

const EXIT = SIGNAL_INDEX.exit_intent;
const CART_EMPTIED = SIGNAL_INDEX.cart_emptied;
const STRUGGLE = STRUGGLE_SIGNALS.map((s) => SIGNAL_INDEX[s]);

/** Stage index of Post Purchase: a purchase or a confirmation page was seen. */
const POST_PURCHASE = 5;

/**
 * State index (0 focus, 1 struggle, 2 abandon) at time `now`, precedence abandon > struggle >
 * focus. Windowed signals count when they happened in the last 60 s or the last 5 events; a
 * hidden tab and idleness count while they last (a visible tab or new activity ends them).
 * A purchase wins over abandonment (issue 19): once a purchase or a confirmation page is seen
 * (stage Post Purchase, which never moves back) the state is never Abandon — leaving after
 * buying is not abandoning.
 */
export function stateOf(s: SessionState, now: number, xEBand: number): number {
  const n = s.f;
  const o = s.o;
  if (
    n[o + F.Stage]! < POST_PURCHASE &&
    (s.get(C.TabHidden) === 1 ||
      s.get(C.Idle) === 1 ||
      now - n[o + F.LastActivityT]! >= IDLE_ABANDON_MS ||
      isRecent(s, EXIT, now) ||
      isRecent(s, CART_EMPTIED, now) ||
      xEBand >= BAND_VERY_HIGH)
  ) {
    return 2;
  }
  for (const i of STRUGGLE) if (isRecent(s, i, now)) return 1;
  return 0;
}
