/**
 * Settings: the tag snippet and install check, the site (name, origins, time zone, retention),
 * sites and API tokens. Integrations and users have pages of their own (issue 20, item 13); an
 * old link to them here (`#integrations`, `#users`) is sent there.
 */
import { sitePath } from "../api/client.ts";
import type { Site } from "../api/types.ts";
import { Async } from "../components/Status.tsx";
import { paths } from "../lib/paths.ts";
import { useApi, useTitle } from "../lib/use-api.ts";
import { Link, Redirect } from "../router.tsx";
import { atLeast, roleFor, useSession } from "../session.tsx";
import { SiteSection } from "../settings/SiteSection.tsx";
import { SitesSection } from "../settings/SitesSection.tsx";
import { TagSection } from "../settings/TagSection.tsx";
import { TokensSection } from "../settings/TokensSection.tsx";

/** Sections that moved to their own page, by the anchor an old link may carry. */
const MOVED: Record<string, (site: string) => string> = {
  "#integrations": paths.integrations,
  "#users": paths.users,
  "#members": paths.users,
};

export function Settings({ site }: { site: Site }) {
  useTitle(`Settings — ${site.name}`);
  const session = useSession();
  const role = roleFor(session, site);
  const admin = atLeast(role, "admin");
  const fresh = useApi<Site>(sitePath(site.id));
  const onSaved = () => {
    fresh.reload();
    void session.reloadSites();
  };
  const moved = MOVED[window.location.hash];
  if (moved) return <Redirect to={moved(site.id)} />;
  return (
    <div className="page">
      <div className="page-head">
        <div>
          <h1>Settings</h1>
          <p className="muted">
            {site.name} · your role: <strong>{role}</strong>
            {!admin && " (only admins can change the site's settings)"}
          </p>
        </div>
      </div>
      <Async state={fresh} label="Loading the site">
        {(s) => (
          <>
            <TagSection site={s} onCheck={fresh.reload} canEdit={admin} />
            {/* Keyed by the origins: an origin allowed from the Tag card shows in the form. */}
            <SiteSection
              key={s.allowedOrigins.join(" ")}
              site={s}
              canEdit={admin}
              onSaved={onSaved}
            />
          </>
        )}
      </Async>
      <SitesSection site={site} canEdit={admin} />
      {admin ? (
        <TokensSection workspace={site.workspaceId} />
      ) : (
        <p className="muted">API tokens are managed by the workspace’s admins.</p>
      )}
      <p className="muted small">
        <Link to={paths.integrations(site.id)}>Integrations</Link> and{" "}
        <Link to={paths.users(site.id)}>users and roles</Link> have pages of their own.
      </p>
    </div>
  );
}
