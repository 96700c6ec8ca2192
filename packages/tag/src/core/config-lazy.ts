/** The lazy modules' part of the default configuration (see config.ts, defaults.ts). */
import { DEAD_FOCUS_MS, DEAD_MUTATION_MS, DEAD_SCROLL_MS } from "../interaction/dead.ts";
import { ERROR_CLICK_MS } from "../interaction/errors.ts";
import { EXIT_MIN_MS, EXIT_SCROLL_MS, EXIT_SCROLL_PX, EXIT_TOP_PX } from "../interaction/exit.ts";
import { IDLE_MS } from "../interaction/idle.ts";
import { RAGE_CLICKS, RAGE_GAP_MS, RAGE_MAX_PX } from "../interaction/rage.ts";
import { THRASH_ACCEL, THRASH_TURNS, THRASH_WINDOW_MS } from "../interaction/thrash.ts";
import { U_TURN_MS } from "../interaction/uturn.ts";
import type { Config, LazyConfig } from "../types.ts";

export const LAZY_DEFAULTS: LazyConfig = {
  /** `identify(id)` sends SHA-256(lower-cased, trimmed id) instead of the id. */
  hashIdentity: true,
  /** Custom dataLayer keys sent as `set` properties (e.g. "customer_tier"). */
  props: [],
  /**
   * Push `{event: "intently_segment_enter", intently_segment}` onto the dataLayer on each
   * segment entry: true, false, or unset (when the page has its own dataLayer array).
   */
  gtm: undefined,
  idleMs: IDLE_MS,
  rageClicks: RAGE_CLICKS,
  rageGapMs: RAGE_GAP_MS,
  rageMaxPx: RAGE_MAX_PX,
  deadMs: DEAD_MUTATION_MS,
  deadScrollMs: DEAD_SCROLL_MS,
  deadFocusMs: DEAD_FOCUS_MS,
  errorClickMs: ERROR_CLICK_MS,
  thrashWindowMs: THRASH_WINDOW_MS,
  thrashTurns: THRASH_TURNS,
  thrashAccel: THRASH_ACCEL,
  uTurnMs: U_TURN_MS,
  exitTopPx: EXIT_TOP_PX,
  exitMinMs: EXIT_MIN_MS,
  exitScrollPx: EXIT_SCROLL_PX,
  exitScrollMs: EXIT_SCROLL_MS,
};

/** Fills the lazy modules' defaults into a config made by `configure` (settings win). */
export function withLazyDefaults(cfg: Config): void {
  const c = cfg as unknown as Record<string, unknown>;
  for (const [k, v] of Object.entries(LAZY_DEFAULTS)) c[k] ??= v;
}
