/** One rule of the builder: field, operator and value, with a remove button. */
import { useId } from "react";
import { dataPoint } from "../lib/catalogue.ts";
import type { Rule } from "../lib/condition-tree.ts";
import { convertValue, operatorInfo, operatorsFor } from "../lib/operators.ts";
import { FieldPicker } from "./FieldPicker.tsx";
import { ValueInput } from "./ValueInput.tsx";

export function RuleEditor(props: {
  rule: Rule;
  index: number;
  onChange: (r: Rule) => void;
  onRemove: () => void;
  suggestions: Record<string, string[]>;
}) {
  const r = props.rule;
  const point = dataPoint(r.field);
  const type = point?.type ?? (r.field.startsWith("props.") ? "string" : undefined);
  const ops = operatorsFor(type);
  const info = operatorInfo(type, r.op) ?? ops[0]!;
  const opId = useId();
  const name = `Rule ${props.index + 1}`;

  const setField = (field: string) => {
    const t = dataPoint(field)?.type ?? "string";
    // The operator is kept only between fields of one type: a new number field starts on "is
    // at least", not on the "equals" of an empty rule (issue 20, item 11).
    const keep = r.field !== "" && type === t ? operatorInfo(t, r.op) : undefined;
    const op = keep ?? operatorsFor(t)[0]!;
    const sameField = field.split(".")[0] === r.field.split(".")[0];
    props.onChange({
      ...r,
      field,
      op: op.op,
      value: sameField ? r.value : convertValue(null, op.value),
    });
  };

  return (
    <li className="rule" aria-label={name}>
      <FieldPicker value={r.field} onChange={setField} label={`${name}: data point`} />
      {r.field && (
        <>
          <label htmlFor={opId} className="sr-only">
            {name}: operator
          </label>
          <select
            id={opId}
            value={info.op}
            onChange={(e) => {
              const next = ops.find((o) => o.op === e.target.value) ?? info;
              props.onChange({ ...r, op: next.op, value: convertValue(r.value, next.value) });
            }}
          >
            {ops.map((o) => (
              <option key={o.op} value={o.op}>
                {o.label}
              </option>
            ))}
          </select>
          <ValueInput
            point={point}
            kind={info.value}
            value={r.value}
            label={`${name}: value`}
            suggestions={props.suggestions[r.field] ?? []}
            onChange={(value) => props.onChange({ ...r, value })}
          />
        </>
      )}
      <button
        type="button"
        className="btn btn-ghost btn-small"
        onClick={props.onRemove}
        aria-label={`Remove ${name.toLowerCase()}`}
      >
        Remove
      </button>
    </li>
  );
}
