/** Conflicts: the matrix of live segments with static verdicts, measured overlap and remedies. */

import type { ConflictMatrix, ConflictPair } from "@intently/api-contract";
import { useId, useState } from "react";
import { sitePath } from "../api/client.ts";
import type { Site } from "../api/types.ts";
import { Card } from "../components/Bits.tsx";
import { PeriodControl } from "../components/PeriodControl.tsx";
import { Async } from "../components/Status.tsx";
import { paths } from "../lib/paths.ts";
import { apiPeriodQuery, usePeriod } from "../lib/period.ts";
import { useApi, useTitle } from "../lib/use-api.ts";
import { Link } from "../router.tsx";
import { ConflictDetail } from "../segment/ConflictDetail.tsx";
import { MatrixTable } from "../segment/MatrixTable.tsx";
import { VERDICTS } from "../segment/verdicts.ts";

export function Conflicts({ site }: { site: Site }) {
  useTitle(`Conflicts — ${site.name}`);
  const [period, setPeriod] = usePeriod();
  const [framework, setFramework] = useState(false);
  const [selected, setSelected] = useState<ConflictPair | null>(null);
  const fwId = useId();
  const matrix = useApi<ConflictMatrix>(
    sitePath(site.id, `/conflicts?framework=${framework}&${apiPeriodQuery(period, false)}`),
  );
  return (
    <div className="page">
      <div className="page-head">
        <div>
          <h1>Segment conflicts</h1>
          <p className="muted">
            Within the framework a session is in exactly one segment; custom segments can overlap,
            so a visitor may see more than one experience.
          </p>
        </div>
        <div className="actions">
          <span className="inline-field">
            <input
              id={fwId}
              type="checkbox"
              checked={framework}
              onChange={(e) => setFramework(e.target.checked)}
            />
            <label htmlFor={fwId}>Include framework segments</label>
          </span>
          <PeriodControl value={period} onChange={setPeriod} compare={false} />
        </div>
      </div>
      <Async state={matrix} label="Analysing the live segments">
        {(m) =>
          m.segments.length < 2 ? (
            <Card>
              <p>
                There are fewer than two live custom segments, so nothing can conflict yet.{" "}
                <Link to={paths.builder(site.id)}>Build a segment</Link>.
              </p>
            </Card>
          ) : (
            <>
              <Card title="Matrix">
                <p className="muted small">
                  Each cell: the static verdict from the two conditions and the share of the row’s
                  sessions also in the column’s, measured over the period. Choose a cell for details
                  and remedies.
                </p>
                <MatrixTable matrix={m} selected={selected} onSelect={setSelected} />
                <ul className="legend" aria-label="Legend">
                  {Object.entries(VERDICTS).map(([k, v]) => (
                    <li key={k}>
                      <span className={`verdict verdict-${k}`}>{v.short}</span> {v.label}
                    </li>
                  ))}
                </ul>
              </Card>
              {selected && (
                <ConflictDetail
                  pair={selected}
                  matrix={m}
                  site={site.id}
                  currency={site.settings.currency ?? "GBP"}
                  onClose={() => setSelected(null)}
                />
              )}
            </>
          )
        }
      </Async>
    </div>
  );
}
