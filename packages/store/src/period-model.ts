/**
 * The one period model of every report: whole local days of the site's time zone.
 *
 * - Presets count complete days: "last7" is the 7 local days before today (today excluded,
 *   since a session is counted once it ends); "today" is the one partial preset.
 * - A custom range is inclusive local dates; a range reaching today (or later) is partial:
 *   its data stops at `now`.
 * - A comparison is like for like: the same number of days (the previous period, or the same
 *   dates a year earlier), and when the period is partial the comparison covers the same
 *   number of complete days plus the same elapsed time of the partial day, so a partial period
 *   is never set against a full one.
 */
import { dayOfIso, isoDay, type ZoneDays, zoneDays } from "./local-days.ts";

/** The preset ranges with their labels: one list, so a range cannot lack a label. */
export const RANGE_LABELS = {
  today: "Today",
  yesterday: "Yesterday",
  last7: "Last 7 days",
  last28: "Last 28 days",
  last90: "Last 90 days",
  last365: "Last 365 days",
} as const satisfies Record<string, string>;
export type Range = keyof typeof RANGE_LABELS;
export const RANGES = Object.keys(RANGE_LABELS) as readonly Range[];

export const COMPARES = ["previous", "year", "none"] as const;
export type Compare = (typeof COMPARES)[number];

/** Longest period, in days. */
export const MAX_PERIOD_DAYS = 400;

export interface ResolvedPeriod {
  /** Start and end (exclusive) of the whole local days, epoch ms. */
  from: number;
  to: number;
  /** First and last local date (inclusive), YYYY-MM-DD. */
  firstDate: string;
  lastDate: string;
  days: number;
  /** The period reaches past `now`: its figures stop at `through`. */
  partial: boolean;
  /** min(to, now): the end of the data the figures can hold. */
  through: number;
  timeZone: string;
  /** "Last 7 days", "Today", or the dates. */
  label: string;
  range: Range | "custom";
}

export interface PeriodRequest {
  range?: Range;
  /** Local day numbers: first day and end day (exclusive). */
  fromDay?: number;
  toDay?: number;
}

function describe(z: ZoneDays, d0: number, d1: number, now: number) {
  const from = z.start(d0);
  const to = z.start(d1);
  return {
    from,
    to,
    firstDate: isoDay(d0),
    lastDate: isoDay(d1 - 1),
    days: d1 - d0,
    partial: to > now,
    through: Math.min(to, now),
    timeZone: z.zone,
  };
}

/** The period asked for at `now` in `zone`: a preset (default last7) or local days. */
export function resolvePeriod(zone: string, now: number, req: PeriodRequest = {}): ResolvedPeriod {
  const z = zoneDays(zone);
  const today = z.dayOf(now);
  if (req.fromDay !== undefined || req.toDay !== undefined) {
    const d1 = req.toDay ?? today + 1;
    const d0 = req.fromDay ?? d1 - 7;
    if (!(d0 < d1)) throw new RangeError("the period must end after it starts");
    if (d1 - d0 > MAX_PERIOD_DAYS)
      throw new RangeError(`the period is longer than ${MAX_PERIOD_DAYS} days`);
    const label = d1 - d0 === 1 ? isoDay(d0) : `${isoDay(d0)} – ${isoDay(d1 - 1)}`;
    return { ...describe(z, d0, d1, now), label, range: "custom" };
  }
  const range = req.range ?? "last7";
  const [d0, d1] =
    range === "today"
      ? [today, today + 1]
      : range === "yesterday"
        ? [today - 1, today]
        : [today - Number(range.slice(4)), today];
  return { ...describe(z, d0, d1, now), label: RANGE_LABELS[range], range };
}

/** The same date a year earlier (29 February → 28 February). */
export function yearBefore(day: number): number {
  const iso = isoDay(day);
  const y = Number(iso.slice(0, 4)) - 1;
  const md = iso.slice(5) === "02-29" ? "02-28" : iso.slice(5);
  return dayOfIso(`${String(y).padStart(4, "0")}-${md}`) as number;
}

export interface PeriodComparison {
  /** The part of the period compared: all of it, or its complete days when it is partial. */
  base: ResolvedPeriod;
  /** The period it is compared with: as many days, complete too. */
  against: ResolvedPeriod;
  compare: Exclude<Compare, "none">;
}

/**
 * The comparison of `p` (see above), or null for "none" and for a partial period without a
 * complete day yet (today): a partial day is never compared, on either side.
 */
export function comparisonOf(
  p: ResolvedPeriod,
  compare: Compare,
  now: number,
): PeriodComparison | null {
  if (compare === "none") return null;
  const z = zoneDays(p.timeZone);
  const d0 = z.dayOf(p.from);
  const done = p.partial ? Math.min(p.days, Math.max(0, z.dayOf(now) - d0)) : p.days;
  if (done === 0) return null;
  const c0 = compare === "previous" ? d0 - done : yearBefore(d0);
  const base =
    done === p.days
      ? p
      : {
          ...describe(z, d0, d0 + done, now),
          label: `${p.label}, complete days`,
          range: "custom" as const,
        };
  const against = {
    ...describe(z, c0, c0 + done, now),
    label: compare === "previous" ? "Previous period" : "Same period last year",
    range: "custom" as const,
  };
  return { base, against, compare };
}
