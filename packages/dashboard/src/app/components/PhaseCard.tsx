/** One phase of the IPS: its score, drop-off, segments by state and revenue at stake. */
import type { PhasePerformance } from "../api/types.ts";
import { money, num, pct } from "../lib/format.ts";
import { paths } from "../lib/paths.ts";
import { Link } from "../router.tsx";
import { bandOf } from "./Gauge.tsx";
import { Explained, Tooltip } from "./Tooltip.tsx";

const STATE_LABEL: Record<string, string> = {
  focus: "Focus",
  struggle: "Struggle",
  abandon: "Abandon",
};

export function PhaseCard(props: {
  phase: PhasePerformance;
  site: string;
  currency: string;
  /** The benchmarks are the shipped defaults (IpsReport.defaultBenchmarks). */
  defaultBenchmarks: boolean;
}) {
  const p = props.phase;
  const band = p.score === null ? null : bandOf(p.score);
  const dropRate = p.entered > 0 ? p.dropped / p.entered : null;
  return (
    <article className="phase-card" aria-labelledby={`phase-${p.phase}`}>
      <header>
        <h3 id={`phase-${p.phase}`}>{p.label}</h3>
        <div className="phase-score">
          <span className="phase-score-value">{p.score === null ? "—" : Math.round(p.score)}</span>
          <span className="phase-score-band">
            <span
              className="dot"
              style={band ? { background: band.color } : undefined}
              aria-hidden="true"
            />
            {band?.label ?? "No data"}
          </span>
          <Tooltip metric="phaseScore" />
        </div>
      </header>
      <dl className="phase-figures">
        <div>
          <dt>
            <Explained metric="progression" />
          </dt>
          <dd>
            {pct(p.rate)} <span className="muted">of {num(p.entered)}</span>
          </dd>
        </div>
        <div>
          <dt>
            <Explained metric="dropOff" />
          </dt>
          <dd>
            {num(p.dropped)} <span className="muted">({pct(dropRate)})</span>
          </dd>
        </div>
        <div>
          <dt>
            <Explained metric="revenueAtStake" />
          </dt>
          <dd className="strong">{money(p.revenueAtStake, props.currency)}</dd>
        </div>
      </dl>
      <table className="phase-segments">
        <caption className="sr-only">Segments of the {p.label} phase by state</caption>
        <thead>
          <tr>
            <th scope="col">Segment</th>
            <th scope="col" className="num">
              Sessions
            </th>
            <th scope="col" className="num">
              Dropped
            </th>
          </tr>
        </thead>
        <tbody>
          {p.segments.map((s) => (
            <tr key={s.segment}>
              <th scope="row">
                <span className={`state-chip state-${s.state}`}>
                  {STATE_LABEL[s.state] ?? s.state}
                </span>{" "}
                <Link to={paths.segment(props.site, s.segment)}>{s.name}</Link>
              </th>
              <td className="num">{num(s.sessions)}</td>
              <td className="num">{num(s.dropped)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted small" data-testid="phase-benchmark">
        Benchmark: {pct(p.benchmark.floor, 0)} scores 0, {pct(p.benchmark.ceiling, 0)} scores 100
        {props.defaultBenchmarks ? " (Intently’s editable default)" : " (this site’s own)"}.
        <Tooltip metric="benchmark" />
      </p>
    </article>
  );
}
