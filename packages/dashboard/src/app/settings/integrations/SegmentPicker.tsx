/**
 * The segment filter of an integration (issue 20, item 13): the site's segments to tick, by name,
 * instead of typed ids. The form keeps the value as the comma-separated ids it validates and sends
 * (form-model.ts); an id that is no longer a segment of the site stays ticked, and says so.
 */
import type { SegmentList } from "@intently/api-contract";
import type { ReactNode } from "react";
import { sitePath } from "../../api/client.ts";
import { useApi } from "../../lib/use-api.ts";
import { listOf } from "./form-model.ts";

export function SegmentPicker(props: {
  site: string;
  legend: string;
  value: string;
  invalid: boolean;
  describedBy: string | undefined;
  onChange: (v: string) => void;
  /** The field's hint and error, inside the group. */
  children?: ReactNode;
}) {
  const list = useApi<SegmentList>(sitePath(props.site, "/segments"));
  const chosen = listOf(props.value);
  const custom = (list.data?.custom ?? []).map((s) => ({ id: s.id, name: s.name }));
  const framework = (list.data?.framework ?? []).map((s) => ({ id: s.id, name: s.name }));
  const known = new Set([...custom, ...framework].map((s) => s.id));
  const unknown = list.data ? chosen.filter((id) => !known.has(id)) : [];
  const toggle = (id: string, on: boolean) =>
    props.onChange((on ? [...chosen, id] : chosen.filter((x) => x !== id)).join(", "));

  const box = (s: { id: string; name: string }, note?: string) => (
    <label key={s.id} className="check">
      <input
        type="checkbox"
        name={`segments-${s.id}`}
        checked={chosen.includes(s.id)}
        aria-invalid={props.invalid}
        onChange={(e) => toggle(s.id, e.target.checked)}
      />
      {s.name}
      {note && <span className="hint"> {note}</span>}
    </label>
  );

  return (
    <fieldset
      className="field field-wide segment-picker"
      aria-describedby={props.describedBy}
      aria-busy={list.loading}
    >
      <legend>
        {props.legend} <span className="hint">(optional)</span>
      </legend>
      {list.error && (
        <p className="field-error">Could not load the segments: {list.error.message}</p>
      )}
      {custom.length > 0 && (
        <fieldset className="segment-picker-group">
          <legend className="hint">Custom segments</legend>
          <div className="segment-picker-ticks">{custom.map((s) => box(s))}</div>
        </fieldset>
      )}
      {framework.length > 0 && (
        <fieldset className="segment-picker-group">
          <legend className="hint">Framework segments</legend>
          <div className="segment-picker-ticks">{framework.map((s) => box(s))}</div>
        </fieldset>
      )}
      {unknown.length > 0 && (
        <fieldset className="segment-picker-group">
          <legend className="hint">No longer on the site</legend>
          <div className="segment-picker-ticks">
            {unknown.map((id) => box({ id, name: id }, "(not a segment of this site any more)"))}
          </div>
        </fieldset>
      )}
      {props.children}
    </fieldset>
  );
}
