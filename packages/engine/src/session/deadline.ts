/**
 * A live session's next deadline (docs/product/engine.md#time): the earliest time at which its
 * evaluation may change with no new event. Everything an evaluation reads from the clock is
 * here or in `otherAt`:
 * - the session timeout (now − LastT ≥ timeout ends it);
 * - idleness (now − LastActivityT ≥ IDLE_ABANDON_MS moves it to Abandon);
 * - the recent windows of the signals the state rules and the features read (a signal stops
 *   being recent RECENT_WINDOW_MS after it happened);
 * - `otherAt`: when the scores may change with time on site and time since activity
 *   (Scorer.nextChange) and when custom memberships may change through time-relative data
 *   points (CustomSegmentMatcher.nextChange).
 * A deadline may come early (the evaluation then changes nothing and a new deadline is set),
 * never late. Times are integer milliseconds: the deadline is at least 1 ms after `now`, so a
 * session evaluated at a tick is not due again at the same `now`.
 */
import { IDLE_ABANDON_MS, RECENT_WINDOW_MS, SIGNAL_INDEX, STRUGGLE_SIGNALS } from "./signals.ts";
import { F, type SessionState, sigCount, sigLastT } from "./state.ts";

/** Signals whose recent window the state rules (rules.ts) and the features (features.ts) read. */
const WINDOWED = [
  ...STRUGGLE_SIGNALS.map((s) => SIGNAL_INDEX[s]),
  SIGNAL_INDEX.exit_intent,
  SIGNAL_INDEX.cart_emptied,
];

export function nextDeadline(
  s: SessionState,
  now: number,
  timeoutMs: number,
  otherAt: number,
): number {
  const n = s.f;
  const o = s.o;
  let at = Math.min(n[o + F.LastT]! + timeoutMs, otherAt);
  const idleAt = n[o + F.LastActivityT]! + IDLE_ABANDON_MS;
  if (idleAt > now && idleAt < at) at = idleAt;
  for (const i of WINDOWED) {
    if (n[o + sigCount(i)] === 0) continue;
    const closes = n[o + sigLastT(i)]! + RECENT_WINDOW_MS;
    if (closes >= now && closes < at) at = closes;
  }
  // 1 ms early against rounding in the thresholds (a time from seconds × 1000), 1 ms after now
  // at least.
  return Math.max(now + 1, Math.floor(at) - 1);
}
