/** One pair of segments: what the verdict means, the measured overlap and what to do, in words. */
import type { ConflictMatrix, ConflictPair, SegmentList } from "@intently/api-contract";
import { sitePath } from "../api/client.ts";
import { Card } from "../components/Bits.tsx";
import { num, pct } from "../lib/format.ts";
import { namer } from "../lib/namer.ts";
import { paths } from "../lib/paths.ts";
import { sentence } from "../lib/sentence.ts";
import { useApi } from "../lib/use-api.ts";
import { Link } from "../router.tsx";
import { type PairSide, pairRemedies, pairSummary } from "./pair-words.ts";
import { VERDICTS } from "./verdicts.ts";

export function ConflictDetail(props: {
  pair: ConflictPair;
  matrix: ConflictMatrix;
  site: string;
  currency: string;
  onClose: () => void;
}) {
  const p = props.pair;
  // The custom segments' conditions, to say what an exclusion would add.
  const list = useApi<SegmentList>(sitePath(props.site, "/segments"));
  const side = (id: string): PairSide => {
    const s = props.matrix.segments.find((x) => x.id === id);
    const condition = list.data?.custom.find((c) => c.id === id)?.condition;
    const clause =
      condition === undefined
        ? undefined
        : sentence(condition, namer(props.currency))
            .replace(/^Sessions where /, "")
            .replace(/\.$/, "");
    return { id, name: s?.name ?? id, kind: s?.kind ?? "custom", clause };
  };
  const a = side(p.a);
  const b = side(p.b);
  const m = p.measured;
  const remedies = pairRemedies(p, a, b);
  const editable = [a, b].filter((s) => s.kind === "custom");
  return (
    <Card
      title={`${a.name} and ${b.name}`}
      actions={
        <button type="button" className="btn btn-ghost btn-small" onClick={props.onClose}>
          Close
        </button>
      }
    >
      <p data-testid="pair-summary">
        <strong>{VERDICTS[p.verdict]?.label ?? p.verdict}.</strong> {pairSummary(p, a, b)}
      </p>
      {p.exclusiveGroup && (
        <p className="note note-good">
          Both are in the exclusive group “{p.exclusiveGroup}”: a session gets only the higher
          priority one.
        </p>
      )}
      <dl className="facts facts-row">
        <div>
          <dt>Sessions in {a.name}</dt>
          <dd>{num(m.a)}</dd>
        </div>
        <div>
          <dt>Sessions in {b.name}</dt>
          <dd>{num(m.b)}</dd>
        </div>
        <div>
          <dt>In both</dt>
          <dd>
            {num(m.both)}{" "}
            <span className="muted">
              ({pct(m.shareOfA)} of {a.name}, {pct(m.shareOfB)} of {b.name})
            </span>
          </dd>
        </div>
        <div>
          <dt>Matched at the same time</dt>
          <dd>{num(m.concurrent.sessions)} sessions</dd>
        </div>
      </dl>
      {remedies.length > 0 && (
        <>
          <h3 className="small-title">What to do</h3>
          <ul data-testid="pair-remedies">
            {remedies.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </>
      )}
      <p className="small">
        Open <Link to={paths.segment(props.site, a.id)}>{a.name}</Link> or{" "}
        <Link to={paths.segment(props.site, b.id)}>{b.name}</Link>
        {editable.length > 0 && (
          <>
            {" "}
            · edit{" "}
            {editable.map((s, i) => (
              <span key={s.id}>
                {i > 0 && " or "}
                <Link to={paths.edit(props.site, s.id)}>{s.name}</Link>
              </span>
            ))}
          </>
        )}
        .
      </p>
      <details className="small">
        <summary>Technical detail</summary>
        <p>
          The condition analysis (A is “{a.name}”, B is “{b.name}”): <code>{p.detail}</code>
        </p>
        {p.remedies.length > 0 && (
          <ul>
            {p.remedies.map((r) => (
              <li key={r.kind}>
                <code className="break">{JSON.stringify(r)}</code>
              </li>
            ))}
          </ul>
        )}
      </details>
    </Card>
  );
}
