/**
 * Session-summary exports (docs/product/activation.md#integrations) written by DuckDB's `COPY … TO`
 * straight to a file (CSV with a header and spreadsheet-safe cells, or Parquet: see copy.ts), and
 * the time a site last sent data (the "tag seen" status). Sessions are selected by start time in
 * [from, to); bot sessions are left out, as in reports.
 */
import { copyTo } from "./copy.ts";
import type { Db } from "./db.ts";

export type SessionExportFormat = "csv" | "parquet";

/** The exported columns: one row per ended session, list columns as lists (CSV: `[a, b]`). */
const COLUMNS = `session, visitor, make_timestamp_ms(started_at) AS started_at,
  make_timestamp_ms(ended_at) AS ended_at, device, browser, os, country, language,
  traffic_source, source_name, medium, campaign, landing_page, landing_page_type,
  is_returning, events, page_views, product_views, searches, cart_adds,
  CAST(stage AS VARCHAR) AS stage, CAST(phase AS VARCHAR) AS phase,
  CAST(state AS VARCHAR) AS state, CAST(intent AS VARCHAR) AS intent,
  CAST(final_segment AS VARCHAR) AS final_segment, persisted_segments, custom_segments,
  custom_final, xc_initial, xc_final, xc_max, xatc_final, xatc_max, xe_final, xe_max,
  revenue, orders, purchased, added_to_cart, identified_hash, experiments`;

/** Writes the site's session summaries of [from, to) to `path`; returns the rows written. */
export async function exportSessions(
  db: Db,
  o: { site: string; from: number; to: number; format: SessionExportFormat; path: string },
): Promise<number> {
  return copyTo(
    db,
    `SELECT ${COLUMNS} FROM sessions
       WHERE site = $site AND started_at >= $from AND started_at < $to AND NOT bot
       ORDER BY started_at, session`,
    { site: o.site, from: o.from, to: o.to },
    o.path,
    o.format,
  );
}

/** The latest event time (events, or ended sessions' last events) at or after `since`, or null. */
export async function lastActivity(db: Db, site: string, since: number): Promise<number | null> {
  const [r] = await db.query(
    `SELECT greatest(
       (SELECT max(t) FROM events WHERE site = $site AND t >= $since),
       (SELECT max(last_event_at) FROM sessions WHERE site = $site AND last_event_at >= $since)
     ) AS t`,
    { site, since },
  );
  return r?.t === null || r?.t === undefined ? null : Number(r.t);
}
