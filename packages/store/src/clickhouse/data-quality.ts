/**
 * The data-quality figures of a site over [from, to) by event time, as duckdb/data-quality.ts
 * defines them. ClickHouse 18.16 has no JSON path functions: an event's dataLayer format and
 * whether its amount was ambiguous are read from its JSON once, at write time (writer.ts), into
 * the `source` and `ambiguous` columns.
 */
import type { DataQualityRows, Period } from "../queries.ts";
import { type Ch, n } from "./client.ts";
import { int, str } from "./sql.ts";

export async function dataQualityRows(ch: Ch, p: Period): Promise<DataQualityRows> {
  const site = str(p.site);
  const WHERE = `site = ${site} AND t >= ${int(p.from)} AND t < ${int(p.to)}`;
  const [formats, e, d, w, other] = await Promise.all([
    ch.rows(
      `SELECT ifNull(source, 'tag') AS f, count() AS c FROM events FINAL
       WHERE ${WHERE} AND bot = 0 GROUP BY f ORDER BY c DESC, f`,
    ),
    ch.row(
      `SELECT count() AS events, countIf(ambiguous = 1) AS amb,
         countIf(type = 'page_view') AS pv,
         countIf(type = 'page_view' AND ifNull(page_type, 'other') = 'other') AS unknown_pages
       FROM events FINAL WHERE ${WHERE} AND bot = 0`,
    ),
    // A retried or replayed duplicate is one row per (session, order, time).
    ch.row(
      `SELECT uniqExact(session, transaction_id, t) AS c FROM order_events FINAL
       WHERE ${WHERE} AND kind = 'duplicate'`,
    ),
    // Ended sessions that reached Post Purchase with no order read, and no order of another session.
    ch.row(
      `SELECT count() AS c FROM sessions FINAL
       WHERE site = ${site} AND last_event_at >= ${int(p.from)} AND last_event_at < ${int(p.to)}
         AND bot = 0 AND stage = 'post-purchase' AND orders = 0
         AND session NOT IN (SELECT session FROM order_events WHERE site = ${site})`,
    ),
    // Orders kept apart (value 0, their currency and amount on the row), net of their refunds.
    ch.rows(
      `SELECT assumeNotNull(currency) AS cur, countIf(kind = 'order') AS orders,
         sum(if(kind = 'order', assumeNotNull(amount), -assumeNotNull(amount))) AS amt
       FROM order_events FINAL WHERE ${WHERE} AND isNotNull(currency) AND kind != 'duplicate'
       GROUP BY cur ORDER BY cur`,
    ),
  ]);
  return {
    events: n(e.events),
    formats: formats.map((r) => ({ format: String(r.f), events: n(r.c) })),
    ambiguousAmounts: n(e.amb),
    pageViews: n(e.pv),
    unknownPageTypes: n(e.unknown_pages),
    ordersDeduplicated: n(d.c),
    ordersWithoutValue: n(w.c),
    otherCurrencies: other.map((r) => ({
      currency: String(r.cur),
      orders: n(r.orders),
      amount: Math.round(n(r.amt) * 100) / 100,
    })),
  };
}
