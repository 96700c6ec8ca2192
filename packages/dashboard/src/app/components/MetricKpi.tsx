/** A headline figure (Bits.tsx Kpi's look) whose label carries the metric's tooltip. */
import type { MetricId } from "@intently/api-contract/metrics";
import type { ReactNode } from "react";
import { Explained } from "./Tooltip.tsx";

export function MetricKpi(props: {
  metric: MetricId;
  /** The label shown, when not the metric's own. */
  label?: string;
  value: ReactNode;
  sub?: ReactNode;
  testId?: string;
}) {
  return (
    <div className="kpi" data-testid={props.testId}>
      <div className="kpi-label">
        <Explained metric={props.metric} {...(props.label ? { label: props.label } : {})} />
      </div>
      <div className="kpi-value">{props.value}</div>
      {props.sub && <div className="kpi-sub">{props.sub}</div>}
    </div>
  );
}
