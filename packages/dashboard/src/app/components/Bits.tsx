/** Small presentational pieces: cards, KPI tiles, badges, change indicators. */
import { type ReactNode, useId } from "react";

export function Card(props: {
  title?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
  id?: string;
}) {
  const titleId = useId();
  return (
    <section
      className={`card ${props.className ?? ""}`}
      aria-labelledby={props.title ? titleId : undefined}
      id={props.id}
    >
      {(props.title || props.actions) && (
        <div className="card-head">
          {props.title && <h2 id={titleId}>{props.title}</h2>}
          {props.actions && <div className="card-actions">{props.actions}</div>}
        </div>
      )}
      {props.children}
    </section>
  );
}

export function Kpi(props: { label: string; value: ReactNode; sub?: ReactNode; testId?: string }) {
  return (
    <div className="kpi" data-testid={props.testId}>
      <div className="kpi-label">{props.label}</div>
      <div className="kpi-value">{props.value}</div>
      {props.sub && <div className="kpi-sub">{props.sub}</div>}
    </div>
  );
}

export function Badge(props: {
  children: ReactNode;
  tone?: "neutral" | "good" | "warn" | "bad" | "info";
}) {
  return <span className={`badge badge-${props.tone ?? "neutral"}`}>{props.children}</span>;
}

/** A change with its direction in words and colour (not colour alone). */
export function Change(props: { value: number | null; text: string; invert?: boolean }) {
  const v = props.value;
  if (v === null || !Number.isFinite(v) || Math.abs(v) < 1e-9)
    return <span className="change change-flat">{props.text}</span>;
  const up = v > 0;
  const good = props.invert ? !up : up;
  return (
    <span className={`change ${good ? "change-good" : "change-bad"}`}>
      <span aria-hidden="true">{up ? "▲" : "▼"}</span>
      <span className="sr-only">{up ? "up" : "down"}</span> {props.text}
    </span>
  );
}
