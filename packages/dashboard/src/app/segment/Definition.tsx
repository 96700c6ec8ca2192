/** What the segment means: its condition as a sentence, how it matches, and the raw JSON. */
import type { SegmentView } from "../api/types.ts";
import { Card } from "../components/Bits.tsx";
import { CodeBlock } from "../components/Copy.tsx";
import { dateTime } from "../lib/format.ts";
import { namer } from "../lib/namer.ts";
import { sentence } from "../lib/sentence.ts";

export function Definition({ segment: s, currency }: { segment: SegmentView; currency: string }) {
  return (
    <Card title="Definition">
      {s.kind === "framework" && <p className="lead">{s.content.meaning}</p>}
      {s.kind === "custom" && s.description && <p className="lead">{s.description}</p>}
      <p className="sentence" data-testid="segment-sentence">
        {sentence(s.condition, namer(currency))}
      </p>
      {s.kind === "custom" ? (
        <dl className="facts">
          <div>
            <dt>Matching</dt>
            <dd>
              {s.method === "persisted"
                ? "For the rest of the session, once matched"
                : "While the condition holds"}
            </dd>
          </div>
          <div>
            <dt>Priority</dt>
            <dd>{s.priority}</dd>
          </div>
          <div>
            <dt>Exclusive group</dt>
            <dd>{s.exclusiveGroup ?? "None"}</dd>
          </div>
          <div>
            <dt>Version</dt>
            <dd>
              {s.version}, by {s.author}, {dateTime(s.updatedAt)}
            </dd>
          </div>
        </dl>
      ) : (
        <p className="muted small">Objective: {s.content.objective}</p>
      )}
      <details>
        <summary>Condition as JSON</summary>
        <CodeBlock code={JSON.stringify(s.condition, null, 2)} label="Condition JSON" />
      </details>
    </Card>
  );
}
