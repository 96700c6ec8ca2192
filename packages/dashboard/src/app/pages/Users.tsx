/**
 * Users and roles of the site's workspace (issue 20, item 13: out of Settings, a page of its
 * own): invitations, roles, removal. Only admins manage them (the API's rule).
 */
import type { Site } from "../api/types.ts";
import { useTitle } from "../lib/use-api.ts";
import { atLeast, roleFor, useSession } from "../session.tsx";
import { MembersSection } from "../settings/MembersSection.tsx";

export function Users({ site }: { site: Site }) {
  useTitle(`Users — ${site.name}`);
  const session = useSession();
  const role = roleFor(session, site);
  return (
    <div className="page">
      <div className="page-head">
        <div>
          <h1>Users</h1>
          <p className="muted">
            Everyone in this site’s workspace · your role: <strong>{role}</strong>
          </p>
        </div>
      </div>
      {atLeast(role, "admin") ? (
        <MembersSection workspace={site.workspaceId} me={session.me.user.id} />
      ) : (
        <p className="muted">Users and roles are managed by the workspace’s admins.</p>
      )}
    </div>
  );
}
