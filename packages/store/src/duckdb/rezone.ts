/**
 * A site's time zone changed: its rollups are re-bucketed by the new zone's local days. Only the
 * sessions whose local day differs between the two zones move (those that started between a
 * day's start in one zone and the same day's start in the other): their contributions are
 * read back from the raw sessions and intervals, subtracted from their old days and added to
 * their new ones (rollups.ts, as deletes do), so the work is proportional to the sessions that
 * move. Page views cannot be re-bucketed exactly (they come from events the store may not keep):
 * each stored day moves to the new zone's day that holds its middle, so a period's top pages
 * are exact except at its two edges. Runs on the writer connection, in the caller's
 * transaction; sets the site's zone in db.zones when done.
 */
import { zoneDays } from "../local-days.ts";
import type { Db } from "./db.ts";
import { readBack } from "./readback.ts";
import { appendRollups } from "./rollup-tables.ts";
import { Rollups } from "./rollups.ts";

/** Appends (lo, hi) pairs of numbers to a fresh temporary table. */
async function tempPairs(db: Db, table: string, rows: readonly (readonly [number, number])[]) {
  await db.exec(`CREATE TEMP TABLE ${table} (lo BIGINT, hi BIGINT)`);
  const ap = await db.writer.createAppender(table);
  for (const [lo, hi] of rows) {
    ap.appendBigInt(BigInt(lo));
    ap.appendBigInt(BigInt(hi));
    ap.endRow();
  }
  ap.closeSync();
}

export async function rezoneSite(db: Db, site: string, from: string, to: string): Promise<void> {
  const a = zoneDays(from);
  const b = zoneDays(to);
  const [span] = await db.exec(
    "SELECT min(started_at) AS lo, max(started_at) AS hi FROM sessions WHERE site = $site",
    { site },
  );
  if (span?.lo !== null && span?.lo !== undefined) {
    // t is in different days iff some day starts at or before t in one zone and after it in
    // the other: t in [min(a.start(d), b.start(d)), max(...)) for some d.
    const moved: [number, number][] = [];
    for (let d = a.dayOf(Number(span.lo)) - 2; d <= a.dayOf(Number(span.hi)) + 2; d++) {
      const x = a.start(d);
      const y = b.start(d);
      if (x !== y) moved.push([Math.min(x, y), Math.max(x, y)]);
    }
    await tempPairs(db, "_moved", moved);
    const inMoved = (col: string) =>
      `site = $site AND EXISTS (SELECT 1 FROM _moved m WHERE ${col} >= m.lo AND ${col} < m.hi)`;
    const gone = await readBack(
      db,
      { sessions: inMoved("started_at"), intervals: inMoved("session_start") },
      { site },
    );
    await db.exec("DROP TABLE _moved");
    const out = new Rollups({ dayOf: (_site, t) => a.dayOf(t) });
    out.addSessions(gone.sessions, -1);
    out.addIntervals(gone.intervals, -1);
    await appendRollups(db, out);
    const into = new Rollups({ dayOf: (_site, t) => b.dayOf(t) });
    into.addSessions(gone.sessions, 1);
    into.addIntervals(gone.intervals, 1);
    await appendRollups(db, into);
  }
  const days = await db.exec("SELECT DISTINCT day FROM page_views WHERE site = $site", { site });
  const moves = days
    .map((r) => Number(r.day))
    .map((d) => [d, b.dayOf(a.start(d) + Math.floor(a.length(d) / 2))] as const)
    .filter(([d, e]) => d !== e);
  if (moves.length > 0) {
    await tempPairs(db, "_day_moves", moves);
    await db.exec(
      `UPDATE page_views SET day = m.hi FROM _day_moves m
       WHERE page_views.site = $site AND page_views.day = m.lo`,
      { site },
    );
    await db.exec("DROP TABLE _day_moves");
  }
  db.zones.set(site, to);
}
