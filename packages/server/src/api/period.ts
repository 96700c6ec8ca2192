/**
 * Report periods from query parameters, in the site's time zone (store period-model.ts):
 * - `range`: a preset of complete local days (`last7`, the default, is the 7 days before today;
 *   `today` is the one partial preset);
 * - or `from` / `to`: a date (`2024-03-01`, the site's local date; `to` exclusive), an ISO
 *   date-time or epoch ms (widened to whole local days). `from` must be before `to` and the
 *   span at most 400 days;
 * - `compare`: `previous` (the as many days before), `year` (the same dates a year earlier) or
 *   `none`; like for like: a partial period is compared by its complete days only.
 */
import { Type } from "@fastify/type-provider-typebox";
import {
  COMPARES,
  type Compare,
  comparisonOf,
  dayOfIso,
  MAX_PERIOD_DAYS,
  type PeriodComparison,
  RANGES,
  type Range,
  type ResolvedPeriod,
  resolvePeriod,
  type Site,
  zoneDays,
} from "@intently/store";
import { badRequest } from "./errors.ts";

export { MAX_PERIOD_DAYS };

const Time = (what: string) =>
  Type.String({
    maxLength: 40,
    pattern: "^(\\d{4}-\\d{2}-\\d{2}([Tt ][0-9:.]+([Zz]|[+-]\\d{2}:?\\d{2})?)?|\\d{1,15})$",
    description: `${what}: YYYY-MM-DD (the site's local date), an ISO date-time or epoch ms`,
  });

export const PeriodQuery = {
  range: Type.Optional(
    Type.Union(
      RANGES.map((r) => Type.Literal(r)),
      { description: "a preset of complete local days (default last7); ignored with from/to" },
    ),
  ),
  from: Type.Optional(Time("start (inclusive; default: 7 days before `to`)")),
  to: Type.Optional(Time("end (exclusive; default: the end of today)")),
};

export const CompareQuery = {
  compare: Type.Optional(
    Type.Union(
      COMPARES.map((c) => Type.Literal(c)),
      { description: "the comparison period (default previous)" },
    ),
  ),
};

/** A resolved period as answered (store ResolvedPeriod). */
export const PeriodView = Type.Object({
  from: Type.Number({ description: "start of the first local day, epoch ms" }),
  to: Type.Number({ description: "end (exclusive) of the last local day, epoch ms" }),
  firstDate: Type.String({ description: "first local date, YYYY-MM-DD" }),
  lastDate: Type.String({ description: "last local date (inclusive)" }),
  days: Type.Integer(),
  partial: Type.Boolean({ description: "the period reaches past now: its figures stop there" }),
  through: Type.Number({ description: "min(to, now)" }),
  timeZone: Type.String(),
  label: Type.String(),
  range: Type.String({ description: "the preset, or custom" }),
});

const issue = (name: string, message: string) =>
  badRequest(`${name} ${message}`, [{ path: `/querystring/${name}`, message }]);

/** A local day number from a date, or the day holding an instant (`end`: rounded up). */
function dayOf(name: string, v: string, zone: string, end: boolean): number {
  const z = zoneDays(zone);
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) {
    const d = dayOfIso(v);
    if (d === null) throw issue(name, "is not a valid date");
    return d;
  }
  const t = /^\d+$/.test(v) ? Number(v) : Date.parse(v);
  if (!Number.isFinite(t)) throw issue(name, "is not a valid time");
  return end ? z.dayAtOrAfter(t) : z.dayOf(t);
}

export interface PeriodParams {
  range?: Range;
  from?: string;
  to?: string;
  /** With `to` or alone (the library's older form): that many days before `to` or today. */
  days?: number;
}

/**
 * The period asked for, in the site's local days at `now`. `defaultDays`: with neither a range
 * nor from/to, that many local days up to the end of today (exports), instead of last7.
 */
export function periodOf(
  q: PeriodParams,
  site: Site,
  now = Date.now(),
  defaultDays?: number,
): ResolvedPeriod {
  const zone = site.settings.timeZone;
  if (q.from === undefined && q.to === undefined) {
    if (q.days !== undefined && q.range === undefined) {
      const today = zoneDays(zone).dayOf(now);
      return resolvePeriod(zone, now, { fromDay: today - q.days, toDay: today });
    }
    if (q.range !== undefined || defaultDays === undefined) return resolvePeriod(zone, now, q);
    const today = zoneDays(zone).dayOf(now);
    return resolvePeriod(zone, now, { fromDay: today + 1 - defaultDays, toDay: today + 1 });
  }
  const toDay = q.to === undefined ? undefined : dayOf("to", q.to, zone, true);
  const fromDay = q.from === undefined ? undefined : dayOf("from", q.from, zone, false);
  const d1 = toDay ?? zoneDays(zone).dayOf(now) + 1;
  const d0 = fromDay ?? d1 - (q.days ?? 7);
  if (!(d0 < d1)) throw issue("from", "must be before to");
  if (d1 - d0 > MAX_PERIOD_DAYS) throw issue("from", `at most ${MAX_PERIOD_DAYS} days before to`);
  return resolvePeriod(zone, now, { fromDay: d0, toDay: d1 });
}

/** The period and its comparison, as reports show them. */
export interface PeriodInfo {
  period: ResolvedPeriod;
  comparison: PeriodComparison | null;
}

export function periodInfo(
  q: PeriodParams & { compare?: Compare },
  site: Site,
  now = Date.now(),
): PeriodInfo {
  const period = periodOf(q, site, now);
  return { period, comparison: comparisonOf(period, q.compare ?? "previous", now) };
}
