/**
 * The data-quality page (issue 19): what the server read of the site's data over the last 24 h —
 * events by the dataLayer format they came from, batches refused and why, ambiguous amounts,
 * page views of unknown type, orders de-duplicated, confirmations without an order, and revenue
 * in other currencies (orders without a rate into the site's currency: kept apart, per currency).
 */
import { sitePath } from "../api/client.ts";
import type { DataQuality as DataQualityAnswer, Site } from "../api/types.ts";
import { Card, Kpi } from "../components/Bits.tsx";
import { Async, Empty } from "../components/Status.tsx";
import { TableTools } from "../components/TableTools.tsx";
import { dateTime, money, num, pct } from "../lib/format.ts";
import { useApi, useTitle } from "../lib/use-api.ts";

/** What each source format means to a shop owner. */
const FORMAT_LABELS: Record<string, string> = {
  tag: "Tag (page views, clicks, signals)",
  ga4: "GA4 dataLayer (GTM)",
  gtag: "GA4 through gtag.js",
  ua: "Universal Analytics Enhanced Ecommerce",
  elevar: "Elevar-style dl_* events",
  api: "intently.push (API)",
};

export function DataQuality({ site }: { site: Site }) {
  useTitle(`Data quality — ${site.name}`);
  const answer = useApi<DataQualityAnswer>(sitePath(site.id, "/data-quality"));
  return (
    <div className="page">
      <div className="page-head">
        <div>
          <h1>Data quality</h1>
          <p className="muted">What the server read of this site’s data over the last 24 hours.</p>
        </div>
      </div>
      <Async state={answer} label="Loading the data quality">
        {(q) => (
          <>
            <div className="kpi-row">
              <Kpi label="Events" value={num(q.events)} testId="dq-events" />
              <Kpi
                label="Ambiguous amounts"
                value={num(q.ambiguousAmounts)}
                sub="kept as text, not guessed"
                testId="dq-ambiguous"
              />
              <Kpi
                label="Unknown page types"
                value={num(q.unknownPageTypes)}
                sub={`${pct(q.unknownPageShare)} of ${num(q.pageViews)} page views`}
                testId="dq-unknown-pages"
              />
              <Kpi
                label="Orders de-duplicated"
                value={num(q.ordersDeduplicated)}
                sub="already counted for this site"
                testId="dq-deduplicated"
              />
              <Kpi
                label="Orders without a value"
                value={num(q.ordersWithoutValue)}
                sub="a confirmation seen, no order read"
                testId="dq-without-value"
              />
            </div>
            <Card title="Events by source format">
              {q.formats.length === 0 ? (
                <Empty>No events in the last 24 hours.</Empty>
              ) : (
                <TableTools name="Events by source format">
                  <table className="table">
                    <thead>
                      <tr>
                        <th scope="col">Format</th>
                        <th scope="col" className="num">
                          Events
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {q.formats.map((f) => (
                        <tr key={f.format}>
                          <td>{FORMAT_LABELS[f.format] ?? f.format}</td>
                          <td className="num">{num(f.events)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </TableTools>
              )}
            </Card>
            <Card title="Revenue in other currencies">
              {q.otherCurrencies.length === 0 ? (
                <Empty>
                  Every order in the last 24 hours was in {q.currency} or converted into it.
                </Empty>
              ) : (
                <>
                  <p className="muted">
                    Orders in a currency this site has no rate for (Settings → currency rates):
                    counted as orders, kept apart from the revenue in {q.currency}.
                  </p>
                  <TableTools name="Revenue in other currencies">
                    <table className="table" data-testid="dq-other-currencies">
                      <thead>
                        <tr>
                          <th scope="col">Currency</th>
                          <th scope="col" className="num">
                            Orders
                          </th>
                          <th scope="col" className="num">
                            Revenue
                          </th>
                        </tr>
                      </thead>
                      <tbody>
                        {q.otherCurrencies.map((c) => (
                          <tr key={c.currency}>
                            <td>{c.currency}</td>
                            <td className="num">{num(c.orders)}</td>
                            <td className="num">{money(c.amount, c.currency, 2)}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </TableTools>
                </>
              )}
            </Card>
            <Card title="Events refused">
              {q.refused.length === 0 ? (
                <Empty>No batch of this site was refused in the last 24 hours.</Empty>
              ) : (
                <TableTools name="Events refused">
                  <table className="table">
                    <thead>
                      <tr>
                        <th scope="col">Why</th>
                        <th scope="col">Detail</th>
                        <th scope="col" className="num">
                          Batches
                        </th>
                        <th scope="col">Last</th>
                      </tr>
                    </thead>
                    <tbody>
                      {q.refused.map((r) => (
                        <tr key={`${r.reason}:${r.detail}`}>
                          <td>{r.reason}</td>
                          <td>
                            <code>{r.detail}</code>
                          </td>
                          <td className="num">{num(r.count)}</td>
                          <td>{dateTime(r.lastAt)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </TableTools>
              )}
            </Card>
          </>
        )}
      </Async>
    </div>
  );
}
