/** Saving: with conflict warnings, saving asks for a confirmation first. */
import { useState } from "react";

export function SaveBar(props: {
  warnings: number;
  error: string | null;
  editing: boolean;
  onSave: () => Promise<void>;
  onCancel: () => void;
}) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const label = props.editing ? "Save changes" : "Save segment";

  const run = async () => {
    setConfirming(false);
    setBusy(true);
    try {
      await props.onSave();
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card save-bar" aria-label="Save">
      {props.error && (
        <p className="note note-error" role="alert">
          {props.error}
        </p>
      )}
      {confirming ? (
        <div className="note note-warn" role="alert">
          <p>
            This segment conflicts with {props.warnings} live segment
            {props.warnings === 1 ? "" : "s"}: a visitor may see more than one experience. Save it
            anyway?
          </p>
          <div className="actions">
            <button
              type="button"
              className="btn btn-primary"
              disabled={busy}
              onClick={() => void run()}
            >
              Save anyway
            </button>
            <button type="button" className="btn btn-ghost" onClick={() => setConfirming(false)}>
              Review the conflicts
            </button>
          </div>
        </div>
      ) : (
        <div className="actions">
          <button
            type="button"
            className="btn btn-primary"
            disabled={busy}
            onClick={() => (props.warnings > 0 ? setConfirming(true) : void run())}
          >
            {busy ? "Saving…" : label}
          </button>
          <button type="button" className="btn btn-ghost" onClick={props.onCancel}>
            Cancel
          </button>
        </div>
      )}
    </section>
  );
}
