/**
 * A newly saved custom segment back-filled from the stored sessions, as duckdb/backfill.ts does:
 * the period's sessions not yet members whose group the caller says matches get the segment in
 * `custom_segments` and `persisted_segments`. Reports read those lists (there are no rollups
 * here), so writing the rows again is the whole back-fill: the sessions table replaces rows by
 * key, and a back-fill run twice finds no session to add. Intervals are not back-filled (measured
 * overlap counts the segment from the moment it went live).
 */
import type { SessionRow } from "../rows.ts";
import type { BackfillRequest } from "../store.ts";
import type { Ch } from "./client.ts";
import type { PeriodSql } from "./period.ts";
import { SESSION_SELECT, sessionFromRow } from "./readback.ts";
import { groupKeysSql, groupOf } from "./session-groups.ts";
import { str } from "./sql.ts";

export async function backfillRows(
  ch: Ch,
  q: PeriodSql,
  b: BackfillRequest,
): Promise<SessionRow[]> {
  const keys = groupKeysSql(b.reads, b.framework);
  const rows = await ch.rows(
    `SELECT ${SESSION_SELECT}${keys.length > 0 ? `, ${keys.join(", ")}` : ""}
     FROM sessions FINAL WHERE ${q.sessions} AND NOT has(custom_segments, ${str(b.segment)})`,
  );
  const memo = new Map<string, boolean>();
  const out: SessionRow[] = [];
  for (const r of rows) {
    const group = groupOf(r, b.reads, b.framework, 1);
    const k = JSON.stringify([group.keys, group.frameworkSeen]);
    const m = memo.get(k) ?? b.matches(group);
    memo.set(k, m);
    if (!m) continue;
    const s = sessionFromRow(r);
    out.push({
      ...s,
      customSegments: [...s.customSegments, b.segment],
      persistedSegments: [...s.persistedSegments, b.segment],
    });
  }
  return out;
}
