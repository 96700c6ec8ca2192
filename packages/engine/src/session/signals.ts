/**
 * Behaviour signals the state rules look at (docs/product/engine.md#state), each tracked as count,
 * last time and last event index so "recent" (last 60 s or last 5 events) is an O(1) check.
 */
export const SIGNALS = [
  // Struggle
  "rage_click",
  "dead_click",
  "error_click",
  "js_error",
  "form_error",
  "thrashed_cursor",
  "u_turn",
  "zero_result_search",
  "back_and_forth",
  "not_found",
  // Abandon
  "exit_intent",
  "tab_hidden",
  "idle",
  "cart_emptied",
] as const;
export type Signal = (typeof SIGNALS)[number];

export const STRUGGLE_SIGNALS: readonly Signal[] = SIGNALS.slice(0, 10);

export const SIGNAL_INDEX = Object.fromEntries(SIGNALS.map((s, i) => [s, i])) as Record<
  Signal,
  number
>;

/** The recent window of docs/product/engine.md#state. */
export const RECENT_WINDOW_MS = 60_000;
export const RECENT_WINDOW_EVENTS = 5;
/** Idle time after which a session counts as abandoning even without an `idle` event. */
export const IDLE_ABANDON_MS = 60_000;
