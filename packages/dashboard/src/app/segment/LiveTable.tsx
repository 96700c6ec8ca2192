/** The live sessions table, with why each session's scores last moved (live stream). */
import type { Site } from "../api/types.ts";
import { Sparkline } from "../components/Sparkline.tsx";
import { TableTools } from "../components/TableTools.tsx";
import { frameworkSegment, phaseLabel, stateLabel } from "../lib/catalogue.ts";
import { duration, money, pct, words } from "../lib/format.ts";
import { paths } from "../lib/paths.ts";
import { Link } from "../router.tsx";
import { type LiveRow, ScoreReasons } from "./ScoreReasons.tsx";

export function LiveTable(props: {
  sessions: LiveRow[];
  history: Map<string, number[]>;
  site: Site;
}) {
  const currency = props.site.settings.currency ?? "GBP";
  return (
    <TableTools name="Sessions in flight">
      <div className="table-scroll">
        <table className="table live-table">
          <thead>
            <tr>
              <th scope="col">Session</th>
              <th scope="col">Segment</th>
              <th scope="col">State</th>
              <th scope="col">Phase · stage</th>
              <th scope="col">Purchase confidence</th>
              <th scope="col" className="num">
                Exit risk
              </th>
              <th scope="col">Why scores moved</th>
              <th scope="col">Visitor</th>
              <th scope="col" className="num">
                Pages
              </th>
              <th scope="col" className="num">
                Cart
              </th>
              <th scope="col" className="num">
                Idle
              </th>
            </tr>
          </thead>
          <tbody>
            {props.sessions.map((s) => {
              const timeline = s.timeline.map((p) => p.xC);
              const values =
                timeline.length >= 2
                  ? timeline
                  : (props.history.get(s.session) ?? [s.scores.xC.value]);
              return (
                <tr key={s.session} data-session={s.session}>
                  <th scope="row">
                    <code title={s.session}>{s.session.slice(0, 14)}</code>
                    <div className="muted small">{duration(s.durationSec)}</div>
                  </th>
                  <td>
                    <Link to={paths.segment(props.site.id, s.segment)}>
                      {frameworkSegment(s.segment)?.name ?? s.segment}
                    </Link>
                    {s.custom.length > 0 && (
                      <div className="muted small">+ {s.custom.join(", ")}</div>
                    )}
                  </td>
                  <td>
                    <span className={`state-chip state-${s.state}`}>{stateLabel(s.state)}</span>
                  </td>
                  <td>
                    {phaseLabel(s.phase)} · {words(s.stage)}
                  </td>
                  <td>
                    <span className="spark-cell">
                      <Sparkline values={values} label="Purchase confidence" />
                      <span>{pct(s.scores.xC.value)}</span>
                    </span>
                  </td>
                  <td className="num">{pct(s.scores.xE.value)}</td>
                  <td data-testid="live-reasons">
                    <ScoreReasons reasons={s.reasons} />
                  </td>
                  <td>
                    {words(s.device)} · {words(s.trafficSource)}
                    {s.country ? ` · ${s.country}` : ""}
                  </td>
                  <td className="num">{s.pageViews}</td>
                  <td className="num">{money(s.cartValue, currency)}</td>
                  <td className="num">{duration(s.idleSec)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </TableTools>
  );
}
