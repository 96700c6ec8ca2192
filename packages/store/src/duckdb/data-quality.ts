/**
 * The data-quality figures of a site over [from, to) by event time (issue 19): events by the
 * dataLayer format they were read from, ambiguous amounts, page views of unknown type, orders
 * de-duplicated, sessions that saw a confirmation without any order read, and revenue kept apart
 * in other currencies. Raw-table scans
 * over a short window (the page asks for the last 24 h); bot events are left out.
 */
import type { DataQualityRows, Period } from "../queries.ts";
import type { Db } from "./db.ts";

const n = (v: unknown) => Number(v ?? 0);

export async function dataQualityRows(db: Db, p: Period): Promise<DataQualityRows> {
  const params = { site: p.site, from: p.from, to: p.to };
  const WHERE = "site = $site AND t >= $from AND t < $to";
  const formats = await db.query(
    `SELECT coalesce(json_extract_string(data, '$.source'), 'tag') AS f, count(*) AS c
     FROM events WHERE ${WHERE} AND NOT bot GROUP BY ALL ORDER BY c DESC, f`,
    params,
  );
  const [e] = await db.query(
    `SELECT count(*) AS events,
       count(*) FILTER (WHERE json_extract(data, '$.value_raw') IS NOT NULL
         OR coalesce(items, '') LIKE '%"price_raw"%') AS ambiguous,
       count(*) FILTER (WHERE type = 'page_view') AS page_views,
       count(*) FILTER (WHERE type = 'page_view' AND coalesce(page_type, 'other') = 'other')
         AS unknown_pages
     FROM events WHERE ${WHERE} AND NOT bot`,
    params,
  );
  // A retried or replayed duplicate is one row per (session, order, time).
  const [d] = await db.query(
    `SELECT count(DISTINCT (session, transaction_id, t)) AS c FROM order_events
     WHERE ${WHERE} AND kind = 'duplicate'`,
    params,
  );
  // Ended sessions that reached Post Purchase with no order read, and no order of another session.
  const [w] = await db.query(
    `SELECT count(*) AS c FROM sessions s
     WHERE s.site = $site AND s.last_event_at >= $from AND s.last_event_at < $to AND NOT s.bot
       AND s.stage = 'post-purchase' AND s.orders = 0
       AND NOT EXISTS (SELECT 1 FROM order_events o WHERE o.site = s.site AND o.session = s.session)`,
    params,
  );
  // Orders kept apart (value 0, their currency and amount on the row), net of their refunds.
  const other = await db.query(
    `SELECT currency, count(*) FILTER (WHERE kind = 'order') AS orders,
       sum(CASE WHEN kind = 'order' THEN amount ELSE -amount END) AS amount
     FROM order_events WHERE ${WHERE} AND currency IS NOT NULL AND kind <> 'duplicate'
     GROUP BY currency ORDER BY currency`,
    params,
  );
  return {
    events: n(e?.events),
    formats: formats.map((r) => ({ format: String(r.f), events: n(r.c) })),
    ambiguousAmounts: n(e?.ambiguous),
    pageViews: n(e?.page_views),
    unknownPageTypes: n(e?.unknown_pages),
    ordersDeduplicated: n(d?.c),
    ordersWithoutValue: n(w?.c),
    otherCurrencies: other.map((r) => ({
      currency: String(r.currency),
      orders: n(r.orders),
      amount: Math.round(n(r.amount) * 100) / 100,
    })),
  };
}
