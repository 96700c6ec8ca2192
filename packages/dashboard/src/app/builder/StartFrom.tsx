/** Start a segment blank or from a framework (or custom) segment. */

import type { SegmentList } from "@intently/api-contract";
import { useId, useState } from "react";

export function StartFrom(props: {
  list: SegmentList;
  initial: string | null;
  onStart: (id: string | null) => void;
}) {
  const id = useId();
  const [choice, setChoice] = useState(props.initial ?? "");
  return (
    <div className="start-from">
      <label htmlFor={id}>Start from</label>
      <select id={id} value={choice} onChange={(e) => setChoice(e.target.value)}>
        <option value="">A blank segment</option>
        <optgroup label="Framework segments">
          {props.list.framework.map((f) => (
            <option key={f.id} value={f.id}>
              {f.name}
            </option>
          ))}
        </optgroup>
        {props.list.custom.length > 0 && (
          <optgroup label="Custom segments">
            {props.list.custom.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </optgroup>
        )}
      </select>
      <button type="button" className="btn btn-small" onClick={() => props.onStart(choice || null)}>
        Use as starting point
      </button>
    </div>
  );
}
