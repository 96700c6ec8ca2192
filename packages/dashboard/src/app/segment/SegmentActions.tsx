/** The segment's title and what can be done with it: refine, edit, pause or resume, archive. */
import { useState } from "react";
import { api, seg, sitePath } from "../api/client.ts";
import type { SegmentView, Site } from "../api/types.ts";
import { Badge } from "../components/Bits.tsx";
import { ErrorNote } from "../components/Status.tsx";
import { paths } from "../lib/paths.ts";
import { Link, navigate } from "../router.tsx";
import { atLeast, roleFor, useSession } from "../session.tsx";

export function SegmentActions(props: { segment: SegmentView; site: Site; onChanged: () => void }) {
  const s = props.segment;
  const session = useSession();
  const canEdit = atLeast(roleFor(session, props.site), "editor");
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);

  const setStatus = async (status: "live" | "paused" | "archived") => {
    if (
      status === "archived" &&
      !window.confirm(`Archive “${s.name}”? It stops matching sessions.`)
    )
      return;
    setBusy(true);
    setError(null);
    try {
      await api(sitePath(props.site.id, `/segments/${seg(s.id)}`), {
        method: "PATCH",
        body: { status },
      });
      if (status === "archived") navigate(paths.library(props.site.id));
      else props.onChanged();
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="page-head">
      <div>
        <h1>{s.name}</h1>
        <p className="badges">
          <Badge tone={s.kind === "framework" ? "info" : "neutral"}>
            {s.kind === "framework" ? "Framework segment" : "Custom segment"}
          </Badge>
          <Badge tone={s.status === "live" ? "good" : "warn"}>{s.status}</Badge>
          <code className="muted">{s.id}</code>
        </p>
        {error && <ErrorNote error={error} />}
      </div>
      <div className="actions">
        <Link to={paths.builder(props.site.id, s.id)} className="btn">
          {s.kind === "framework" ? "Refine in the builder" : "Duplicate"}
        </Link>
        {s.kind === "custom" && canEdit && (
          <>
            <Link to={paths.edit(props.site.id, s.id)} className="btn">
              Edit
            </Link>
            <button
              type="button"
              className="btn"
              disabled={busy}
              onClick={() => void setStatus(s.status === "live" ? "paused" : "live")}
            >
              {s.status === "live" ? "Pause" : "Resume"}
            </button>
            <button
              type="button"
              className="btn btn-danger"
              disabled={busy}
              onClick={() => void setStatus("archived")}
            >
              Archive
            </button>
          </>
        )}
      </div>
    </div>
  );
}
