/**
 * The tag snippet to paste into every page, with the install check: a checklist until the site
 * is set up, and the origins whose events were refused with a one-click "allow".
 */
import { useState } from "react";
import { api, sitePath } from "../api/client.ts";
import type { Site } from "../api/types.ts";
import { Badge, Card } from "../components/Bits.tsx";
import { CodeBlock, CopyButton } from "../components/Copy.tsx";
import { ago, dateTime } from "../lib/format.ts";
import { InstallChecklist, installSteps } from "./InstallChecklist.tsx";

export function TagSection({
  site,
  onCheck,
  canEdit = false,
}: {
  site: Site;
  onCheck: () => void;
  canEdit?: boolean;
}) {
  const steps = installSteps(site);
  return (
    <Card
      title="Tag"
      actions={
        <button type="button" className="btn btn-small" onClick={onCheck}>
          Check again
        </button>
      }
    >
      <p className="install-status" data-testid="tag-status">
        {site.tag.seenInLastHour ? (
          <Badge tone="good">Tag seen in the last hour</Badge>
        ) : (
          <Badge tone="warn">No events in the last hour</Badge>
        )}{" "}
        <span className="muted">
          Last event:{" "}
          {site.tag.lastEventAt
            ? `${ago(site.tag.lastEventAt)} (${dateTime(site.tag.lastEventAt)})`
            : "never"}
        </span>
      </p>
      <RefusedOrigins site={site} canEdit={canEdit} onAllowed={onCheck} />
      {steps.some((s) => !s.done) && <InstallChecklist steps={steps} />}
      <p>
        Paste this into the <code>&lt;head&gt;</code> of every page of your shop. Site key{" "}
        <code>{site.publicKey}</code>.
      </p>
      <div className="script-bar">
        <CopyButton text={site.snippet} label="Copy the tag snippet" />
      </div>
      <CodeBlock code={site.snippet} label="Tag snippet" />
    </Card>
  );
}

/** Origins the collector refused: the shop's events from them are not counted until allowed. */
function RefusedOrigins(props: { site: Site; canEdit: boolean; onAllowed: () => void }) {
  const { site } = props;
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const refused = site.tag.refusedOrigins;
  if (refused.length === 0) return null;
  const allow = async (origin: string) => {
    setError(null);
    setBusy(origin);
    try {
      await api(sitePath(site.id), {
        method: "PATCH",
        body: { allowedOrigins: [...site.allowedOrigins, origin] },
      });
      props.onAllowed();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(null);
    }
  };
  return (
    <div className="refused-origins" data-testid="refused-origins">
      <p>
        <Badge tone="bad">Events refused</Badge> The tag ran on these addresses, but the site does
        not allow them, so their events are not counted:
      </p>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Origin</th>
            <th scope="col">Refused requests</th>
            <th scope="col">Last refused</th>
            {props.canEdit && <th scope="col">Action</th>}
          </tr>
        </thead>
        <tbody>
          {refused.map((r) => (
            <tr key={r.origin}>
              <td>
                <code>{r.origin}</code>
              </td>
              <td>{r.count.toLocaleString("en-GB")}</td>
              <td>{ago(r.lastAt)}</td>
              {props.canEdit && (
                <td>
                  <button
                    type="button"
                    className="btn btn-small"
                    disabled={busy !== null}
                    aria-label={`Allow ${r.origin}`}
                    onClick={() => void allow(r.origin)}
                  >
                    Allow this origin
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {!props.canEdit && (
        <p className="muted">
          An admin of the site can allow them under Allowed origins in the Site card.
        </p>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
