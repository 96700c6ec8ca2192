/** One labelled field of the integration form, with its hint and its error (linked for AT). */
import type { Value } from "./form-model.ts";
import { EXPORT_FORMATS, type FieldSpec } from "./kinds.ts";
import { SecretInput } from "./SecretInput.tsx";
import { SegmentPicker } from "./SegmentPicker.tsx";

export interface FieldProps {
  spec: FieldSpec;
  idBase: string;
  value: Value | undefined;
  error: string | undefined;
  /** A secret is stored for this field (editing). */
  stored: boolean;
  onChange: (v: Value) => void;
  /** The site whose segments a list field (the segment filter) offers. */
  site: string;
}

export function ConfigField({ spec, idBase, value, error, stored, onChange, site }: FieldProps) {
  const id = `${idBase}-${spec.name}`;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [spec.hint ? hintId : "", error ? errorId : ""].filter(Boolean).join(" ");
  const required = spec.required === true && !(spec.type === "secret" && stored);
  const s = typeof value === "string" ? value : "";
  const common = {
    id,
    name: spec.name,
    "aria-invalid": error !== undefined,
    "aria-describedby": describedBy || undefined,
  };
  const after = (
    <>
      {spec.hint && (
        <span className="hint" id={hintId}>
          {spec.hint}
        </span>
      )}
      {error && (
        <span className="field-error" id={errorId}>
          {error}
        </span>
      )}
    </>
  );

  if (spec.type === "checkbox")
    return (
      <div className="field field-wide">
        <label className="check">
          <input
            {...common}
            type="checkbox"
            checked={value === true}
            onChange={(e) => onChange(e.target.checked)}
          />
          {spec.label}
        </label>
        {after}
      </div>
    );

  // The one list field is the segment filter: ticked by name, not typed as ids.
  if (spec.type === "list")
    return (
      <SegmentPicker
        site={site}
        legend={spec.label}
        value={s}
        invalid={error !== undefined}
        describedBy={describedBy || undefined}
        onChange={onChange}
      >
        {after}
      </SegmentPicker>
    );

  if (spec.type === "formats") {
    const chosen = Array.isArray(value) ? value : [];
    return (
      <fieldset className="field field-wide checks-row" aria-describedby={describedBy || undefined}>
        <legend>{spec.label}</legend>
        {EXPORT_FORMATS.map((f) => (
          <label key={f} className="check">
            <input
              type="checkbox"
              name={`${spec.name}-${f}`}
              checked={chosen.includes(f)}
              aria-invalid={error !== undefined}
              onChange={(e) =>
                onChange(e.target.checked ? [...chosen, f] : chosen.filter((x) => x !== f))
              }
            />
            {f.toUpperCase()}
          </label>
        ))}
        {after}
      </fieldset>
    );
  }

  return (
    <div className={`field${spec.type === "url" ? " field-wide" : ""}`}>
      <label htmlFor={id}>
        {spec.label}
        {required ? <span aria-hidden="true"> *</span> : <span className="hint"> (optional)</span>}
      </label>
      {spec.type === "secret" ? (
        <SecretInput
          id={id}
          name={spec.name}
          value={s}
          stored={stored}
          required={required}
          invalid={error !== undefined}
          describedBy={describedBy}
          onChange={onChange}
        />
      ) : (
        <input
          {...common}
          type={spec.type === "number" ? "number" : spec.type === "url" ? "url" : "text"}
          inputMode={spec.type === "number" ? "numeric" : undefined}
          min={spec.min}
          max={spec.type === "number" ? spec.max : undefined}
          value={s}
          placeholder={spec.defaultValue ?? spec.placeholder}
          required={required}
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => onChange(e.target.value)}
        />
      )}
      {after}
    </div>
  );
}
