/** The tag snippet to paste into every page, with the install check. */
import type { Site } from "../api/types.ts";
import { Badge, Card } from "../components/Bits.tsx";
import { CodeBlock, CopyButton } from "../components/Copy.tsx";
import { ago, dateTime } from "../lib/format.ts";

export function TagSection({ site, onCheck }: { site: Site; onCheck: () => void }) {
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
