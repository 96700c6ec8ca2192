/** Overview: the Intent Performance Score, its four phases and the trend. */
import { useEffect, useState } from "react";
import { api, sitePath } from "../api/client.ts";
import type { IpsReport, Site } from "../api/types.ts";
import { Card, Kpi, PeriodPicker, periodQuery } from "../components/Bits.tsx";
import { Gauge } from "../components/Gauge.tsx";
import { LineChart } from "../components/LineChart.tsx";
import { PhaseCard } from "../components/PhaseCard.tsx";
import { Async } from "../components/Status.tsx";
import { day, money, num } from "../lib/format.ts";
import { useApi, useTitle } from "../lib/use-api.ts";

const DAY = 86_400_000;
const TREND_DAYS = 14;

interface TrendPoint {
  t: number;
  ips: number | null;
  sessions: number;
}

/**
 * The trend's 14 daily reports, asked once `start` holds (the overview's own report has come):
 * asked at once, they queued on the server ahead of it and delayed the gauge and the phases by
 * ≈ 100 ms (`intently bench dashboard`).
 */
function useTrend(site: string, start: boolean): TrendPoint[] | null {
  const [points, setPoints] = useState<TrendPoint[] | null>(null);
  useEffect(() => {
    if (!start) return;
    const ctl = new AbortController();
    const today = Math.floor(Date.now() / DAY) * DAY;
    const days = Array.from({ length: TREND_DAYS }, (_, i) => today - (TREND_DAYS - 1 - i) * DAY);
    Promise.all(
      days.map((d) =>
        api<IpsReport>(sitePath(site, `/reports/ips?from=${d}&to=${d + DAY}`), {
          signal: ctl.signal,
        }),
      ),
    ).then(
      (rs) => setPoints(rs.map((r, i) => ({ t: days[i]!, ips: r.ips, sessions: r.sessions }))),
      () => undefined,
    );
    return () => ctl.abort();
  }, [site, start]);
  return points;
}

export function Overview({ site }: { site: Site }) {
  useTitle(`Overview — ${site.name}`);
  const [days, setDays] = useState(7);
  const ips = useApi<IpsReport>(sitePath(site.id, `/reports/ips?${periodQuery(days)}`));
  const trend = useTrend(site.id, ips.data !== undefined || ips.error !== null);
  const currency = site.settings.currency ?? "GBP";

  return (
    <div className="page">
      <div className="page-head">
        <div>
          <h1>Overview</h1>
          <p className="muted">How well {site.name} moves shoppers from browsing to buying.</p>
        </div>
        <PeriodPicker days={days} onChange={setDays} />
      </div>
      <div className="overview-top">
        <Card title="Intent Performance Score" className="ips-card">
          <Async state={ips} label="Loading the Intent Performance Score">
            {(r) => (
              <>
                <Gauge score={r.ips} label="Intent Performance Score" />
                <p className="muted small">
                  The mean of the four phase scores, weighted by the sessions entering each phase.
                </p>
              </>
            )}
          </Async>
        </Card>
        <Card title="Trend">
          {trend ? (
            <LineChart
              title={`IPS and sessions per day, last ${TREND_DAYS} days`}
              time
              height={250}
              x={trend.map((p) => p.t / 1000)}
              xLabel="Day"
              xFormat={(v) => day(v * 1000)}
              yRange={[0, 100]}
              series={[
                {
                  label: "IPS",
                  values: trend.map((p) => p.ips),
                  color: "#3b3bc4",
                  format: (v) => v.toFixed(0),
                },
                {
                  label: "Sessions",
                  values: trend.map((p) => p.sessions),
                  color: "#0f8a7e",
                  scale: "y2",
                  format: (v) => num(v),
                },
              ]}
            />
          ) : (
            <p className="muted">Loading the trend…</p>
          )}
        </Card>
      </div>
      {ips.data && <Phases report={ips.data} days={days} site={site.id} currency={currency} />}
    </div>
  );
}

function Phases(props: { report: IpsReport; days: number; site: string; currency: string }) {
  const r = props.report;
  const atStake = r.phases.reduce((s, p) => s + p.revenueAtStake, 0);
  const weakest = [...r.phases]
    .filter((p) => p.score !== null)
    .sort((a, b) => (a.score ?? 0) - (b.score ?? 0))[0];
  return (
    <>
      <div className="kpi-row">
        <Kpi
          label="Sessions"
          value={num(r.sessions)}
          sub={`last ${props.days} days`}
          testId="kpi-sessions"
        />
        <Kpi
          label="Revenue at stake"
          value={money(atStake, props.currency)}
          sub="sessions that dropped, all phases"
        />
        <Kpi
          label="Converted"
          value={num(r.phases.find((p) => p.phase === "convert")?.progressed ?? 0)}
          sub="sessions with a purchase"
        />
        <Kpi
          label="Weakest phase"
          value={weakest?.label ?? "—"}
          sub="lowest phase score: start there"
        />
      </div>
      <h2 className="section-title">Phases</h2>
      <div className="phase-grid">
        {r.phases.map((p) => (
          <PhaseCard key={p.phase} phase={p} site={props.site} currency={props.currency} />
        ))}
      </div>
    </>
  );
}
