/**
 * Opportunities across segments (issue 20, item 13): every segment's opportunities over the
 * page's period — the framework's editorial list, or the shop's own for a custom segment — with
 * its size and the revenue at stake, most at stake first. One request
 * (`/reports/opportunities`); the rule is the API's (docs/product/opportunities.md).
 */
import type { OpportunitiesView } from "@intently/api-contract";
import type { Static } from "typebox";
import { sitePath } from "../api/client.ts";
import type { Site } from "../api/types.ts";
import { Card } from "../components/Bits.tsx";
import { PeriodControl, PeriodNote } from "../components/PeriodControl.tsx";
import { Async, Empty } from "../components/Status.tsx";
import { TableTools } from "../components/TableTools.tsx";
import { money, num, pct } from "../lib/format.ts";
import { paths } from "../lib/paths.ts";
import { apiPeriodQuery, type PeriodInfo, usePeriod } from "../lib/period.ts";
import { useApi, useTitle } from "../lib/use-api.ts";
import { Link } from "../router.tsx";

/** The answer; its period typed as the period control reads it (the store's ResolvedPeriod). */
type Answer = Omit<Static<typeof OpportunitiesView>, "periodInfo"> & { periodInfo: PeriodInfo };
type Row = Answer["segments"][number];

export function Opportunities({ site }: { site: Site }) {
  useTitle(`Opportunities — ${site.name}`);
  const [period, setPeriod] = usePeriod();
  const answer = useApi<Answer>(
    sitePath(site.id, `/reports/opportunities?${apiPeriodQuery(period, false)}`),
  );
  const currency = site.settings.currency ?? "GBP";
  return (
    <div className="page">
      <div className="page-head">
        <div>
          <h1>Opportunities</h1>
          <p className="muted">
            What to try in every segment, the segments with the most revenue at stake first.
          </p>
        </div>
      </div>
      <PeriodControl
        value={period}
        onChange={setPeriod}
        info={answer.data?.periodInfo}
        compare={false}
      />
      <PeriodNote info={answer.data?.periodInfo} />
      <Async state={answer} label="Loading the opportunities">
        {(a) =>
          a.totalSessions === 0 ? (
            <Empty>
              No sessions in this period, so nothing is at stake yet. Choose a longer period, or
              check that the tag is installed (<Link to={paths.settings(site.id)}>Settings</Link>
              ).
            </Empty>
          ) : (
            <Card title="Opportunities by segment">
              <p className="muted small" data-testid="opportunities-summary">
                {num(a.segments.length)} segments · {num(a.totalSessions)} sessions ·{" "}
                {money(a.valueAtStake, currency)} at stake in all. <strong>Value at stake</strong>{" "}
                is what a segment’s sessions would add if each brought the site’s average revenue
                per session ({money(a.revenuePerSession, currency, 2)}), less what they brought;
                none for a segment that already does better. A session in two segments counts in
                both.
              </p>
              <OpportunityTable rows={a.segments} site={site} currency={currency} />
            </Card>
          )
        }
      </Async>
    </div>
  );
}

function OpportunityTable(props: { rows: Row[]; site: Site; currency: string }) {
  return (
    <TableTools name="Opportunities by segment" id="opportunities">
      <table className="table opportunities-table" data-testid="opportunities-table">
        <thead>
          <tr>
            <th scope="col" className="num">
              Rank
            </th>
            <th scope="col">Segment</th>
            <th scope="col" className="num">
              Value at stake
            </th>
            <th scope="col" className="num">
              Sessions
            </th>
            <th scope="col" className="num">
              Conversion
            </th>
            {/* Last, so that the figures show first on a phone, where the table scrolls in its
                own box; wide enough to read there. */}
            <th scope="col" style={{ minWidth: "15rem" }}>
              Opportunities
            </th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r) => (
            <tr key={r.segment}>
              <td className="num">{r.rank}</td>
              <th scope="row" data-csv={r.name}>
                <Link to={paths.segment(props.site.id, r.segment)}>{r.name}</Link>
                <div className="muted small">
                  {r.kind === "custom" ? "Custom" : "Framework"}
                  {r.status === "paused" && " · paused"}
                </div>
              </th>
              <td className="num" data-csv={r.valueAtStake.toFixed(2)}>
                {money(r.valueAtStake, props.currency)}
              </td>
              <td className="num" data-csv={String(r.sessions)}>
                {num(r.sessions)}
              </td>
              <td className="num">{pct(r.conversionRate)}</td>
              <td data-csv={r.opportunities.join(" | ")}>
                {r.opportunities.length > 0 ? (
                  <ul className="opportunities">
                    {r.opportunities.map((o, i) => (
                      // Items may repeat; their order is their identity.
                      // biome-ignore lint/suspicious/noArrayIndexKey: a read-only list
                      <li key={i} className="prewrap">
                        {o}
                      </li>
                    ))}
                  </ul>
                ) : (
                  <span className="muted">None listed yet: add them on the segment’s page.</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableTools>
  );
}
