/** The segment report: headline figures against the site, daily trend and the details. */
import { seg, sitePath } from "../api/client.ts";
import type { SegmentReport, Site } from "../api/types.ts";
import { Card, Change, Kpi, periodQuery } from "../components/Bits.tsx";
import { LineChart } from "../components/LineChart.tsx";
import { Async } from "../components/Status.tsx";
import { day, money, num, pct, ptsChange } from "../lib/format.ts";
import { useApi } from "../lib/use-api.ts";
import { ReportDetails } from "./ReportDetails.tsx";

function VsSite(props: { diff: number | null; text: string }) {
  return (
    <>
      <Change value={props.diff} text={props.text} /> <span className="muted">vs site</span>
    </>
  );
}

export function ReportPanel(props: { site: Site; segment: string; days: number }) {
  const path = sitePath(
    props.site.id,
    `/reports/segments/${seg(props.segment)}?${periodQuery(props.days)}`,
  );
  const report = useApi<SegmentReport>(path);
  const currency = props.site.settings.currency ?? "GBP";
  return (
    <Async state={report} label="Loading the report">
      {(r) => {
        const c = r.comparison;
        return (
          <>
            <div className="kpi-row">
              <Kpi
                label="Sessions"
                value={num(r.sessions)}
                sub={`${num(r.visitors)} visitors`}
                testId="report-sessions"
              />
              <Kpi label="Share of traffic" value={pct(r.share)} />
              <Kpi
                label="Conversion rate"
                value={pct(r.conversionRate)}
                sub={
                  <VsSite
                    diff={c.conversionRate.difference}
                    text={ptsChange(c.conversionRate.difference)}
                  />
                }
              />
              <Kpi
                label="Revenue"
                value={money(r.revenue, currency)}
                sub={`AOV ${money(r.aov, currency, 2)}`}
              />
              <Kpi
                label="Revenue per session"
                value={money(r.revenuePerSession, currency, 2)}
                sub={
                  <VsSite
                    diff={c.revenuePerSession.difference}
                    text={money(c.revenuePerSession.difference, currency, 2)}
                  />
                }
              />
              <Kpi
                label="Purchase confidence (xC)"
                value={pct(r.xC.avgFinal)}
                sub={`mean max ${pct(r.xC.avgMax)} · highest ${pct(r.xC.max)}`}
              />
            </div>
            <Card title="Daily trend">
              <LineChart
                title={`Sessions and conversion rate per day, last ${props.days} days`}
                time
                x={r.daily.map((d) => d.day * 86_400)}
                xLabel="Day"
                xFormat={(v) => day(v * 1000)}
                series={[
                  {
                    label: "Sessions",
                    values: r.daily.map((d) => d.sessions),
                    color: "#3b3bc4",
                    format: (v) => num(v),
                  },
                  {
                    label: "Conversion rate",
                    values: r.daily.map((d) => d.conversionRate),
                    color: "#0f8a7e",
                    scale: "y2",
                    format: (v) => pct(v),
                  },
                ]}
              />
            </Card>
            <ReportDetails report={r} site={props.site.id} />
          </>
        );
      }}
    </Async>
  );
}
