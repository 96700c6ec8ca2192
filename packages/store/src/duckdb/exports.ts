/**
 * Session-summary exports (../exports.ts: the selection rule) written by DuckDB's `COPY … TO`
 * straight to a file (CSV with a header and spreadsheet-safe cells, or Parquet: see copy.ts),
 * and the site activity of the tag status.
 */
import type { ExportLayout, ExportRequest, SessionExports, SiteActivity } from "../exports.ts";
import { copyTo } from "./copy.ts";
import type { Db } from "./db.ts";

/** The API's download: one row per ended session, list columns as lists (CSV: `[a, b]`). */
const DOWNLOAD = `session, visitor, make_timestamp_ms(started_at) AS started_at,
  make_timestamp_ms(ended_at) AS ended_at, device, browser, os, country, language,
  traffic_source, source_name, medium, campaign, landing_page, landing_page_type,
  is_returning, events, page_views, product_views, searches, cart_adds,
  CAST(stage AS VARCHAR) AS stage, CAST(phase AS VARCHAR) AS phase,
  CAST(state AS VARCHAR) AS state, CAST(intent AS VARCHAR) AS intent,
  CAST(final_segment AS VARCHAR) AS final_segment, persisted_segments, custom_segments,
  custom_final, xc_initial, xc_final, xc_max, xatc_final, xatc_max, xe_final, xe_max,
  revenue, orders, purchased, added_to_cart, identified_hash, experiments`;

/** The scheduled daily files: site first; lists as text in CSV ("a|b"), as lists in Parquet. */
function daily(csv: boolean): string {
  const list = (c: string, as = c) =>
    csv ? `array_to_string(${c}, '|') AS ${as}` : `${c} AS ${as}`;
  return [
    "site",
    "session",
    "visitor",
    "identified_hash AS identified",
    "make_timestamp(started_at * 1000) AS started_at",
    "make_timestamp(ended_at * 1000) AS ended_at",
    "final_segment::VARCHAR AS segment",
    list("custom_final", "custom_segments"),
    list("persisted_segments"),
    "xc_final",
    "xc_max",
    "xatc_final",
    "xatc_max",
    "xe_final",
    "xe_max",
    "stage::VARCHAR AS stage",
    "phase::VARCHAR AS phase",
    "state::VARCHAR AS state",
    "intent::VARCHAR AS intent",
    "revenue",
    "orders",
    "purchased",
    "device",
    "traffic_source",
    "source_name",
    "medium",
    "campaign",
    "country",
    "landing_page",
    list("experiments"),
  ].join(", ");
}

const columnsOf = (layout: ExportLayout, csv: boolean) =>
  layout === "download" ? DOWNLOAD : daily(csv);

export class DuckDbExports implements SessionExports {
  constructor(
    private readonly db: Db,
    private readonly flush: () => Promise<void>,
  ) {}

  async write(q: ExportRequest): Promise<number> {
    await this.flush();
    return copyTo(
      this.db,
      `SELECT ${columnsOf(q.layout, q.format === "csv")} FROM sessions
         WHERE site = $site AND ended_at >= $from AND ended_at < $to AND NOT bot
         ORDER BY ended_at, session`,
      { site: q.site, from: q.from, to: q.to },
      q.path,
      q.format,
    );
  }
}

export class DuckDbActivity implements SiteActivity {
  constructor(private readonly db: Db) {}

  async lastEventAt(site: string, since: number): Promise<number | null> {
    const [r] = await this.db.query(
      `SELECT greatest(
         (SELECT max(t) FROM events WHERE site = $site AND t >= $since),
         (SELECT max(last_event_at) FROM sessions WHERE site = $site AND last_event_at >= $since)
       ) AS t`,
      { site, since },
    );
    return r?.t === null || r?.t === undefined ? null : Number(r.t);
  }

  async firstPurchaseAt(site: string): Promise<number | null> {
    const [r] = await this.db.query(
      "SELECT min(last_event_at) AS t FROM sessions WHERE site = $site AND purchased AND NOT bot",
      { site },
    );
    return r?.t === null || r?.t === undefined ? null : Number(r.t);
  }
}
