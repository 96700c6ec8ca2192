/**
 * The period control of every report page (overview, segment library, segment report,
 * conflicts): a preset or a custom range of the site's local dates, and what to compare with.
 * Under it, the period the server actually used, in the site's time zone, and its comparison.
 */
import { useId } from "react";
import {
  COMPARE_OPTIONS,
  type Compare,
  type PeriodChoice,
  type PeriodInfo,
  RANGE_OPTIONS,
  type Range,
} from "../lib/period.ts";

const isoToday = () => new Date().toISOString().slice(0, 10);
const isoDaysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

export function PeriodControl(props: {
  value: PeriodChoice;
  onChange: (c: PeriodChoice) => void;
  /** The period the last report used (its dates seed a custom range). */
  info?: PeriodInfo | undefined;
  /** Hide "compare to" where nothing is compared. */
  compare?: boolean;
}) {
  const id = useId();
  const c = props.value;
  const setRange = (range: Range | "custom") => {
    if (range !== "custom") return props.onChange({ range, compare: c.compare });
    const p = props.info?.period;
    props.onChange({
      range,
      from: p?.firstDate ?? isoDaysAgo(7),
      to: p?.lastDate ?? isoDaysAgo(1),
      compare: c.compare,
    });
  };
  const setDate = (which: "from" | "to", v: string) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return;
    const next = { ...c, [which]: v };
    // Keep from ≤ to: moving one end past the other moves both.
    if (next.from && next.to && next.from > next.to) next[which === "from" ? "to" : "from"] = v;
    props.onChange(next);
  };
  return (
    <fieldset className="period-control">
      <legend className="sr-only">Report period</legend>
      <span className="inline-field">
        <label htmlFor={`${id}-range`}>Period</label>
        <select
          id={`${id}-range`}
          data-testid="period-range"
          value={c.range}
          onChange={(e) => setRange(e.target.value as Range | "custom")}
        >
          {Object.entries(RANGE_OPTIONS).map(([k, label]) => (
            <option key={k} value={k}>
              {label}
            </option>
          ))}
          <option value="custom">Custom range…</option>
        </select>
      </span>
      {c.range === "custom" && (
        <>
          <span className="inline-field">
            <label htmlFor={`${id}-from`}>From</label>
            <input
              id={`${id}-from`}
              data-testid="period-from"
              type="date"
              value={c.from ?? ""}
              max={isoToday()}
              onChange={(e) => setDate("from", e.target.value)}
            />
          </span>
          <span className="inline-field">
            <label htmlFor={`${id}-to`}>To</label>
            <input
              id={`${id}-to`}
              data-testid="period-to"
              type="date"
              value={c.to ?? ""}
              onChange={(e) => setDate("to", e.target.value)}
            />
          </span>
        </>
      )}
      {props.compare !== false && (
        <span className="inline-field">
          <label htmlFor={`${id}-compare`}>Compare to</label>
          <select
            id={`${id}-compare`}
            data-testid="period-compare"
            value={c.compare}
            onChange={(e) => props.onChange({ ...c, compare: e.target.value as Compare })}
          >
            {Object.entries(COMPARE_OPTIONS).map(([k, label]) => (
              <option key={k} value={k}>
                {label}
              </option>
            ))}
          </select>
        </span>
      )}
    </fieldset>
  );
}

const fmtDate = (iso: string, year: boolean) =>
  new Date(`${iso}T12:00:00Z`).toLocaleDateString("en-GB", {
    day: "numeric",
    month: "short",
    ...(year ? { year: "numeric" } : {}),
    timeZone: "UTC",
  });

/** "1 Nov – 7 Nov 2026" (local dates of the site). */
export function dateSpan(p: { firstDate: string; lastDate: string }): string {
  if (p.firstDate === p.lastDate) return fmtDate(p.firstDate, true);
  return `${fmtDate(p.firstDate, p.firstDate.slice(0, 4) !== p.lastDate.slice(0, 4))} – ${fmtDate(p.lastDate, true)}`;
}

/** What the figures cover: the period used, its comparison, and today's incompleteness. */
export function PeriodNote({ info }: { info: PeriodInfo | undefined }) {
  if (!info) return null;
  const { period: p, comparison: c } = info;
  const partialBase = c !== null && c.base !== undefined && c.base.days !== p.days;
  return (
    <p className="period-note muted small" data-testid="period-note">
      <strong>{p.label}</strong>
      {p.range !== "custom" && <> · {dateSpan(p)}</>} · days in {p.timeZone}
      {c && (
        <>
          {" "}
          · compared with {c.against.label.toLowerCase()} ({dateSpan(c.against)})
          {partialBase && <> on complete days only ({dateSpan(c.base)})</>}
        </>
      )}
      {p.partial && (
        <>
          {" "}
          · <span className="incomplete-tag">Today is incomplete</span>: sessions are counted once
          they end, so it fills in through the day
        </>
      )}
      {!c && p.partial && p.days === 1 && <> (nothing complete to compare yet)</>}
    </p>
  );
}
