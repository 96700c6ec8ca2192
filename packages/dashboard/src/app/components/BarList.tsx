/** A table of labelled values with proportional bars (breakdowns, flows), with CSV and link. */
import { TableTools } from "./TableTools.tsx";

export interface BarRow {
  key: string;
  label: string;
  value: number;
  /** 0–1, the bar's length; defaults to value / max. */
  share?: number | null;
  detail?: string;
}

export function BarList(props: {
  caption: string;
  rows: BarRow[];
  valueLabel: string;
  format?: (v: number) => string;
  detailLabel?: string;
}) {
  const max = Math.max(1, ...props.rows.map((r) => r.value));
  const fmt = props.format ?? ((v: number) => v.toLocaleString("en-GB"));
  return (
    <TableTools name={props.caption}>
      <table className="barlist">
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">Value</th>
            <th scope="col">{props.valueLabel}</th>
            {props.detailLabel && <th scope="col">{props.detailLabel}</th>}
          </tr>
        </thead>
        <tbody>
          {props.rows.length === 0 && (
            <tr>
              <td colSpan={3} className="muted">
                No data in this period
              </td>
            </tr>
          )}
          {props.rows.map((r) => {
            const share = r.share ?? r.value / max;
            return (
              <tr key={r.key}>
                <th scope="row">
                  <span className="barlist-label">{r.label}</span>
                  <span className="barlist-bar" aria-hidden="true">
                    <span style={{ width: `${Math.max(1, Math.round(share * 100))}%` }} />
                  </span>
                </th>
                <td className="num">{fmt(r.value)}</td>
                {props.detailLabel && <td className="num">{r.detail ?? "—"}</td>}
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableTools>
  );
}
