/** The model card: what the scoring model was trained on, how well it ranks and how calibrated it is. */

import type { ModelCardView } from "@intently/api-contract";
import { useId, useState } from "react";
import { sitePath } from "../api/client.ts";
import type { Site } from "../api/types.ts";
import { Card, Kpi } from "../components/Bits.tsx";
import { LineChart } from "../components/LineChart.tsx";
import { Async } from "../components/Status.tsx";
import { TableTools } from "../components/TableTools.tsx";
import { decimal, num, pct } from "../lib/format.ts";
import { useApi, useTitle } from "../lib/use-api.ts";

const SCORES = [
  ["xC", "Purchase confidence (xC)"],
  ["xATC", "Add-to-cart readiness (xATC)"],
  ["xE", "Exit risk (xE)"],
] as const;

type ScoreKey = (typeof SCORES)[number][0];

export function ModelCard({ site }: { site: Site }) {
  useTitle(`Model card — ${site.name}`);
  const model = useApi<ModelCardView>(sitePath(site.id, "/model"));
  const [score, setScore] = useState<ScoreKey>("xC");
  const selectId = useId();
  return (
    <div className="page">
      <div className="page-head">
        <div>
          <h1>Model card</h1>
          <p className="muted">
            The model that scores this site’s sessions, measured on held-out data.
          </p>
        </div>
      </div>
      <Async state={model} label="Loading the model card">
        {(m) => {
          const c = m.card;
          const metrics = c.scores[score].model;
          const bins = (metrics.calibration ?? []).filter(
            (b) => b.count > 0 && b.meanPredicted !== null,
          );
          const prefixes = Object.entries(metrics.aucByPrefix ?? {}).sort(
            (a, b) => Number(a[0]) - Number(b[0]),
          );
          return (
            <>
              <div className="kpi-row">
                <Kpi
                  label="Model"
                  value={<code>{m.model}</code>}
                  sub={
                    m.source === "prior"
                      ? "bundled prior (simulated traffic)"
                      : "trained on this site"
                  }
                />
                <Kpi
                  label="Trained"
                  value={c.trainedAt.slice(0, 10)}
                  sub={`data ${c.data.from.slice(0, 10)} to ${c.data.to.slice(0, 10)}`}
                />
                <Kpi
                  label="Sessions"
                  value={num(c.data.sessions)}
                  sub={`${num(c.data.heldOutSessions)} held out`}
                />
              </div>
              <Card title="Quality by score">
                <TableTools name="Quality by score">
                  <table className="table">
                    <thead>
                      <tr>
                        <th scope="col">Score</th>
                        <th scope="col" className="num">
                          ROC-AUC
                        </th>
                        <th scope="col" className="num">
                          Baseline AUC
                        </th>
                        <th scope="col" className="num">
                          PR-AUC
                        </th>
                        <th scope="col" className="num">
                          Brier
                        </th>
                        <th scope="col" className="num">
                          Positive rows / rows
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {SCORES.map(([k, label]) => {
                        const s = c.scores[k];
                        return (
                          <tr key={k}>
                            <th scope="row">{label}</th>
                            <td className="num strong">{decimal(s.model.auc)}</td>
                            <td className="num">{decimal(s.baseline.auc)}</td>
                            <td className="num">{decimal(s.model.prAuc)}</td>
                            <td className="num">{decimal(s.model.brier)}</td>
                            <td className="num">
                              {num(s.model.positives)} / {num(s.model.rows)}
                            </td>
                          </tr>
                        );
                      })}
                    </tbody>
                  </table>
                </TableTools>
                <p className="muted small">
                  The baseline is a logistic regression on the same features. Figures are over{" "}
                  <em>rows</em>, not sessions: each held-out session gives one row per event (up to
                  40), scored as the live engine would right after that event. A row is positive
                  when its session went on to the outcome, so a buyer's many rows make positive rows
                  far outnumber buying sessions.
                </p>
              </Card>
              <div className="section-head">
                <h2 className="section-title">Charts</h2>
                <span className="inline-field">
                  <label htmlFor={selectId}>Score</label>
                  <select
                    id={selectId}
                    value={score}
                    onChange={(e) => setScore(e.target.value as ScoreKey)}
                  >
                    {SCORES.map(([k, label]) => (
                      <option key={k} value={k}>
                        {label}
                      </option>
                    ))}
                  </select>
                </span>
              </div>
              <div className="grid-2">
                <Card title="Calibration">
                  <LineChart
                    title="Observed rate against predicted probability"
                    x={bins.map((b) => b.meanPredicted ?? 0)}
                    xLabel="Predicted"
                    xFormat={(v) => pct(v, 0)}
                    points
                    series={[
                      {
                        label: "Observed",
                        values: bins.map((b) => b.observedRate),
                        color: "#3b3bc4",
                        format: (v) => pct(v),
                      },
                      {
                        label: "Perfect calibration",
                        values: bins.map((b) => b.meanPredicted),
                        color: "#8a94a6",
                        dash: [4, 4],
                        format: (v) => pct(v),
                      },
                    ]}
                  />
                </Card>
                <Card title="AUC by prefix length">
                  <LineChart
                    title="ROC-AUC of sessions scored after their k-th event"
                    x={prefixes.map(([k]) => Number(k))}
                    xLabel="Events seen"
                    points
                    series={[
                      {
                        label: "ROC-AUC",
                        values: prefixes.map(([, v]) => v),
                        color: "#0f8a7e",
                        format: (v) => v.toFixed(3),
                      },
                    ]}
                  />
                </Card>
              </div>
            </>
          );
        }}
      </Async>
    </div>
  );
}
