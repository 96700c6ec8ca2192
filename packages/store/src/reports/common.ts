/** Small helpers shared by the reports. */
import { FRAMEWORK_SEGMENT_CONTENT, isFrameworkSegmentId } from "@intently/engine";
import { UTC, type ZoneDays, zoneDays } from "../local-days.ts";
import type { Store } from "../store.ts";

export { isoDay } from "../local-days.ts";

/** The local days of the site's time zone (UTC for a site without configuration). */
export async function siteZone(store: Store, site: string): Promise<ZoneDays> {
  return zoneDays((await store.config.getSite(site))?.settings.timeZone ?? UTC);
}

/** A period widened to whole local days of `z`, as the queries read it. */
export function wholeDaysIn<P extends { from: number; to: number }>(p: P, z: ZoneDays): P {
  return { ...p, from: z.start(z.dayOf(p.from)), to: z.start(z.dayAtOrAfter(p.to)) };
}

/** A period widened to whole local days of the site's time zone. */
export async function wholeDays<P extends { site: string; from: number; to: number }>(
  store: Store,
  p: P,
): Promise<P> {
  return wholeDaysIn(p, await siteZone(store, p.site));
}

/** a / b, or null when b is 0 (a rate of nothing is unknown, not zero). */
export const ratio = (a: number, b: number): number | null => (b === 0 ? null : a / b);

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
