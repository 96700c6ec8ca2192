/** The condition of the segment being built: the visual builder or its raw JSON. */
import type { Group } from "../lib/condition-tree.ts";
import { GroupEditor } from "./GroupEditor.tsx";
import { JsonView } from "./JsonView.tsx";

export function ConditionSection(props: {
  tree: Group;
  onTree: (g: Group) => void;
  /** A condition the visual builder cannot show (edited as JSON only), or null. */
  raw: unknown;
  view: "visual" | "json";
  onView: (v: "visual" | "json") => void;
  condition: unknown;
  onApplyJson: (c: unknown) => string | null;
  suggestions: Record<string, string[]>;
}) {
  const visual = props.view === "visual" && props.raw === null;
  return (
    <section className="card" aria-labelledby="segment-condition">
      <div className="card-head">
        <h2 id="segment-condition">Condition</h2>
        <fieldset className="toggle">
          <legend className="sr-only">Condition view</legend>
          <button
            type="button"
            className="btn btn-small"
            aria-pressed={props.view === "visual"}
            disabled={props.raw !== null}
            onClick={() => props.onView("visual")}
          >
            Visual
          </button>
          <button
            type="button"
            className="btn btn-small"
            aria-pressed={props.view === "json"}
            onClick={() => props.onView("json")}
          >
            JSON
          </button>
        </fieldset>
      </div>
      {props.raw !== null && (
        <p className="note note-info">
          This condition uses operators the visual builder cannot show; edit it as JSON.
        </p>
      )}
      {visual ? (
        <GroupEditor
          group={props.tree}
          depth={0}
          onChange={props.onTree}
          suggestions={props.suggestions}
        />
      ) : (
        <JsonView condition={props.condition} onApply={props.onApplyJson} />
      )}
    </section>
  );
}
