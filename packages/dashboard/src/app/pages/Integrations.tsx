/**
 * Integrations (issue 20, item 13: out of Settings, a page of their own): where each ended
 * session's summary goes — webhooks, Klaviyo, GA4, exports — with delivery metrics and dead
 * letters. Editors and admins manage them, as they manage segments (the API's roles).
 */
import type { Site } from "../api/types.ts";
import { useTitle } from "../lib/use-api.ts";
import { atLeast, roleFor, useSession } from "../session.tsx";
import { IntegrationsSection } from "../settings/integrations/IntegrationsSection.tsx";

export function Integrations({ site }: { site: Site }) {
  useTitle(`Integrations — ${site.name}`);
  const role = roleFor(useSession(), site);
  return (
    <div className="page">
      <div className="page-head">
        <div>
          <h1>Integrations</h1>
          <p className="muted">
            {site.name} · your role: <strong>{role}</strong>
          </p>
        </div>
      </div>
      <IntegrationsSection site={site.id} canEdit={atLeast(role, "editor")} />
    </div>
  );
}
