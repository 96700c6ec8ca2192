/** Small presentational pieces: cards, KPI tiles, badges, change indicators, period picker. */
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

export const PERIODS = [7, 14, 30, 90] as const;

export function PeriodPicker(props: { days: number; onChange: (days: number) => void }) {
  const id = useId();
  return (
    <span className="inline-field">
      <label htmlFor={id}>Period</label>
      <select id={id} value={props.days} onChange={(e) => props.onChange(Number(e.target.value))}>
        {PERIODS.map((d) => (
          <option key={d} value={d}>
            Last {d} days
          </option>
        ))}
      </select>
    </span>
  );
}

const DAY = 86_400_000;

/**
 * `from`/`to` of the last `days` calendar days, today included (reports read whole UTC days, so
 * this is the same period as the library's "last 7 days"); `to` is rounded to the minute so that
 * the query stays the same between renders.
 */
export function periodQuery(days: number, now = Math.ceil(Date.now() / 60_000) * 60_000): string {
  const from = Math.floor(now / DAY) * DAY - (days - 1) * DAY;
  return `from=${from}&to=${now}`;
}
