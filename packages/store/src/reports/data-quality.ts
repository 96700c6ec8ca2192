/**
 * The data-quality report (issue 19): what the server read of a site's data over the last 24 h
 * (the store's figures, duckdb/data-quality.ts), with each share of the events or page views.
 * Refused events are the collector's to count: the API adds them.
 */
import type { DataQualityRows } from "../queries.ts";
import type { Store } from "../store.ts";
import { ratio } from "./common.ts";

export const DATA_QUALITY_WINDOW_MS = 24 * 3_600_000;

export interface DataQualityReport extends DataQualityRows {
  from: number;
  to: number;
  /** unknownPageTypes / pageViews (null without page views). */
  unknownPageShare: number | null;
}

export async function dataQualityReport(
  store: Store,
  q: { site: string; now: number },
): Promise<DataQualityReport> {
  await store.flush();
  const from = q.now - DATA_QUALITY_WINDOW_MS;
  const rows = await store.queries.dataQuality({ site: q.site, from, to: q.now + 1 });
  return {
    from,
    to: q.now,
    ...rows,
    unknownPageShare: ratio(rows.unknownPageTypes, rows.pageViews),
  };
}
