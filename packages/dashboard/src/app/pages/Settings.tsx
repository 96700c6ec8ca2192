/** Settings: sites, tag snippet and install check, origins, retention, users and roles, integrations. */
import { sitePath } from "../api/client.ts";
import type { Site } from "../api/types.ts";
import { Async } from "../components/Status.tsx";
import { useApi, useTitle } from "../lib/use-api.ts";
import { atLeast, roleFor, useSession } from "../session.tsx";
import { IntegrationsSection } from "../settings/integrations/IntegrationsSection.tsx";
import { MembersSection } from "../settings/MembersSection.tsx";
import { SiteSection } from "../settings/SiteSection.tsx";
import { SitesSection } from "../settings/SitesSection.tsx";
import { TagSection } from "../settings/TagSection.tsx";
import { TokensSection } from "../settings/TokensSection.tsx";

export function Settings({ site }: { site: Site }) {
  useTitle(`Settings — ${site.name}`);
  const session = useSession();
  const role = roleFor(session, site);
  const admin = atLeast(role, "admin");
  // Integrations follow the API's roles: editors manage them, as they manage segments.
  const editor = atLeast(role, "editor");
  const fresh = useApi<Site>(sitePath(site.id));
  const onSaved = () => {
    fresh.reload();
    void session.reloadSites();
  };
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
      <IntegrationsSection site={site.id} canEdit={editor} />
      <SitesSection site={site} canEdit={admin} />
      {admin ? (
        <>
          <MembersSection workspace={site.workspaceId} me={session.me.user.id} />
          <TokensSection workspace={site.workspaceId} />
        </>
      ) : (
        <p className="muted">Users, roles and API tokens are managed by the workspace’s admins.</p>
      )}
    </div>
  );
}
