/** The field of a rule: the data-point catalogue grouped, each with its type; or a custom property. */
import { useId } from "react";
import { dataPoint, groupedPoints } from "../lib/catalogue.ts";

const TYPE_LABEL: Record<string, string> = {
  number: "number",
  string: "text",
  boolean: "yes/no",
  enum: "choice",
  "string[]": "list",
};

const GROUPS = groupedPoints();
const PROPS = "props.";

export function FieldPicker(props: {
  value: string;
  onChange: (field: string) => void;
  label: string;
}) {
  const id = useId();
  const propId = useId();
  const isProp = props.value.startsWith(PROPS);
  const point = dataPoint(props.value);
  return (
    <span className="field-picker">
      <label htmlFor={id} className="sr-only">
        {props.label}
      </label>
      <select
        id={id}
        value={isProp ? PROPS : props.value}
        onChange={(e) =>
          props.onChange(e.target.value === PROPS ? "props.customer_tier" : e.target.value)
        }
        aria-describedby={point ? `${id}-hint` : undefined}
      >
        {props.value === "" && <option value="">Choose a data point…</option>}
        {GROUPS.map((g) => (
          <optgroup key={g.group} label={g.label}>
            {g.points.map((d) =>
              d.id === "props" ? (
                <option key={d.id} value={PROPS}>
                  Custom dataLayer property (text)
                </option>
              ) : (
                <option key={d.id} value={d.id}>
                  {d.label} ({TYPE_LABEL[d.type] ?? d.type})
                </option>
              ),
            )}
          </optgroup>
        ))}
      </select>
      {isProp && (
        <>
          <label htmlFor={propId} className="sr-only">
            Property name
          </label>
          <input
            id={propId}
            type="text"
            className="prop-name"
            value={props.value.slice(PROPS.length)}
            pattern="[A-Za-z0-9_]+"
            onChange={(e) => props.onChange(PROPS + e.target.value.replace(/[^A-Za-z0-9_]/g, ""))}
          />
        </>
      )}
      {point && (
        <span id={`${id}-hint`} className="hint">
          {point.description}
        </span>
      )}
    </span>
  );
}
