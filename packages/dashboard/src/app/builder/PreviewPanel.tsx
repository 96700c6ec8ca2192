/** The builder's live checks: the sessions count, validation errors and conflict warnings. */
import type { ConflictWarning, Preview } from "../api/types.ts";
import { dataPoint } from "../lib/catalogue.ts";
import { num, pct } from "../lib/format.ts";
import { remedyWords } from "../segment/pair-words.ts";

export function verdictText(w: ConflictWarning, other: string): string {
  if (w.verdict === "subset") {
    if (w.direction === "equal") return `Matches exactly the same sessions as “${other}”.`;
    if (w.direction === "other-in-this")
      return `Every session in “${other}” also matches this segment.`;
    return `Every session of this segment is also in “${other}”.`;
  }
  if (w.verdict === "unknown")
    return `May match the same sessions as “${other}” (it cannot be decided from the conditions).`;
  return `Can match the same sessions as “${other}”.`;
}

function EstimateLine({ p }: { p: Preview }) {
  const e = p.estimate;
  if (!e) return <p className="muted">No estimate until the condition is valid.</p>;
  const share = e.totalSessions > 0 ? e.sessions / e.totalSessions : null;
  const missing = e.unestimated.map((f) =>
    f === "state" ? "state of converted sessions" : (dataPoint(f)?.label ?? f),
  );
  const days = Math.round((e.period.to - e.period.from) / 86_400_000);
  return (
    <div className="estimate" data-testid="estimate">
      <p>
        {e.exact ? "Matches" : "Matches at most"}{" "}
        <strong className="estimate-value">{num(e.sessions)}</strong> sessions in the last {days}{" "}
        days{" "}
        <span className="muted">
          ({pct(share)} of {num(e.totalSessions)})
        </span>
      </p>
      <p className="muted small">
        Counted over the sessions that ended: framework segment, phase and state at any moment of
        the session, other data points as the session ended.
        {missing.length > 0 &&
          ` Not recorded for ended sessions, so taken as matching: ${missing.join(", ")}.`}
      </p>
    </div>
  );
}

export function PreviewPanel(props: {
  preview: Preview | null;
  /** No condition yet: conflicts are not checked. */
  empty: boolean;
  loading: boolean;
  error: Error | null;
  names: Map<string, string>;
}) {
  const p = props.preview;
  const conditionErrors = p?.errors.filter((e) => e.path.startsWith("/condition")) ?? [];
  const otherErrors = p?.errors.filter((e) => !e.path.startsWith("/condition")) ?? [];
  return (
    <section className="card preview" aria-labelledby="preview-title" aria-busy={props.loading}>
      <h2 id="preview-title">Checks</h2>
      {props.error && (
        <p className="note note-error" role="alert">
          Could not check the segment: {props.error.message}
        </p>
      )}
      {p ? <EstimateLine p={p} /> : <p className="muted">Checking…</p>}
      {conditionErrors.length > 0 && (
        <div className="note note-error" role="alert">
          <strong>The condition needs fixing:</strong>
          <ul>
            {conditionErrors.map((e) => (
              <li key={e.path + e.message}>
                <code>{e.path.replace(/^\/condition/, "") || "/"}</code> {e.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {otherErrors.length > 0 && (
        <div className="note note-error" role="alert">
          <strong>Saving would be refused:</strong>
          <ul>
            {otherErrors.map((e) => (
              <li key={e.path + e.message}>{e.message}</li>
            ))}
          </ul>
        </div>
      )}
      {p && p.warnings.length > 0 && (
        <div className="note note-warn" data-testid="conflict-warnings">
          <strong>
            Conflicts with {p.warnings.length} live segment{p.warnings.length === 1 ? "" : "s"}
          </strong>
          <p className="small">
            A visitor may get more than one experience. Consider the remedies before saving.
          </p>
          <ul className="warnings">
            {p.warnings.map((w) => {
              const name = props.names.get(w.segment) ?? w.segment;
              return (
                <li key={w.segment}>
                  {verdictText(w, name)}
                  <details>
                    <summary>Remedies</summary>
                    <p className="small muted">{w.detail}</p>
                    <ul>
                      {w.remedies.map((r) => (
                        <li key={r.kind} className="small">
                          {remedyWords(r, { name: null }, { ...w, id: w.segment, name })}
                        </li>
                      ))}
                    </ul>
                  </details>
                </li>
              );
            })}
          </ul>
        </div>
      )}
      {p && props.empty && (
        <p className="muted" data-testid="conflicts-pending">
          Conflicts with the site’s live segments are checked once the segment has a condition.
        </p>
      )}
      {p && !props.empty && p.warnings.length === 0 && p.errors.length === 0 && (
        <p className="note note-good">No conflict with the site’s live segments.</p>
      )}
    </section>
  );
}
