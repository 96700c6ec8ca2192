/** Name, id, notes, matching method, priority and exclusive group of the segment being built. */
import { useId } from "react";
import type { MatchMethod } from "../api/types.ts";

export interface Meta {
  id: string;
  /** The id follows the name until edited by hand. */
  idTouched: boolean;
  name: string;
  description: string;
  method: MatchMethod;
  priority: number;
  exclusiveGroup: string;
}

export const slug = (name: string): string =>
  name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");

export function BuilderMeta(props: {
  meta: Meta;
  onChange: (m: Meta) => void;
  editing: boolean;
  errors: Record<string, string>;
}) {
  const m = props.meta;
  const set = (patch: Partial<Meta>) => props.onChange({ ...m, ...patch });
  const ids = {
    name: useId(),
    id: useId(),
    desc: useId(),
    method: useId(),
    prio: useId(),
    group: useId(),
  };
  const err = (k: string) =>
    props.errors[k] ? (
      <span className="field-error" id={`${ids.name}-${k}-err`}>
        {props.errors[k]}
      </span>
    ) : null;
  const described = (k: string) => (props.errors[k] ? `${ids.name}-${k}-err` : undefined);
  return (
    <div className="meta-grid">
      <div className="field field-name">
        <label htmlFor={ids.name}>Name</label>
        <input
          id={ids.name}
          value={m.name}
          maxLength={120}
          required
          aria-invalid={props.errors.name ? true : undefined}
          aria-describedby={described("name")}
          onChange={(e) =>
            set({
              name: e.target.value,
              ...(m.idTouched || props.editing ? {} : { id: slug(e.target.value) }),
            })
          }
        />
        {err("name")}
      </div>
      <div className="field">
        <label htmlFor={ids.id}>Id (used by matching scripts)</label>
        <input
          id={ids.id}
          value={m.id}
          readOnly={props.editing}
          maxLength={63}
          aria-invalid={props.errors.id ? true : undefined}
          aria-describedby={described("id")}
          onChange={(e) => set({ id: e.target.value.toLowerCase(), idTouched: true })}
        />
        {err("id")}
      </div>
      <div className="field field-wide">
        <label htmlFor={ids.desc}>Description (optional)</label>
        <textarea
          id={ids.desc}
          rows={2}
          maxLength={2000}
          value={m.description}
          onChange={(e) => set({ description: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor={ids.method}>Matching</label>
        <select
          id={ids.method}
          aria-describedby={`${ids.method}-hint`}
          value={m.method}
          onChange={(e) => set({ method: e.target.value as MatchMethod })}
        >
          <option value="in-flight">While the condition holds</option>
          <option value="persisted">For the rest of the session, once matched</option>
        </select>
        <span className="hint" id={`${ids.method}-hint`}>
          {m.method === "persisted"
            ? "The session stays in the segment even when the condition stops holding."
            : "The session leaves the segment as soon as the condition stops holding."}
        </span>
      </div>
      <div className="field">
        <label htmlFor={ids.prio}>Priority (higher wins in a group)</label>
        <input
          id={ids.prio}
          type="number"
          step={1}
          value={m.priority}
          onChange={(e) => set({ priority: Math.trunc(Number(e.target.value) || 0) })}
        />
      </div>
      <div className="field">
        <label htmlFor={ids.group}>Exclusive group (optional)</label>
        <input
          id={ids.group}
          value={m.exclusiveGroup}
          placeholder="e.g. checkout-offers"
          aria-invalid={props.errors.exclusiveGroup ? true : undefined}
          aria-describedby={described("exclusiveGroup")}
          onChange={(e) => set({ exclusiveGroup: e.target.value.toLowerCase() })}
        />
        {err("exclusiveGroup")}
      </div>
    </div>
  );
}
