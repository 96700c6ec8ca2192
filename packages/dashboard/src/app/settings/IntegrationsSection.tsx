/** The site's post-session integrations (read-only here; configured with the CLI). */
import { seg } from "../api/client.ts";
import type { IntegrationView } from "../api/types.ts";
import { Badge, Card } from "../components/Bits.tsx";
import { Async } from "../components/Status.tsx";
import { dateTime } from "../lib/format.ts";
import { useApi } from "../lib/use-api.ts";

const KINDS: Record<string, string> = {
  webhook: "Signed webhook",
  klaviyo: "Klaviyo",
  ga4: "Google Analytics 4",
  export: "Scheduled export",
};

export function IntegrationsSection({ site }: { site: string }) {
  const list = useApi<IntegrationView[]>(`/dashboard/api/sites/${seg(site)}/integrations`);
  return (
    <Card title="Integrations">
      <p className="muted small">
        Ended sessions’ summaries are delivered to these. Add and test integrations with{" "}
        <code>intently integrations</code>; their credentials are stored encrypted and never shown.
      </p>
      <Async state={list}>
        {(items) =>
          items.length === 0 ? (
            <p className="muted">No integrations yet.</p>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Status</th>
                  <th scope="col">Updated</th>
                </tr>
              </thead>
              <tbody>
                {items.map((i) => (
                  <tr key={i.id}>
                    <td>{i.name}</td>
                    <td>{KINDS[i.kind] ?? i.kind}</td>
                    <td>
                      {i.enabled ? <Badge tone="good">enabled</Badge> : <Badge>disabled</Badge>}
                    </td>
                    <td>{dateTime(i.updatedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Async>
    </Card>
  );
}
