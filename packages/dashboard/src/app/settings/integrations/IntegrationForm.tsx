/**
 * Adding (kind picker, then that kind's fields) or editing an integration. Checked here with
 * the API's rules first; the API's own 400s land on the same fields. Problems are announced in
 * an alert and focus goes to the first field in error.
 */
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { ApiError } from "../../api/client.ts";
import type { Integration } from "../../api/types.ts";
import { ConfigField } from "./ConfigField.tsx";
import {
  checkValues,
  configOf,
  type Errors,
  emptyValues,
  errorsFromIssues,
  movesDestination,
  type Value,
  type Values,
  valuesOf,
} from "./form-model.ts";
import { createIntegration, updateIntegration } from "./integrations-api.ts";
import { KINDS, kindSpec, REDACTED } from "./kinds.ts";

export function IntegrationForm(props: {
  site: string;
  /** null: a new integration. */
  editing: Integration | null;
  onSaved: (saved: Integration, created: boolean) => void;
  onCancel: () => void;
}) {
  const { editing } = props;
  const idBase = useId();
  const [kind, setKind] = useState(editing?.kind ?? "webhook");
  const [values, setValues] = useState<Values>(() =>
    editing ? valuesOf(editing) : emptyValues("webhook"),
  );
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  /** The API refused the last save (rather than the checks here). */
  const [refused, setRefused] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const form = useRef<HTMLFormElement>(null);
  const spec = kindSpec(kind);

  useEffect(() => heading.current?.focus(), []);

  const set = (name: string, v: Value) => setValues((old) => ({ ...old, [name]: v }));
  const pickKind = (k: string) => {
    setKind(k);
    setValues((old) => ({ ...emptyValues(k), name: old.name ?? "", enabled: old.enabled ?? true }));
    setErrors({});
  };

  const focusFirstError = (errs: Errors) => {
    const first = Object.keys(errs).find((k) => k !== "form");
    const el = first ? form.current?.querySelector<HTMLElement>(`[name="${first}"]`) : null;
    el?.focus();
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found = checkValues(kind, values, editing);
    setRefused(false);
    setErrors(found);
    if (Object.keys(found).length > 0) return focusFirstError(found);
    setBusy(true);
    try {
      const name = String(values.name).trim();
      const enabled = values.enabled === true;
      const config = configOf(kind, values, editing !== null);
      const saved = editing
        ? await updateIntegration(props.site, editing.id, { name, enabled, config })
        : await createIntegration(props.site, { name, kind, enabled, config });
      props.onSaved(saved, editing === null);
    } catch (err) {
      const located = err instanceof ApiError ? errorsFromIssues(err.issues) : {};
      const all = Object.keys(located).length > 0 ? located : { form: (err as Error).message };
      setRefused(true);
      setErrors(all);
      focusFirstError(all);
    } finally {
      setBusy(false);
    }
  };

  const problems = Object.entries(errors);
  const stored = (f: string) => editing?.config[f] === REDACTED;
  const moved = movesDestination(values, editing);

  return (
    <form
      ref={form}
      className="integration-form"
      onSubmit={submit}
      noValidate
      aria-labelledby={`${idBase}-title`}
      onKeyDown={(e) => {
        if (e.key === "Escape") props.onCancel();
      }}
    >
      <h3 id={`${idBase}-title`} tabIndex={-1} ref={heading}>
        {editing ? `Edit “${editing.name}”` : "Add an integration"}
      </h3>
      {problems.length > 0 && (
        <div className="note note-error" role="alert">
          <strong>
            {refused ? "The integration was not saved." : "Check the highlighted fields."}
          </strong>
          <ul>
            {problems.map(([field, message]) => (
              <li key={field}>{message}</li>
            ))}
          </ul>
        </div>
      )}
      <div className="form-grid">
        <div className="field">
          <label htmlFor={`${idBase}-kind`}>Kind</label>
          <select
            id={`${idBase}-kind`}
            name="kind"
            value={kind}
            disabled={editing !== null}
            aria-describedby={`${idBase}-kind-hint`}
            onChange={(e) => pickKind(e.target.value)}
          >
            {KINDS.map((k) => (
              <option key={k.kind} value={k.kind}>
                {k.label}
              </option>
            ))}
          </select>
          <span className="hint" id={`${idBase}-kind-hint`}>
            {spec?.blurb}
          </span>
        </div>
        <div className="field">
          <label htmlFor={`${idBase}-name`}>
            Name<span aria-hidden="true"> *</span>
          </label>
          <input
            id={`${idBase}-name`}
            name="name"
            value={String(values.name ?? "")}
            maxLength={200}
            required
            aria-invalid={errors.name !== undefined}
            aria-describedby={errors.name ? `${idBase}-name-error` : undefined}
            onChange={(e) => set("name", e.target.value)}
          />
          {errors.name && (
            <span className="field-error" id={`${idBase}-name-error`}>
              {errors.name}
            </span>
          )}
        </div>
        {moved && spec?.fields.some((f) => f.type === "secret") && (
          <p className="note note-warn field-wide">
            The destination changes: enter the secret again, so that a stored key is never sent to
            another host.
          </p>
        )}
        {spec?.fields.map((f) => (
          <ConfigField
            key={`${kind}-${f.name}`}
            spec={f}
            idBase={idBase}
            value={values[f.name]}
            error={errors[f.name]}
            stored={stored(f.name)}
            onChange={(v) => set(f.name, v)}
            site={props.site}
          />
        ))}
        <div className="field field-wide">
          <label className="check">
            <input
              type="checkbox"
              name="enabled"
              checked={values.enabled === true}
              onChange={(e) => set("enabled", e.target.checked)}
            />
            Enabled (deliver ended sessions to it)
          </label>
        </div>
        <div className="actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? "Saving…" : editing ? "Save changes" : "Add integration"}
          </button>
          <button type="button" className="btn" onClick={props.onCancel}>
            Cancel
          </button>
        </div>
      </div>
    </form>
  );
}
