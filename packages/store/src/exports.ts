/**
 * Session-summary exports and the site activity the Sites page shows: sub-ports of the Store
 * (store.ts), so that the API's download, the scheduled daily files and the tag status need no
 * particular backend.
 *
 * The one selection rule (docs/product/activation.md#integrations): an export of [from, to) holds
 * the site's sessions that **ended** in [from, to), bots left out, ordered by end then session.
 * By end, because a session is stored only once it has ended: a past day's file never changes
 * after the day (plus the end grace) is over, whatever the length of its sessions, and a visitor's
 * erasure names exactly the files that held them (`VisitorErasure.endedDays`). Day ranges are the
 * site's local days (its IANA time zone, DST-correct: `localDayRange`).
 */
import { dayOfIso, isoDay, zoneDays } from "./local-days.ts";

export type ExportFormat = "csv" | "parquet";

/**
 * The columns written: `download` (the API's export: session first, lists as lists) or `daily`
 * (the scheduled files: site first, lists joined with `|` in CSV).
 */
export type ExportLayout = "download" | "daily";

export interface ExportRequest {
  site: string;
  /** Session end, epoch ms: [from, to). */
  from: number;
  to: number;
  format: ExportFormat;
  layout: ExportLayout;
  /** The file to write (created private, 0600; overwritten). */
  path: string;
}

export interface SessionExports {
  /** Writes the sessions the request selects (after queued writes); answers the rows written. */
  write(q: ExportRequest): Promise<number>;
}

export interface SiteActivity {
  /** The site's latest stored event time (events, or ended sessions' last events) at or after
   * `since` (epoch ms), or null. */
  lastEventAt(site: string, since: number): Promise<number | null>;
  /** The last event time of the site's first stored purchasing session (bots left out), or null. */
  firstPurchaseAt(site: string): Promise<number | null>;
}

/** [from, to) of a local date (YYYY-MM-DD) in `zone`: 23, 24 or 25 hours across DST changes. */
export function localDayRange(zone: string, date: string): { from: number; to: number } {
  const d = dayOfIso(date);
  if (d === null) throw new RangeError(`not a date (YYYY-MM-DD): ${date}`);
  const z = zoneDays(zone);
  return { from: z.start(d), to: z.start(d + 1) };
}

/** The local date (YYYY-MM-DD) in `zone` of instant `t`. */
export function localDate(zone: string, t: number): string {
  return isoDay(zoneDays(zone).dayOf(t));
}
