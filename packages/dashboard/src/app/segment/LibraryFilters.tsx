/** Search, filters and sort order of the segment library. */
import { useId } from "react";
import { CATALOGUE } from "../lib/catalogue.ts";

export interface Filters {
  q: string;
  kind: "all" | "framework" | "custom";
  phase: string;
  state: string;
  sort: string;
}

export function LibraryFilters(props: {
  value: Filters;
  onChange: (f: Filters) => void;
  controls: string;
}) {
  const f = props.value;
  const set = (patch: Partial<Filters>) => props.onChange({ ...f, ...patch });
  const ids = { q: useId(), kind: useId(), phase: useId(), state: useId(), sort: useId() };
  return (
    <search className="filters" aria-label="Filter segments">
      <div className="field field-grow">
        <label htmlFor={ids.q}>Search</label>
        <input
          id={ids.q}
          type="search"
          placeholder="Name, id or description"
          value={f.q}
          aria-controls={props.controls}
          onChange={(e) => set({ q: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor={ids.kind}>Kind</label>
        <select
          id={ids.kind}
          value={f.kind}
          onChange={(e) => set({ kind: e.target.value as Filters["kind"] })}
        >
          <option value="all">All</option>
          <option value="framework">Framework</option>
          <option value="custom">Custom</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor={ids.phase}>Phase</label>
        <select id={ids.phase} value={f.phase} onChange={(e) => set({ phase: e.target.value })}>
          <option value="all">All phases</option>
          {CATALOGUE.phases.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={ids.state}>State</label>
        <select id={ids.state} value={f.state} onChange={(e) => set({ state: e.target.value })}>
          <option value="all">All states</option>
          {CATALOGUE.states.map((s) => (
            <option key={s.id} value={s.id}>
              {s.label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={ids.sort}>Sort by</label>
        <select id={ids.sort} value={f.sort} onChange={(e) => set({ sort: e.target.value })}>
          <option value="sessions">Sessions</option>
          <option value="revenue">Revenue</option>
          <option value="conversion">Conversion rate</option>
          <option value="change">7-day change</option>
          <option value="name">Name</option>
        </select>
      </div>
    </search>
  );
}
