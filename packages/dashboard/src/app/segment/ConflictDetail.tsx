/** One pair of segments: verdict, measured overlap and the remedies. */
import type { ConflictMatrix, ConflictPair } from "@intently/api-contract";
import { Card } from "../components/Bits.tsx";
import { num, pct } from "../lib/format.ts";
import { paths } from "../lib/paths.ts";
import { Link } from "../router.tsx";
import { VERDICTS } from "./verdicts.ts";

export function ConflictDetail(props: {
  pair: ConflictPair;
  matrix: ConflictMatrix;
  site: string;
  onClose: () => void;
}) {
  const p = props.pair;
  const name = (id: string) => props.matrix.segments.find((s) => s.id === id)?.name ?? id;
  const m = p.measured;
  return (
    <Card
      title={`${name(p.a)} and ${name(p.b)}`}
      actions={
        <button type="button" className="btn btn-ghost btn-small" onClick={props.onClose}>
          Close
        </button>
      }
    >
      <p>
        <strong>{VERDICTS[p.verdict]?.label ?? p.verdict}.</strong> {p.detail}
      </p>
      {p.exclusiveGroup && (
        <p className="note note-good">
          Both are in the exclusive group “{p.exclusiveGroup}”: a session gets only the higher
          priority one.
        </p>
      )}
      <dl className="facts facts-row">
        <div>
          <dt>Sessions in {name(p.a)}</dt>
          <dd>{num(m.a)}</dd>
        </div>
        <div>
          <dt>Sessions in {name(p.b)}</dt>
          <dd>{num(m.b)}</dd>
        </div>
        <div>
          <dt>In both</dt>
          <dd>
            {num(m.both)}{" "}
            <span className="muted">
              ({pct(m.shareOfA)} of the first, {pct(m.shareOfB)} of the second)
            </span>
          </dd>
        </div>
        <div>
          <dt>Matched at the same time</dt>
          <dd>{num(m.concurrent.sessions)} sessions</dd>
        </div>
      </dl>
      {p.remedies.length > 0 && (
        <>
          <h3 className="small-title">Remedies</h3>
          <ul>
            {p.remedies.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </>
      )}
      <p className="small">
        Open <Link to={paths.segment(props.site, p.a)}>{name(p.a)}</Link> or{" "}
        <Link to={paths.segment(props.site, p.b)}>{name(p.b)}</Link>.
      </p>
    </Card>
  );
}
