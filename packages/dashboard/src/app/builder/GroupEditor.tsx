/** A group of rules joined by AND or OR, with nested groups. */
import { useId } from "react";
import { type Group, group, type Node, rule } from "../lib/condition-tree.ts";
import { RuleEditor } from "./RuleEditor.tsx";

export interface GroupEditorProps {
  group: Group;
  depth: number;
  onChange: (g: Group) => void;
  onRemove?: () => void;
  suggestions: Record<string, string[]>;
}

export function GroupEditor(p: GroupEditorProps) {
  const g = p.group;
  const joinId = useId();
  const set = (children: Node[]) => p.onChange({ ...g, children });
  const replace = (i: number, n: Node) => set(g.children.map((c, k) => (k === i ? n : c)));
  const remove = (i: number) => set(g.children.filter((_, k) => k !== i));
  const label = p.depth === 0 ? "Conditions" : `Group of conditions, level ${p.depth + 1}`;

  return (
    <fieldset className={`group group-depth-${p.depth}`}>
      <legend>{label}</legend>
      <div className="group-bar">
        <label htmlFor={joinId}>Sessions must match</label>
        <select
          id={joinId}
          value={g.join}
          onChange={(e) => p.onChange({ ...g, join: e.target.value as Group["join"] })}
        >
          <option value="and">all of these (AND)</option>
          <option value="or">any of these (OR)</option>
        </select>
        {p.onRemove && (
          <button type="button" className="btn btn-ghost btn-small" onClick={p.onRemove}>
            Remove group
          </button>
        )}
      </div>
      {g.children.length === 0 && (
        <p className="muted small">No conditions yet: every session matches.</p>
      )}
      <ol className="rules">
        {g.children.map((c, i) =>
          c.kind === "rule" ? (
            <RuleEditor
              key={c.id}
              rule={c}
              index={i}
              suggestions={p.suggestions}
              onChange={(r) => replace(i, r)}
              onRemove={() => remove(i)}
            />
          ) : (
            <li key={c.id} className="rule-group">
              <span className="join-word" aria-hidden="true">
                {i > 0 ? (g.join === "and" ? "AND" : "OR") : ""}
              </span>
              <GroupEditor
                group={c}
                depth={p.depth + 1}
                suggestions={p.suggestions}
                onChange={(n) => replace(i, n)}
                onRemove={() => remove(i)}
              />
            </li>
          ),
        )}
      </ol>
      <div className="group-add">
        <button
          type="button"
          className="btn btn-small"
          onClick={() => set([...g.children, rule()])}
        >
          Add condition
        </button>
        {p.depth < 3 && (
          <button
            type="button"
            className="btn btn-small btn-ghost"
            onClick={() => set([...g.children, group(g.join === "and" ? "or" : "and", [rule()])])}
          >
            Add group
          </button>
        )}
      </div>
    </fieldset>
  );
}
