/**
 * Ended sessions grouped by the data points their row records — what evaluating a segment
 * condition over stored sessions needs (the builder's estimate). A caller asks for the fields its
 * condition reads, each either as the value itself or reduced to the few classes the condition
 * can tell apart (numbers: the pieces between its constants; strings: its constants or "other"),
 * so a period of a million sessions comes back as a few thousand groups.
 *
 * A row holds each data point's value when the session ended: counters (pageViews, cartAdds,
 * signal counts…) at their final, highest value; scores as xC (final), xCInitial and xCMax;
 * stage and intentLevel at the furthest reached; timeOnSiteSec up to the last event. The
 * framework fields (segment, phase, state) come from `frameworkSeen`, the bitmask of the
 * framework segments the session was ever in (FRAMEWORK_SEGMENT_IDS order).
 */
import { dataPoint, SIGNAL_DATA_POINT_IDS, SIGNALS } from "@intently/engine";

/** Data points a sessions row records (besides the framework fields). */
export const RECORDED_FIELDS: readonly string[] = [
  "trafficSource",
  "sourceName",
  "medium",
  "campaign",
  "landingPage",
  "landingPageType",
  "deviceType",
  "browser",
  "os",
  "country",
  "language",
  "visitorType",
  "previousSessions",
  "previousPurchases",
  "identified",
  "isBot",
  "pageViews",
  "timeOnSiteSec",
  "productViews",
  "searches",
  "cartAdds",
  "purchases",
  "revenue",
  ...SIGNALS.map((s) => SIGNAL_DATA_POINT_IDS[s]),
  "frustrationCount",
  "xC",
  "xCInitial",
  "xCMax",
  "xATC",
  "xATCInitial",
  "xATCMax",
  "xE",
  "xEInitial",
  "xEMax",
  "intentLevel",
  "stage",
  "experiments",
];

/** Read from the framework bitmask, not from a column. */
export const FRAMEWORK_FIELDS: readonly string[] = ["segment", "phase", "state"];

/** String data points whose most frequent values `topValues` can list: the recorded text ones. */
export const SUGGESTED_FIELDS: readonly string[] = RECORDED_FIELDS.filter((f) => {
  const type = dataPoint(f)?.type;
  return type === "string" || type === "enum";
});

/**
 * How one field is read:
 * - `cuts` (numbers): the key is the index of the value's piece among the sorted cut points
 *   c0 < c1 < …: 0 below c0, 1 at c0, 2 between c0 and c1, …, 2k above the last; `pieceValue`
 *   turns it back into a number of that piece.
 * - `values` (strings): the key is the value when it is one of `values`, else null.
 * - neither: the key is the value.
 */
export interface FieldRead {
  field: string;
  cuts?: readonly number[];
  values?: readonly string[];
}

export interface SessionGroup {
  sessions: number;
  /** One per read, in order. */
  keys: unknown[];
  /** The framework segments ever entered (0 unless asked for). */
  frameworkSeen: number;
}

/** Sorted distinct cut points, as `FieldRead.cuts` wants them. */
export const sortedCuts = (xs: Iterable<number>): number[] =>
  [...new Set(xs)].sort((a, b) => a - b);

/** A number lying in piece `key` of `cuts` (see FieldRead). */
export function pieceValue(cuts: readonly number[], key: number): number {
  const k = cuts.length;
  if (k === 0) return 0;
  if (key <= 0) return cuts[0]! - Math.max(1, Math.abs(cuts[0]!));
  if (key >= 2 * k) return cuts[k - 1]! + Math.max(1, Math.abs(cuts[k - 1]!));
  if (key % 2 === 1) return cuts[(key - 1) / 2]!;
  const lo = cuts[key / 2 - 1]!;
  const hi = cuts[key / 2]!;
  return lo + (hi - lo) / 2;
}
