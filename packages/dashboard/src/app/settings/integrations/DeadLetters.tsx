/**
 * Dead letters: summaries that failed for good (a 4xx, a refused destination, or every retry
 * spent). Admins replay one, or all, once the cause is fixed; they are sent again at once.
 */
import type { DeadLetter } from "../../api/types.ts";
import { dateTime } from "../../lib/format.ts";

/** The session id inside a key "<site>:<session>:<destination>". */
const sessionOf = (d: DeadLetter) => {
  const parts = d.key.split(":");
  return parts.length >= 3 ? parts.slice(1, -1).join(":") : d.key;
};

export function DeadLetters(props: {
  rows: DeadLetter[];
  names: Map<string, string>;
  canEdit: boolean;
  busy: boolean;
  onReplay: (keys?: string[]) => void;
}) {
  if (props.rows.length === 0) return <p className="muted">No dead letters.</p>;
  return (
    <>
      {props.canEdit && (
        <p>
          <button
            type="button"
            className="btn btn-small"
            disabled={props.busy}
            onClick={() => props.onReplay()}
          >
            Replay all {props.rows.length} dead letters
          </button>
        </p>
      )}
      <div className="table-scroll">
        <table className="table" data-testid="dead-letters">
          <caption className="sr-only">Dead letters, oldest first</caption>
          <thead>
            <tr>
              <th scope="col">Session</th>
              <th scope="col">Integration</th>
              <th scope="col" className="num">
                Attempts
              </th>
              <th scope="col">Last answer</th>
              <th scope="col">Failed</th>
              {props.canEdit && (
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {props.rows.map((d) => (
              <tr key={d.key}>
                <th scope="row">
                  <code>{sessionOf(d)}</code>
                </th>
                <td>{props.names.get(d.destination) ?? d.destination}</td>
                <td className="num">{d.attempts}</td>
                <td className="break">
                  {d.lastError ?? (d.lastStatus ? `HTTP ${d.lastStatus}` : "—")}
                </td>
                <td>{dateTime(d.settledAt)}</td>
                {props.canEdit && (
                  <td>
                    <button
                      type="button"
                      className="btn btn-small"
                      disabled={props.busy}
                      aria-label={`Replay session ${sessionOf(d)}`}
                      onClick={() => props.onReplay([d.key])}
                    >
                      Replay
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
