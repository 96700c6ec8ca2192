import type { BandSketch } from "../scoring/bands.ts";
import type { C, F, SessionState } from "../session/state.ts";

export type DataPointType = "string" | "number" | "boolean" | "string[]" | "enum";

export const DATA_POINT_GROUPS = [
  "traffic",
  "device",
  "visitor",
  "pages",
  "products",
  "search",
  "cart",
  "frustration",
  "exit",
  "scores",
  "framework",
  "experiments",
  "custom",
] as const;
export type DataPointGroup = (typeof DATA_POINT_GROUPS)[number];

export interface AttributeSource {
  s: SessionState;
  bands: { xC: BandSketch; xATC: BandSketch; xE: BandSketch };
  /** Time at which time-relative data points (recency, time on site) are read. */
  now: number;
}

export interface DataPoint {
  /** The attribute name conditions use (a GrowthBook path). */
  id: string;
  label: string;
  type: DataPointType;
  group: DataPointGroup;
  description: string;
  /** Allowed values, for enums. */
  values?: readonly string[];
  /**
   * Unit for numbers, e.g. "s", "ms", "%", "currency"; "probability" is a 0–1 score that people
   * read and type as 0–100 % (the dashboard converts at its edge; conditions stay 0–1).
   */
  unit?: string;
  get(src: AttributeSource): unknown;
}

/** A data point that reads one accumulator of the session as is. */
export const num =
  (f: F) =>
  (a: AttributeSource): number =>
    a.s.num(f);

/** A data point that reads one integer accumulator of the session (C) as is. */
export const count =
  (f: C) =>
  (a: AttributeSource): number =>
    a.s.get(f);
