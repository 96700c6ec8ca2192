/**
 * A newly saved custom segment back-filled from the stored sessions (issue 20, item 6): the
 * sessions of a period whose group (session-groups.ts) the caller says matches are marked as
 * members (custom_segments, persisted_segments) and added to the segment's rollups (segment and
 * dimension rows, as rollups.ts computes them), so the segment's report over the period counts
 * what the builder's estimate counted. Sessions already members are left as they are, so a
 * back-fill run twice adds nothing. Pair, flow and phase rollups (intervals) are not back-filled:
 * measured overlap counts the segment from the moment it went live. Runs on the writer
 * connection, in the caller's transaction.
 */
import type { BackfillRequest } from "../store.ts";
import type { Db } from "./db.ts";
import { readBack } from "./readback.ts";
import { appendRollups } from "./rollup-tables.ts";
import { keyParts, Rollups } from "./rollups.ts";
import { sessionKeys } from "./session-groups.ts";

export async function backfillSegment(db: Db, q: BackfillRequest): Promise<number> {
  const site = q.period.site;
  const rows = await sessionKeys(db, q.period, q.reads, q.framework, {
    sql: "NOT list_contains(custom_segments, $seg)",
    params: { seg: q.segment },
  });
  const memo = new Map<string, boolean>();
  const picked = rows.filter((r) => {
    const k = JSON.stringify([r.group.keys, r.group.frameworkSeen]);
    const m = memo.get(k) ?? q.matches(r.group);
    memo.set(k, m);
    return m;
  });
  if (picked.length === 0) return 0;
  await db.exec("CREATE TEMP TABLE _fill (session VARCHAR, started_at BIGINT)");
  try {
    const ap = await db.writer.createAppender("_fill");
    for (const r of picked) {
      ap.appendVarchar(r.session);
      ap.appendBigInt(BigInt(r.startedAt));
      ap.endRow();
    }
    ap.closeSync();
    const inFill = `site = $site AND EXISTS (SELECT 1 FROM _fill f
      WHERE f.session = sessions.session AND f.started_at = sessions.started_at)`;
    const { sessions } = await readBack(db, { sessions: inFill, intervals: "FALSE" }, { site });
    // The segment's own rows only: the "*" rows and the phase rows already count these sessions.
    const out = new Rollups(db.zones);
    out.addSessions(
      sessions.map((s) => ({ ...s, persistedSegments: [q.segment] })),
      1,
    );
    for (const map of [out.segment, out.dimension])
      for (const k of [...map.keys()]) if (keyParts(k)[2] !== q.segment) map.delete(k);
    out.phase.clear();
    await appendRollups(db, out);
    await db.exec(
      `UPDATE sessions SET custom_segments = list_append(custom_segments, $seg),
         persisted_segments = list_append(persisted_segments, $seg)
       WHERE ${inFill}`,
      { site, seg: q.segment },
    );
    return sessions.length;
  } finally {
    await db.exec("DROP TABLE _fill");
  }
}
