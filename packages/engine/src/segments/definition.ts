/**
 * Custom segment definitions (docs/product/segments.md#matching): what a shop saves from the
 * builder.
 */

export const MATCH_METHODS = ["in-flight", "persisted"] as const;
/** in-flight: matches while the condition holds; persisted: once matched, for the session. */
export type MatchMethod = (typeof MATCH_METHODS)[number];

export const SEGMENT_STATUSES = ["live", "paused", "archived"] as const;
export type SegmentStatus = (typeof SEGMENT_STATUSES)[number];

export interface SegmentDefinition {
  id: string;
  name: string;
  description?: string;
  /** A GrowthBook-style condition over the data points. */
  condition: unknown;
  method: MatchMethod;
  /** Higher wins inside an exclusive group. */
  priority: number;
  /** Sessions match at most one live segment of a group: the highest priority. */
  exclusiveGroup?: string;
  /** The shop's own guidance: what to do for this segment (plain text, one item each). */
  opportunities?: string[];
  status: SegmentStatus;
}
