/** The value widget of a rule, by the field's type and the operator's value kind. */
import { useId } from "react";
import { valueLabel } from "../lib/catalogue.ts";
import type { DataPointInfo } from "../lib/catalogue-types.ts";
import type { RuleValue } from "../lib/condition-tree.ts";
import type { ValueKind } from "../lib/operators.ts";
import { isProbability, shownValue, storedValue, unitLabel } from "../lib/units.ts";

export interface ValueInputProps {
  point: DataPointInfo | undefined;
  kind: ValueKind;
  value: RuleValue;
  onChange: (v: RuleValue) => void;
  /** Values seen in the data for this field (most frequent first). */
  suggestions: string[];
  label: string;
}

export function ValueInput(p: ValueInputProps) {
  const id = useId();
  const listId = useId();
  if (p.kind === "none") return null;
  const values = p.point?.values ?? [];
  const enumLabel = (v: string) => valueLabel(p.point?.id ?? "", v);

  if (p.kind === "number") {
    const unit = unitLabel(p.point);
    // A score is typed as 0–100 % and stored as 0–1 (lib/units.ts).
    const range = isProbability(p.point) ? { min: 0, max: 100 } : {};
    return (
      <span className="value-input">
        <label htmlFor={id} className="sr-only">
          {p.label}
        </label>
        <input
          id={id}
          type="number"
          step="any"
          inputMode="decimal"
          {...range}
          value={typeof p.value === "number" ? shownValue(p.point, p.value) : ""}
          onChange={(e) =>
            p.onChange(e.target.value === "" ? null : storedValue(p.point, Number(e.target.value)))
          }
        />
        {unit && <span className="unit">{unit}</span>}
      </span>
    );
  }

  if (p.kind === "list" && values.length > 0) {
    const chosen = new Set(Array.isArray(p.value) ? p.value : []);
    const toggle = (v: string, on: boolean) => {
      const next = new Set(chosen);
      if (on) next.add(v);
      else next.delete(v);
      p.onChange(values.filter((x) => next.has(x)));
    };
    return (
      <fieldset className="value-input checks">
        <legend className="sr-only">{p.label}</legend>
        {values.map((v) => (
          <label key={v} className="check">
            <input
              type="checkbox"
              checked={chosen.has(v)}
              onChange={(e) => toggle(v, e.target.checked)}
            />
            {enumLabel(v)}
          </label>
        ))}
      </fieldset>
    );
  }

  if (p.kind === "text" && values.length > 0) {
    return (
      <span className="value-input">
        <label htmlFor={id} className="sr-only">
          {p.label}
        </label>
        <select
          id={id}
          value={typeof p.value === "string" ? p.value : ""}
          onChange={(e) => p.onChange(e.target.value)}
        >
          {typeof p.value !== "string" && <option value="">Choose a value…</option>}
          {values.map((v) => (
            <option key={v} value={v}>
              {enumLabel(v)}
              {p.suggestions.includes(v)
                ? ""
                : p.suggestions.length > 0
                  ? " (not seen lately)"
                  : ""}
            </option>
          ))}
        </select>
      </span>
    );
  }

  const isList = p.kind === "list";
  const text = Array.isArray(p.value)
    ? p.value.join(", ")
    : typeof p.value === "string"
      ? p.value
      : "";
  return (
    <span className="value-input">
      <label htmlFor={id} className="sr-only">
        {p.label}
      </label>
      <input
        id={id}
        type="text"
        value={text}
        list={p.suggestions.length > 0 ? listId : undefined}
        placeholder={isList ? "Values, separated by commas" : "Value"}
        onChange={(e) =>
          p.onChange(
            isList
              ? e.target.value
                  .split(",")
                  .map((s) => s.trim())
                  .filter((s) => s !== "")
              : e.target.value,
          )
        }
      />
      {p.suggestions.length > 0 && (
        <datalist id={listId}>
          {p.suggestions.slice(0, 50).map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
      )}
    </span>
  );
}
