/** Delivery per destination: pending, delivered, retried, failed (dead letters), oldest pending. */
import type { DeliveryMetrics as Metrics } from "../../api/types.ts";
import { duration, num } from "../../lib/format.ts";
import { kindLabel } from "./kinds.ts";

export function DeliveryMetrics({ rows }: { rows: Metrics[] }) {
  if (rows.length === 0) return <p className="muted">Nothing delivered yet.</p>;
  return (
    <div className="table-scroll">
      <table className="table" data-testid="delivery-metrics">
        <caption className="sr-only">Delivery metrics per integration</caption>
        <thead>
          <tr>
            <th scope="col">Integration</th>
            <th scope="col" className="num">
              Pending
            </th>
            <th scope="col" className="num">
              Delivered
            </th>
            <th scope="col" className="num">
              Retried
            </th>
            <th scope="col" className="num">
              Failed
            </th>
            <th scope="col" className="num">
              Oldest pending
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((m) => (
            <tr key={m.destination}>
              <th scope="row">
                {m.name ?? <span className="muted">deleted ({m.destination})</span>}
                {m.kind && <span className="muted small"> · {kindLabel(m.kind)}</span>}
              </th>
              <td className="num">{num(m.pending)}</td>
              <td className="num">{num(m.delivered)}</td>
              <td className="num">{num(m.retried)}</td>
              <td className="num">{num(m.failed)}</td>
              <td className="num">{m.pending > 0 ? duration(Math.round(m.lagMs / 1000)) : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
