/** The workspace's sites, and a new one (admins). */
import type { Site } from "../api/types.ts";
import { Badge, Card } from "../components/Bits.tsx";
import { paths } from "../lib/paths.ts";
import { Link } from "../router.tsx";
import { useSession } from "../session.tsx";
import { NewSiteForm } from "./NewSiteForm.tsx";

export function SitesSection({ site, canEdit }: { site: Site; canEdit: boolean }) {
  const { sites, me } = useSession();
  const mine = sites.filter((s) => s.workspaceId === site.workspaceId);
  const workspace = me.workspaces.filter((w) => w.id === site.workspaceId);
  return (
    <Card title="Sites in this workspace">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Site</th>
            <th scope="col">Id</th>
            <th scope="col">Public key</th>
            <th scope="col">Tag</th>
          </tr>
        </thead>
        <tbody>
          {mine.map((s) => (
            <tr key={s.id}>
              <td>
                <Link
                  to={paths.settings(s.id)}
                  aria-current={s.id === site.id ? "page" : undefined}
                >
                  {s.name}
                </Link>
              </td>
              <td>
                <code>{s.id}</code>
              </td>
              <td>
                <code>{s.publicKey}</code>
              </td>
              <td>
                {s.tag.seenInLastHour ? (
                  <Badge tone="good">seen</Badge>
                ) : (
                  <Badge tone="warn">quiet</Badge>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {canEdit && <NewSiteForm workspaces={workspace} />}
    </Card>
  );
}
