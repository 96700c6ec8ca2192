/**
 * Opportunities: the framework's editorial guidance and example experiment; for a custom segment,
 * the shop's own list (CustomOpportunities), editable by editors.
 */
import type { SegmentView, Site } from "../api/types.ts";
import { Card } from "../components/Bits.tsx";
import { CustomOpportunities } from "./CustomOpportunities.tsx";

export function Opportunities(props: { segment: SegmentView; site: Site; onSaved: () => void }) {
  const s = props.segment;
  if (s.kind === "custom")
    return <CustomOpportunities segment={s} site={props.site} onSaved={props.onSaved} />;
  const e = s.content.exampleExperiment;
  return (
    <Card title="Opportunities">
      <ul className="opportunities">
        {s.content.opportunities.map((o) => (
          <li key={o}>{o}</li>
        ))}
      </ul>
      <h3 className="small-title">Example experiment</h3>
      <dl className="facts">
        <div>
          <dt>Hypothesis</dt>
          <dd>{e.hypothesis}</dd>
        </div>
        <div>
          <dt>Treatment</dt>
          <dd>{e.treatment}</dd>
        </div>
        <div>
          <dt>Primary metric</dt>
          <dd>{e.metric}</dd>
        </div>
      </dl>
    </Card>
  );
}
