/** The segment report: headline figures against the site, daily trend and the details. */

import type { SegmentCounting } from "@intently/api-contract";
import { seg, sitePath } from "../api/client.ts";
import type { SegmentReport, Site } from "../api/types.ts";
import { Card, Change } from "../components/Bits.tsx";
import { LineChart } from "../components/LineChart.tsx";
import { MetricKpi } from "../components/MetricKpi.tsx";
import { PeriodNote } from "../components/PeriodControl.tsx";
import { Async } from "../components/Status.tsx";
import { money, num, pct, ptsChange, relChange } from "../lib/format.ts";
import type { PeriodInfo } from "../lib/period.ts";
import { useApi } from "../lib/use-api.ts";
import { CountingNote } from "./CountingNote.tsx";
import { ReportDetails } from "./ReportDetails.tsx";

function VsSite(props: { diff: number | null; text: string }) {
  return (
    <>
      <Change value={props.diff} text={props.text} /> <span className="muted">vs site</span>
    </>
  );
}

type Outcome = { sessions: number; conversions: number; revenue: number };
type Report = SegmentReport & {
  periodInfo: PeriodInfo;
  compared: { base: Outcome; against: Outcome } | null;
  counting: SegmentCounting | null;
};

const dateLabel = (sec: number) =>
  new Date(sec * 1000).toLocaleDateString("en-GB", {
    day: "numeric",
    month: "short",
    timeZone: "UTC",
  });

/** Sessions against the comparison period, like for like. */
function VsPeriod({ r }: { r: Report }) {
  const c = r.compared;
  const against = r.periodInfo.comparison?.against.label.toLowerCase();
  if (!c || !against) return null;
  const change = c.against.sessions === 0 ? null : c.base.sessions / c.against.sessions - 1;
  return <Change value={change} text={`${relChange(change)} vs ${against}`} />;
}

/** `query`: the period's API query (lib/period.ts). */
export function ReportPanel(props: { site: Site; segment: string; query: string }) {
  const path = sitePath(props.site.id, `/reports/segments/${seg(props.segment)}?${props.query}`);
  const report = useApi<Report>(path);
  const info = report.data?.periodInfo;
  const currency = props.site.settings.currency ?? "GBP";
  return (
    <Async state={report} label="Loading the report">
      {(r) => {
        const c = r.comparison;
        const done = (i: number) => r.daily[i]!.complete;
        const open = (i: number) => !done(i) || (i + 1 < r.daily.length && !done(i + 1));
        const anyOpen = r.daily.some((d) => !d.complete);
        return (
          <>
            <PeriodNote info={info} />
            <CountingNote counting={r.counting} />
            <div className="kpi-row">
              <MetricKpi
                metric="segmentSessions"
                value={num(r.sessions)}
                sub={
                  <>
                    {num(r.visitors)} visitors <VsPeriod r={r} />
                  </>
                }
                testId="report-sessions"
              />
              <MetricKpi metric="share" value={pct(r.share)} />
              <MetricKpi
                metric="conversionRate"
                value={pct(r.conversionRate)}
                sub={
                  <VsSite
                    diff={c.conversionRate.difference}
                    text={ptsChange(c.conversionRate.difference)}
                  />
                }
              />
              <MetricKpi
                metric="revenue"
                value={money(r.revenue, currency)}
                sub={`AOV ${money(r.aov, currency, 2)}`}
              />
              <MetricKpi
                metric="revenuePerSession"
                value={money(r.revenuePerSession, currency, 2)}
                sub={
                  <VsSite
                    diff={c.revenuePerSession.difference}
                    text={money(c.revenuePerSession.difference, currency, 2)}
                  />
                }
              />
              <MetricKpi
                metric="purchaseConfidence"
                value={pct(r.xC.avgFinal)}
                sub={`mean max ${pct(r.xC.avgMax)} · highest ${pct(r.xC.max)}`}
              />
            </div>
            <Card title="Daily trend">
              <LineChart
                title={`Sessions and conversion rate per day, ${r.periodInfo.period.label.toLowerCase()}`}
                time
                utc
                x={r.daily.map((d) => d.day * 86_400)}
                xLabel="Day"
                xFormat={dateLabel}
                series={[
                  {
                    label: "Sessions",
                    values: r.daily.map((d, i) => (done(i) ? d.sessions : null)),
                    color: "#3b3bc4",
                    format: (v) => num(v),
                  },
                  {
                    label: "Conversion rate",
                    values: r.daily.map((d, i) => (done(i) ? d.conversionRate : null)),
                    color: "#0f8a7e",
                    scale: "y2",
                    format: (v) => pct(v),
                  },
                  ...(anyOpen
                    ? [
                        {
                          label: "Sessions so far (incomplete day)",
                          values: r.daily.map((d, i) => (open(i) ? d.sessions : null)),
                          color: "#3b3bc4",
                          dash: [6, 5],
                          format: (v: number) => num(v),
                        },
                      ]
                    : []),
                ]}
              />
              {anyOpen && (
                <p className="muted small">
                  Dashed: a day not over yet. Its sessions are counted as they end, so it fills in.
                </p>
              )}
            </Card>
            <ReportDetails report={r} site={props.site.id} />
          </>
        );
      }}
    </Async>
  );
}
