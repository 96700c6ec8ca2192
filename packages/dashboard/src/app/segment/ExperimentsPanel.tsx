/** Experiments by segment: each variant against control, within this segment's sessions. */
import { seg, sitePath } from "../api/client.ts";
import type { ExperimentsReport } from "../api/types.ts";
import { Card } from "../components/Bits.tsx";
import { Async } from "../components/Status.tsx";
import { TableTools } from "../components/TableTools.tsx";
import { money, num, pct, relChange } from "../lib/format.ts";
import { useApi } from "../lib/use-api.ts";

const interval = (i: [number, number] | null | undefined) =>
  i ? `${relChange(i[0])} to ${relChange(i[1])}` : "—";

export function ExperimentsPanel(props: {
  site: string;
  segment: string;
  /** The period's API query (lib/period.ts). */
  query: string;
  currency: string;
}) {
  const path = sitePath(
    props.site,
    `/reports/experiments?segment=${seg(props.segment)}&${props.query}`,
  );
  const report = useApi<ExperimentsReport>(path);
  return (
    <Card title="Experiments in this segment">
      <Async state={report} label="Loading experiments">
        {(r) =>
          r.experiments.length === 0 ? (
            <p className="muted">
              No experiment exposures recorded for this segment in the period. The tag records them
              from your testing tool’s impression events.
            </p>
          ) : (
            <div className="table-scroll">
              <p className="muted small">
                Only this segment’s sessions that were shown an experiment count here, from wherever
                your testing tool ran it: a test on the checkout sees shoppers who reached checkout,
                whose conversion is far above the segment’s as a whole. Compare the arms with each
                other, not with the segment’s conversion.
              </p>
              {r.experiments.map((e) => (
                <TableTools name={`Experiment ${e.experiment}`} key={e.experiment}>
                  <table className="table experiment">
                    <caption>{e.experiment}</caption>
                    <thead>
                      <tr>
                        <th scope="col">Variant</th>
                        <th scope="col" className="num">
                          Sessions
                        </th>
                        <th scope="col" className="num">
                          Conversion
                        </th>
                        <th scope="col" className="num">
                          Uplift (95 % interval)
                        </th>
                        <th scope="col" className="num">
                          Revenue / session
                        </th>
                        <th scope="col" className="num">
                          Chance to beat control
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      <tr>
                        <th scope="row">{e.control.variant || "control"} (control)</th>
                        <td className="num">{num(e.control.sessions)}</td>
                        <td className="num">{pct(e.control.conversionRate)}</td>
                        <td className="num">—</td>
                        <td className="num">
                          {money(e.control.revenuePerSession, props.currency, 2)}
                        </td>
                        <td className="num">—</td>
                      </tr>
                      {e.variants.map((v) => (
                        <tr key={v.variant}>
                          <th scope="row">{v.variant}</th>
                          <td className="num">{num(v.sessions)}</td>
                          <td className="num">{pct(v.conversionRate)}</td>
                          <td className="num">
                            {relChange(v.conversion?.uplift)}{" "}
                            <span className="muted small">
                              ({interval(v.conversion?.upliftInterval)})
                            </span>
                          </td>
                          <td className="num">{money(v.revenuePerSession, props.currency, 2)}</td>
                          <td className="num strong">{pct(v.probabilityToBeatControl, 0)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </TableTools>
              ))}
            </div>
          )
        }
      </Async>
    </Card>
  );
}
