import type { BandSketch } from "../scoring/bands.ts";
import type { SessionState } from "../session/state.ts";

/**
 * A site's custom segments as the engine sees them. `update` recomputes the session's custom
 * memberships; when they change it must assign NEW arrays to `s.custom` / `s.customEver`
 * (never mutate the old ones), so the engine can diff old against new.
 */
export interface CustomSegmentMatcher {
  update(
    s: SessionState,
    bands: { xC: BandSketch; xATC: BandSketch; xE: BandSketch },
    now: number,
  ): void;
  /**
   * The earliest time after `now` at which the session's memberships may change through
   * time-relative data points alone (timeOnSiteSec, secondsSinceLastEvent, …SecondsAgo), with no
   * new event: may be early, never late; Infinity when no condition reads such a data point;
   * `now` when it cannot tell (the engine then re-checks the session on every tick). Without
   * this method the engine re-checks the site's sessions on every tick.
   */
  nextChange?(s: SessionState, now: number): number;
}
