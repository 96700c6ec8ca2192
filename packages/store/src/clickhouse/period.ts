/**
 * A report period in ClickHouse SQL, as the DuckDB store reads it (duckdb/period.ts): the whole
 * local days of the site's time zone that [from, to) touches, sessions by start time, bots left
 * out. The local day of a session start is computed here from the day starts that local-days.ts
 * finds (the same code as the DuckDB rollups), not by ClickHouse's time zone functions, so both
 * backends put a session in the same day across DST changes.
 */
import type { ZoneDays } from "../local-days.ts";
import type { Period } from "../queries.ts";
import { int, str } from "./sql.ts";

export interface PeriodSql {
  /** The period's local days: [d0, d1). */
  d0: number;
  d1: number;
  /** Sessions of the period (non-bot): a WHERE condition on the sessions table. */
  sessions: string;
  /** Intervals of the period's sessions (non-bot), by their session's start. */
  intervals: string;
  /** Page-view rollup rows of the period's days. */
  days: string;
  /** The local day (days since the epoch of the local date) of the time column `col`. */
  dayOf(col: string): string;
}

export function periodSql(p: Period, z: ZoneDays): PeriodSql {
  const d0 = z.dayOf(p.from);
  const d1 = Math.max(d0, z.dayAtOrAfter(p.to));
  const t0 = z.start(d0);
  const t1 = z.start(d1);
  const site = `site = ${str(p.site)}`;
  return {
    d0,
    d1,
    sessions: `${site} AND started_at >= ${int(t0)} AND started_at < ${int(t1)} AND bot = 0`,
    intervals: `${site} AND session_start >= ${int(t0)} AND session_start < ${int(t1)} AND bot = 0`,
    days: `${site} AND day >= ${int(d0)} AND day < ${int(d1)}`,
    dayOf(col: string): string {
      if (z.zone === "UTC") return `toInt32(intDiv(${col}, 86400000))`;
      // d0 plus the number of later day starts at or before the time (times of the period only).
      const starts: string[] = [];
      for (let d = d0 + 1; d < d1; d++) starts.push(int(z.start(d)));
      if (starts.length === 0) return `toInt32(${int(d0)})`;
      return `toInt32(${int(d0)} + length(arrayFilter(s -> s <= ${col}, [${starts.join(", ")}])))`;
    },
  };
}
