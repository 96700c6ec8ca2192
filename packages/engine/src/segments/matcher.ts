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
}
