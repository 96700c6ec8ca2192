/** The raw JSON of the condition: read it, or edit it and apply it to the visual builder. */
import { useEffect, useId, useState } from "react";

export function JsonView(props: { condition: unknown; onApply: (c: unknown) => string | null }) {
  const text = JSON.stringify(props.condition, null, 2);
  const [draft, setDraft] = useState(text);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  useEffect(() => setDraft(text), [text]);

  const apply = () => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(draft);
    } catch (e) {
      setError(`Not valid JSON: ${(e as Error).message}`);
      return;
    }
    setError(props.onApply(parsed));
  };

  return (
    <div className="json-view">
      <label htmlFor={id}>Condition (GrowthBook-style JSON)</label>
      <textarea
        id={id}
        className="code-input"
        rows={14}
        spellCheck={false}
        value={draft}
        aria-invalid={error ? true : undefined}
        onChange={(e) => setDraft(e.target.value)}
      />
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="actions">
        <button type="button" className="btn" onClick={apply} disabled={draft === text}>
          Apply JSON
        </button>
        <button
          type="button"
          className="btn btn-ghost"
          onClick={() => setDraft(text)}
          disabled={draft === text}
        >
          Discard changes
        </button>
      </div>
    </div>
  );
}
