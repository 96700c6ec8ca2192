/**
 * Opportunities: the framework's editorial guidance and example experiment; for a custom segment,
 * its notes (the description), editable by editors.
 */
import { useId, useState } from "react";
import { api, seg, sitePath } from "../api/client.ts";
import type { SegmentView, Site } from "../api/types.ts";
import { Card } from "../components/Bits.tsx";
import { ErrorNote } from "../components/Status.tsx";
import { atLeast, roleFor, useSession } from "../session.tsx";

export function Opportunities(props: { segment: SegmentView; site: Site; onSaved: () => void }) {
  const s = props.segment;
  const session = useSession();
  const canEdit = atLeast(roleFor(session, props.site), "editor");
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(s.kind === "custom" ? (s.description ?? "") : "");
  const [error, setError] = useState<Error | null>(null);
  const areaId = useId();

  if (s.kind === "framework") {
    const e = s.content.exampleExperiment;
    return (
      <Card title="Opportunities">
        <ul className="opportunities">
          {s.content.opportunities.map((o) => (
            <li key={o}>{o}</li>
          ))}
        </ul>
        <h3 className="small-title">Example experiment</h3>
        <dl className="facts">
          <div>
            <dt>Hypothesis</dt>
            <dd>{e.hypothesis}</dd>
          </div>
          <div>
            <dt>Treatment</dt>
            <dd>{e.treatment}</dd>
          </div>
          <div>
            <dt>Primary metric</dt>
            <dd>{e.metric}</dd>
          </div>
        </dl>
      </Card>
    );
  }

  const save = async () => {
    setError(null);
    try {
      await api(sitePath(props.site.id, `/segments/${seg(s.id)}`), {
        method: "PATCH",
        body: { description: text },
      });
      setEditing(false);
      props.onSaved();
    } catch (e) {
      setError(e as Error);
    }
  };

  return (
    <Card
      title="Opportunities and notes"
      actions={
        canEdit && !editing ? (
          <button type="button" className="btn btn-small" onClick={() => setEditing(true)}>
            Edit
          </button>
        ) : null
      }
    >
      {error && <ErrorNote error={error} />}
      {editing ? (
        <div className="field">
          <label htmlFor={areaId}>What to do for this segment (saved as its description)</label>
          <textarea
            id={areaId}
            rows={6}
            maxLength={2000}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
          <div className="actions">
            <button type="button" className="btn btn-primary" onClick={() => void save()}>
              Save notes
            </button>
            <button type="button" className="btn btn-ghost" onClick={() => setEditing(false)}>
              Cancel
            </button>
          </div>
        </div>
      ) : s.description ? (
        <p className="prewrap">{s.description}</p>
      ) : (
        <p className="muted">
          No notes yet. Write down the experiences and messages planned for it.
        </p>
      )}
    </Card>
  );
}
