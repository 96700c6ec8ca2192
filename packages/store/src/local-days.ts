/**
 * Local days of an IANA time zone. A local day is numbered like a UTC day (days since
 * 1970-01-01) but by the zone's calendar date, so day d is the date `isoDay(d)` in that zone.
 * Day d covers [start(d), start(d + 1)) where start(d) is the first instant whose local date is
 * d or later: 23, 24 or 25 hours across DST changes (or 23.5 / 24.5 on Lord Howe), and the days
 * partition time, so every instant (every session start) is in exactly one local day.
 *
 * Exact, without a tz database of our own: each day's start is found once with Intl and cached.
 */
import { DAY_MS } from "./rows.ts";

export const UTC = "UTC";

/** `Area/Location` (possibly nested, e.g. America/Argentina/Salta), or UTC. */
const ZONE_NAME = /^(UTC|[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+){1,2})$/;

/**
 * The canonical name of an IANA time zone (e.g. "Europe/London"), or null when `zone` is not a
 * real one. Offsets ("+05:00") and abbreviations ("EST") are refused: they have no DST rules.
 */
export function canonicalTimeZone(zone: string): string | null {
  if (typeof zone !== "string" || !ZONE_NAME.test(zone)) return null;
  try {
    const tz = new Intl.DateTimeFormat("en-US", { timeZone: zone }).resolvedOptions().timeZone;
    return tz === "Etc/UTC" || tz === "Etc/GMT" ? UTC : tz;
  } catch {
    return null;
  }
}

export function isTimeZone(zone: string): boolean {
  return canonicalTimeZone(zone) !== null;
}

/** ISO date (YYYY-MM-DD) of a day number. */
export const isoDay = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** Day number of an ISO date (YYYY-MM-DD), or null when it is not a real date. */
export function dayOfIso(date: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
  const t = Date.parse(`${date}T00:00:00Z`);
  if (!Number.isFinite(t) || isoDay(t / DAY_MS) !== date) return null;
  return t / DAY_MS;
}

/** The local days of one zone, with their starts cached. */
export class ZoneDays {
  private readonly fmt: Intl.DateTimeFormat | null;
  private readonly starts = new Map<number, number>();

  constructor(readonly zone: string) {
    const tz = canonicalTimeZone(zone);
    if (tz === null) throw new RangeError(`not an IANA time zone: ${zone}`);
    this.fmt =
      tz === UTC
        ? null
        : new Intl.DateTimeFormat("en-CA", {
            timeZone: tz,
            year: "numeric",
            month: "2-digit",
            day: "2-digit",
          });
  }

  /** Local date of instant `t` as a day number (the wall-clock date, no caching). */
  private dateAt(t: number): number {
    if (!this.fmt) return Math.floor(t / DAY_MS);
    let y = 0;
    let m = 0;
    let d = 0;
    for (const p of this.fmt.formatToParts(t)) {
      if (p.type === "year") y = Number(p.value);
      else if (p.type === "month") m = Number(p.value);
      else if (p.type === "day") d = Number(p.value);
    }
    return Date.UTC(y, m - 1, d) / DAY_MS;
  }

  /** First instant (epoch ms) of local day `day`. */
  start(day: number): number {
    if (!this.fmt) return day * DAY_MS;
    const hit = this.starts.get(day);
    if (hit !== undefined) return hit;
    // Offsets lie within UTC−12…UTC+14: the start is in (day − 15 h, day + 13 h].
    let lo = day * DAY_MS - 15 * 3_600_000; // before the start: date < day
    let hi = day * DAY_MS + 13 * 3_600_000; // at or after it: date >= day
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (this.dateAt(mid) >= day) hi = mid;
      else lo = mid;
    }
    if (this.starts.size > 20_000) this.starts.clear();
    this.starts.set(day, hi);
    return hi;
  }

  /** The local day containing instant `t`. */
  dayOf(t: number): number {
    if (!this.fmt) return Math.floor(t / DAY_MS);
    // Offsets are under ±15 h: the local day is the UTC day or one either side.
    const u = Math.floor(t / DAY_MS);
    if (t >= this.start(u + 1)) return u + 1;
    if (t >= this.start(u)) return u;
    return u - 1;
  }

  /** The local day of `t`, rounded up: `t` itself when it is a day's start, else the next day. */
  dayAtOrAfter(t: number): number {
    const d = this.dayOf(t);
    return this.start(d) === t ? d : d + 1;
  }

  /** Length of local day `day` in ms. */
  length(day: number): number {
    return this.start(day + 1) - this.start(day);
  }
}

const zones = new Map<string, ZoneDays>();

/** The shared (cached) local days of a zone; throws RangeError for an unknown zone. */
export function zoneDays(zone: string): ZoneDays {
  let z = zones.get(zone);
  if (!z) {
    z = new ZoneDays(zone);
    zones.set(zone, z);
  }
  return z;
}
