/** The conflict matrix as a table: rows and columns are segments, cells are buttons. */
import type { ConflictMatrix, ConflictPair } from "@intently/api-contract";
import { TableTools } from "../components/TableTools.tsx";
import { pct } from "../lib/format.ts";
import { VERDICTS } from "./verdicts.ts";

export function pairOf(
  m: ConflictMatrix,
  a: string,
  b: string,
): { pair: ConflictPair; flipped: boolean } | null {
  for (const p of m.pairs) {
    if (p.a === a && p.b === b) return { pair: p, flipped: false };
    if (p.a === b && p.b === a) return { pair: p, flipped: true };
  }
  return null;
}

export function MatrixTable(props: {
  matrix: ConflictMatrix;
  selected: ConflictPair | null;
  onSelect: (p: ConflictPair) => void;
}) {
  const m = props.matrix;
  return (
    <TableTools name="Conflict matrix">
      <div className="table-scroll matrix-scroll">
        <table className="matrix">
          <caption className="sr-only">Conflicts between live segments</caption>
          <thead>
            <tr>
              <td />
              {m.segments.map((s) => (
                <th key={s.id} scope="col">
                  <span className="matrix-col" title={s.name}>
                    {s.name}
                  </span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {m.segments.map((row) => (
              <tr key={row.id}>
                <th scope="row">
                  {row.name}
                  {row.kind === "framework" && <span className="muted small"> (framework)</span>}
                </th>
                {m.segments.map((col) => {
                  if (row.id === col.id)
                    return (
                      <td key={col.id} className="matrix-self">
                        <span className="sr-only">same segment</span>
                      </td>
                    );
                  const hit = pairOf(m, row.id, col.id);
                  // Two framework segments: never analysed, a session is in one at a time.
                  if (!hit)
                    return (
                      <td key={col.id} className="matrix-none">
                        <span aria-hidden="true">–</span>
                        <span className="sr-only">never together</span>
                      </td>
                    );
                  const { pair, flipped } = hit;
                  const share = flipped ? pair.measured.shareOfB : pair.measured.shareOfA;
                  const v = VERDICTS[pair.verdict] ?? { short: pair.verdict, label: pair.verdict };
                  return (
                    <td key={col.id}>
                      <button
                        type="button"
                        className={`matrix-cell verdict-${pair.verdict}`}
                        aria-pressed={props.selected === pair}
                        onClick={() => props.onSelect(pair)}
                      >
                        {/* The name is the visible text plus a spoken explanation (WCAG 2.5.3). */}
                        <span className="verdict-short">{v.short}</span>{" "}
                        <span className="matrix-share">{pct(share, 0)}</span>
                        <span className="sr-only">
                          {`: ${row.name} and ${col.name}, ${v.label}; ${pct(share)} of ${row.name} sessions also in ${col.name}`}
                        </span>
                      </button>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </TableTools>
  );
}
