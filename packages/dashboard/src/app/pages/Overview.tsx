/** Overview: the Intent Performance Score, its four phases and the trend, over the page's period. */
import type { IpsTrendView } from "@intently/api-contract";
import type { Static } from "typebox";
import { sitePath } from "../api/client.ts";
import type { IpsReport, Site } from "../api/types.ts";
import { Card, Change } from "../components/Bits.tsx";
import { Gauge } from "../components/Gauge.tsx";
import { LineChart } from "../components/LineChart.tsx";
import { MetricKpi } from "../components/MetricKpi.tsx";
import { PeriodControl, PeriodNote } from "../components/PeriodControl.tsx";
import { PhaseCard } from "../components/PhaseCard.tsx";
import { Async } from "../components/Status.tsx";
import { Tooltip } from "../components/Tooltip.tsx";
import { money, num, relChange } from "../lib/format.ts";
import { paths } from "../lib/paths.ts";
import { apiPeriodQuery, type PeriodInfo, usePeriod } from "../lib/period.ts";
import { useApi, useTitle } from "../lib/use-api.ts";
import { Link } from "../router.tsx";
import { InstallChecklist, installSteps } from "../settings/InstallChecklist.tsx";

type OverviewReport = IpsReport & {
  periodInfo: PeriodInfo;
  compared: {
    base: { ips: number | null; sessions: number };
    against: { ips: number | null; sessions: number };
  } | null;
};

const dateLabel = (sec: number) =>
  new Date(sec * 1000).toLocaleDateString("en-GB", {
    day: "numeric",
    month: "short",
    timeZone: "UTC",
  });

/**
 * The trend of the same period, one request for all its days, asked once the overview's own
 * report has come (asked at once, it queued on the server ahead of it). Days not yet over are
 * drawn dashed: their sessions are counted as they end.
 */
function Trend(props: { site: string; query: string; start: boolean; label: string }) {
  const trend = useApi<Static<typeof IpsTrendView>>(
    props.start ? sitePath(props.site, `/reports/ips/trend?${props.query}`) : null,
  );
  const days = trend.data?.days;
  if (!days) return <p className="muted">Loading the trend…</p>;
  const x = days.map((d) => d.day * 86_400);
  const done = (i: number) => days[i]!.complete;
  // The dashed line joins the last complete day to the incomplete ones.
  const open = (i: number) => !done(i) || (i + 1 < days.length && !done(i + 1));
  const anyOpen = days.some((d) => !d.complete);
  const series = [
    {
      label: "IPS",
      values: days.map((d, i) => (done(i) ? d.ips : null)),
      color: "#3b3bc4",
      format: (v: number) => v.toFixed(0),
    },
    {
      label: "Sessions",
      values: days.map((d, i) => (done(i) ? d.sessions : null)),
      color: "#0f8a7e",
      scale: "y2" as const,
      format: (v: number) => num(v),
    },
    ...(anyOpen
      ? [
          {
            label: "Sessions so far (incomplete day)",
            values: days.map((d, i) => (open(i) ? d.sessions : null)),
            color: "#0f8a7e",
            scale: "y2" as const,
            dash: [6, 5],
            format: (v: number) => num(v),
          },
        ]
      : []),
  ];
  return (
    <>
      <LineChart
        title={`IPS and sessions per day, ${props.label}`}
        time
        utc
        height={250}
        x={x}
        xLabel="Day"
        xFormat={dateLabel}
        yRange={[0, 100]}
        series={series}
      />
      {anyOpen && (
        <p className="muted small">
          Dashed: a day not over yet. Its sessions are counted as they end, so it fills in.
        </p>
      )}
    </>
  );
}

export function Overview({ site }: { site: Site }) {
  useTitle(`Overview — ${site.name}`);
  const [period, setPeriod] = usePeriod();
  const ips = useApi<OverviewReport>(sitePath(site.id, `/reports/ips?${apiPeriodQuery(period)}`));
  const currency = site.settings.currency ?? "GBP";
  const info = ips.data?.periodInfo;
  const label = info ? info.period.label.toLowerCase() : "";
  // A site that has never sent an event: its set-up steps instead of zeros and "No data".
  const empty = ips.data?.sessions === 0 && site.tag.lastEventAt === null;

  return (
    <div className="page">
      <div className="page-head">
        <div>
          <h1>Overview</h1>
          <p className="muted">How well {site.name} moves shoppers from browsing to buying.</p>
        </div>
        <PeriodControl value={period} onChange={setPeriod} info={info} />
      </div>
      <PeriodNote info={info} />
      {empty ? (
        <FirstRun site={site} />
      ) : (
        <div className="overview-top">
          <Card
            title="Intent Performance Score"
            className="ips-card"
            actions={<Tooltip metric="ips" />}
          >
            <Async state={ips} label="Loading the Intent Performance Score">
              {(r) => (
                <>
                  <Gauge score={r.ips} label="Intent Performance Score" />
                  <p className="muted small">
                    The mean of the four phase scores, weighted by the sessions entering each phase.
                  </p>
                  <BenchmarkNote report={r} />
                </>
              )}
            </Async>
          </Card>
          <Card title="Trend">
            <Trend
              site={site.id}
              query={apiPeriodQuery(period, false)}
              start={ips.data !== undefined || ips.error !== null}
              label={label}
            />
          </Card>
        </div>
      )}
      {ips.data && !empty && <Phases report={ips.data} site={site.id} currency={currency} />}
    </div>
  );
}

/** A site with no session yet: what is left to set up, rather than zeros alone. */
function FirstRun({ site }: { site: Site }) {
  return (
    <Card title="Waiting for your first event">
      <InstallChecklist steps={installSteps(site)} />
      <p>
        <Link to={paths.settings(site.id)}>Open the Tag settings</Link> for the snippet and the
        refused addresses.
      </p>
    </Card>
  );
}

function Phases(props: { report: OverviewReport; site: string; currency: string }) {
  const r = props.report;
  const atStake = r.phases.reduce((s, p) => s + p.revenueAtStake, 0);
  // The server's rule (store reports/ips.ts weakestPhase): the most revenue at stake.
  const weakest = r.phases.find((p) => p.phase === r.weakestPhase);
  return (
    <>
      <div className="kpi-row">
        <MetricKpi
          metric="sessions"
          value={num(r.sessions)}
          sub={<SessionsChange report={r} />}
          testId="kpi-sessions"
        />
        <MetricKpi
          metric="revenueAtStakeTotal"
          label="Revenue at stake"
          value={money(atStake, props.currency)}
          sub="revenue the dropped sessions did not bring, all phases"
          testId="kpi-at-stake"
        />
        <MetricKpi
          metric="converted"
          value={num(r.phases.find((p) => p.phase === "convert")?.progressed ?? 0)}
          sub="sessions with a purchase"
        />
        <MetricKpi
          metric="weakestPhase"
          value={weakest?.label ?? "—"}
          sub={
            weakest
              ? `most revenue at stake (${money(weakest.revenueAtStake, props.currency)}): start there`
              : "no session dropped"
          }
          testId="kpi-weakest"
        />
      </div>
      <h2 className="section-title">Phases</h2>
      <div className="phase-grid">
        {r.phases.map((p) => (
          <PhaseCard
            key={p.phase}
            phase={p}
            site={props.site}
            currency={props.currency}
            defaultBenchmarks={r.defaultBenchmarks}
          />
        ))}
      </div>
    </>
  );
}

/** Where the phase benchmarks come from: the shipped defaults are our own estimates. */
function BenchmarkNote({ report }: { report: OverviewReport }) {
  return (
    <p className="muted small" data-testid="benchmark-note">
      {report.defaultBenchmarks
        ? "Phase scores use Intently’s default benchmarks: our own estimates from public e-commerce funnel rates, not a measured industry figure. A site can set its own."
        : "Phase scores use this site’s own benchmarks."}
      <Tooltip metric="benchmark" />
    </p>
  );
}

/** The period's label and, when compared, the change in sessions like for like. */
function SessionsChange({ report: r }: { report: OverviewReport }) {
  const label = r.periodInfo.period.label.toLowerCase();
  const c = r.compared;
  if (!c || !r.periodInfo.comparison) return <>{label}</>;
  const change = c.against.sessions === 0 ? null : c.base.sessions / c.against.sessions - 1;
  const vs = r.periodInfo.comparison.against.label.toLowerCase();
  return (
    <>
      {label} · <Change value={change} text={`${relChange(change)} vs ${vs}`} />
    </>
  );
}
