/**
 * A custom segment's opportunities: the shop's own list of what to do for it, saved with the
 * definition (a new version). Editors add, edit and remove items; every item is shown as text.
 */
import { useId, useState } from "react";
import { api, seg, sitePath } from "../api/client.ts";
import type { CustomSegmentView, Site } from "../api/types.ts";
import { Card } from "../components/Bits.tsx";
import { ErrorNote } from "../components/Status.tsx";
import { atLeast, roleFor, useSession } from "../session.tsx";

/** The API's limits (validateSegmentDefinition). */
const MAX_ITEMS = 10;
const MAX_LENGTH = 500;

interface Item {
  key: number;
  text: string;
}

let nextKey = 0;
const item = (text: string): Item => ({ key: nextKey++, text });

export function CustomOpportunities(props: {
  segment: CustomSegmentView;
  site: Site;
  onSaved: () => void;
}) {
  const s = props.segment;
  const saved = s.opportunities ?? [];
  const canEdit = atLeast(roleFor(useSession(), props.site), "editor");
  const [items, setItems] = useState<Item[] | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const baseId = useId();

  const edit = () => {
    setError(null);
    setItems(saved.length > 0 ? saved.map(item) : [item("")]);
  };
  const change = (key: number, text: string) =>
    setItems((xs) => xs?.map((x) => (x.key === key ? { key, text } : x)) ?? null);

  const save = async () => {
    if (!items) return;
    setError(null);
    setBusy(true);
    try {
      await api(sitePath(props.site.id, `/segments/${seg(s.id)}`), {
        method: "PATCH",
        body: { opportunities: items.map((x) => x.text.trim()).filter((x) => x !== "") },
      });
      setItems(null);
      props.onSaved();
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card
      title="Opportunities"
      actions={
        canEdit && !items ? (
          <button type="button" className="btn btn-small" onClick={edit}>
            Edit opportunities
          </button>
        ) : null
      }
    >
      {error && <ErrorNote error={error} />}
      {items ? (
        <form
          className="opportunity-editor"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <ol>
            {items.map((x, i) => (
              <li key={x.key} className="field">
                <label htmlFor={`${baseId}-${x.key}`}>Opportunity {i + 1}</label>
                <textarea
                  id={`${baseId}-${x.key}`}
                  rows={2}
                  maxLength={MAX_LENGTH}
                  value={x.text}
                  onChange={(e) => change(x.key, e.target.value)}
                />
                <button
                  type="button"
                  className="btn btn-small btn-ghost"
                  aria-label={`Remove opportunity ${i + 1}`}
                  onClick={() => setItems(items.filter((y) => y.key !== x.key))}
                >
                  Remove
                </button>
              </li>
            ))}
          </ol>
          <div className="actions">
            <button
              type="button"
              className="btn btn-small"
              disabled={items.length >= MAX_ITEMS}
              onClick={() => setItems([...items, item("")])}
            >
              Add an opportunity
            </button>
          </div>
          <p className="muted small">
            Up to {MAX_ITEMS} items of {MAX_LENGTH} characters; saved as a new version.
          </p>
          <div className="actions">
            <button type="submit" className="btn btn-primary" disabled={busy}>
              {busy ? "Saving…" : "Save opportunities"}
            </button>
            <button type="button" className="btn btn-ghost" onClick={() => setItems(null)}>
              Cancel
            </button>
          </div>
        </form>
      ) : saved.length > 0 ? (
        <ul className="opportunities" data-testid="custom-opportunities">
          {saved.map((o, i) => (
            // Items may repeat; their order is their identity.
            // biome-ignore lint/suspicious/noArrayIndexKey: a read-only list, replaced as a whole
            <li key={i} className="prewrap">
              {o}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">
          No opportunities yet
          {canEdit ? ": list the experiences and messages planned for this segment." : "."}
        </p>
      )}
    </Card>
  );
}
