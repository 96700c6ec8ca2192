/** Workspace and site pickers: switching keeps the current page when the other site has it. */
import { useId } from "react";
import type { Site } from "../api/types.ts";
import { paths } from "../lib/paths.ts";
import { navigate, useLocation } from "../router.tsx";
import { useSession } from "../session.tsx";

export function SiteSwitcher({ site }: { site: Site }) {
  const { me, sites } = useSession();
  const { path } = useLocation();
  const wsId = useId();
  const siteId = useId();
  const inWorkspace = sites.filter((s) => s.workspaceId === site.workspaceId);

  const go = (next: string) => {
    const prefix = paths.overview(site.id);
    const rest = path.startsWith(prefix) ? path.slice(prefix.length) : "";
    // Keep top-level pages; a segment of one site is not a segment of another.
    const keep = /^\/(segments|builder|conflicts|live|model|settings)?$/.test(rest) ? rest : "";
    navigate(paths.overview(next) + keep);
  };

  return (
    <div className="switcher">
      <label htmlFor={wsId}>Workspace</label>
      <select
        id={wsId}
        value={site.workspaceId}
        onChange={(e) => {
          const first = sites.find((s) => s.workspaceId === e.target.value);
          if (first) go(first.id);
        }}
      >
        {me.workspaces.map((w) => (
          <option key={w.id} value={w.id} disabled={!sites.some((s) => s.workspaceId === w.id)}>
            {w.name}
          </option>
        ))}
      </select>
      <label htmlFor={siteId}>Site</label>
      <select id={siteId} value={site.id} onChange={(e) => go(e.target.value)}>
        {inWorkspace.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </select>
    </div>
  );
}
