/**
 * A site's time zone changed: its rollups are re-bucketed by the new zone's local days. The
 * session rollups are rebuilt from the raw sessions and intervals (exact). Page views cannot be
 * (they come from events the store may not keep): each stored day moves to the new zone's day
 * that holds its middle, so a period's top pages are exact except at its two edges, by at most
 * the difference of the two offsets. Runs on the writer connection, in the caller's transaction.
 */
import { zoneDays } from "../local-days.ts";
import type { Db } from "./db.ts";
import { rebuildRollups } from "./readback.ts";

export async function rezoneSite(db: Db, site: string, from: string, to: string): Promise<void> {
  db.zones.set(site, to);
  try {
    await rebuildRollups(db, 50_000, site);
    const a = zoneDays(from);
    const b = zoneDays(to);
    const days = await db.exec("SELECT DISTINCT day FROM page_views WHERE site = $site", { site });
    const moves = days
      .map((r) => Number(r.day))
      .map((d) => [d, b.dayOf(a.start(d) + Math.floor(a.length(d) / 2))] as const)
      .filter(([d, e]) => d !== e);
    if (moves.length === 0) return;
    await db.exec("CREATE TEMP TABLE _day_moves (old_day INTEGER, new_day INTEGER)");
    const ap = await db.writer.createAppender("_day_moves");
    for (const [d, e] of moves) {
      ap.appendInteger(d);
      ap.appendInteger(e);
      ap.endRow();
    }
    ap.closeSync();
    await db.exec(
      `UPDATE page_views SET day = m.new_day FROM _day_moves m
       WHERE page_views.site = $site AND page_views.day = m.old_day`,
      { site },
    );
    await db.exec("DROP TABLE _day_moves");
  } catch (e) {
    db.zones.set(site, from);
    throw e;
  }
}
