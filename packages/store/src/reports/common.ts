/** Small helpers shared by the reports. */
import { FRAMEWORK_SEGMENT_CONTENT, isFrameworkSegmentId } from "@intently/engine";
import { DAY_MS } from "../rows.ts";
import type { Store } from "../store.ts";

/** A period widened to whole UTC days, as the queries read it. */
export function wholeDays<P extends { from: number; to: number }>(p: P): P {
  return {
    ...p,
    from: Math.floor(p.from / DAY_MS) * DAY_MS,
    to: Math.ceil(p.to / DAY_MS) * DAY_MS,
  };
}

/** a / b, or null when b is 0 (a rate of nothing is unknown, not zero). */
export const ratio = (a: number, b: number): number | null => (b === 0 ? null : a / b);

/** ISO date (UTC) of a day number (days since the epoch). */
export const isoDay = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

export type SegmentKind = "framework" | "custom";

export function segmentKind(id: string): SegmentKind {
  return isFrameworkSegmentId(id) ? "framework" : "custom";
}

/** Display name: the framework content's, a custom definition's `name`, else the id. */
export function segmentName(id: string, definition?: unknown): string {
  if (isFrameworkSegmentId(id)) return FRAMEWORK_SEGMENT_CONTENT[id].name;
  const name = (definition as { name?: unknown } | undefined)?.name;
  return typeof name === "string" && name ? name : id;
}

/** Display name of a segment, reading a custom segment's saved definition. */
export async function lookUpName(store: Store, site: string, id: string): Promise<string> {
  if (segmentKind(id) === "framework") return segmentName(id);
  return segmentName(id, (await store.config.getSegment(site, id))?.definition);
}
