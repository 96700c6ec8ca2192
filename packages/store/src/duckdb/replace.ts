/**
 * Writes idempotent by key, inside the flush's transaction (writer.ts). The collector may record
 * rows the store already holds: after a crash or a failed checkpoint, recovery applies again the
 * batches logged after the last checkpoint, and sessions revived that way end a second time.
 *
 * - A session is keyed by (site, session, started_at): a stored row with the key of an incoming
 *   one is replaced, with its intervals (keyed by (site, session, session_start)) and what both
 *   added to the rollups. A session id that starts again later (ended at a shutdown, then more
 *   events) has another start, so it stays a row of its own.
 * - An event is keyed by its content (site, session, t, type, page, items, value, data; not the
 *   bot flag, which is what was known at the time): an incoming event whose key is stored as
 *   many times as it comes is dropped. Identical events of one batch are kept (they arrive in one
 *   flush); an identical event in a later flush of the same session is taken for a copy.
 *
 * Within one flush a session key written twice keeps its last row, and its intervals one each
 * (by segment and entry time, the last); a flush never holds a batch's events twice (recovery
 * applies a batch id once), so its identical events are distinct events.
 *
 * The look-ups cover only the incoming rows' sessions within their time range, so zone maps keep
 * the scans to the recent row groups.
 */
import { type EventRow, eventKey, type IntervalRow, type SessionRow } from "../rows.ts";
import type { Db } from "./db.ts";
import { readBack } from "./readback.ts";
import type { Rollups } from "./rollups.ts";

const SEP = "\u001f";
const sessionKey = (site: string, session: string, start: number) =>
  `${site}${SEP}${session}${SEP}${Math.round(start)}`;

/** The flush's sessions and intervals with one row per key (the last written). */
export function lastPerKey(
  sessions: readonly SessionRow[],
  intervals: readonly IntervalRow[],
): { sessions: SessionRow[]; intervals: IntervalRow[] } {
  const bySession = new Map<string, SessionRow>();
  for (const s of sessions) bySession.set(sessionKey(s.site, s.session, s.startedAt), s);
  if (bySession.size === sessions.length)
    return { sessions: sessions as SessionRow[], intervals: intervals as IntervalRow[] };
  const byInterval = new Map<string, IntervalRow>();
  for (const iv of intervals) {
    const k = `${sessionKey(iv.site, iv.session, iv.sessionStart)}${SEP}${iv.segment}${SEP}${iv.enteredAt}`;
    byInterval.delete(k); // re-inserted last: keeps the flush's order for the latest
    byInterval.set(k, iv);
  }
  return { sessions: [...bySession.values()], intervals: [...byInterval.values()] };
}

/**
 * Deletes the stored sessions (and their intervals) that `sessions` replace, subtracting their
 * rollups into `r`. Returns how many sessions were replaced.
 */
export async function dropReplaced(
  db: Db,
  sessions: readonly SessionRow[],
  r: Rollups,
): Promise<number> {
  if (sessions.length === 0) return 0;
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  const keys: string[] = [];
  for (const s of sessions) {
    const start = Math.round(s.startedAt);
    lo = Math.min(lo, start);
    hi = Math.max(hi, start);
    keys.push(sessionKey(s.site, s.session, start));
  }
  const params = { keys, lo, hi };
  const k = (startCol: string) =>
    `${startCol} BETWEEN $lo AND $hi AND concat(site, chr(31), session, chr(31), ${startCol})
     IN (SELECT unnest($keys))`;
  const where = { sessions: k("started_at"), intervals: k("session_start") };
  const [found] = await db.exec(
    `SELECT count(*) AS n FROM sessions WHERE ${where.sessions}`,
    params,
  );
  const n = Number(found?.n ?? 0);
  if (n === 0) return 0;
  const gone = await readBack(db, where, params);
  r.addSessions(gone.sessions, -1);
  r.addIntervals(gone.intervals, -1);
  await db.exec(`DELETE FROM sessions WHERE ${where.sessions}`, params);
  await db.exec(`DELETE FROM intervals WHERE ${where.intervals}`, params);
  return n;
}

/** The incoming events not already stored (as many copies as they come, by content key). */
export async function newEvents(db: Db, events: readonly EventRow[]): Promise<EventRow[]> {
  if (events.length === 0) return [];
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  const sessions = new Set<string>();
  for (const e of events) {
    lo = Math.min(lo, Math.round(e.t));
    hi = Math.max(hi, Math.round(e.t));
    sessions.add(e.session);
  }
  const stored = await db.exec(
    `SELECT site, session, t, type, page_url, page_type, items, value, data FROM events
     WHERE t BETWEEN $lo AND $hi AND session IN (SELECT unnest($sessions))`,
    { lo, hi, sessions: [...sessions] },
  );
  if (stored.length === 0) return events as EventRow[];
  const copies = new Map<string, number>();
  for (const row of stored) {
    const k = eventKey({
      site: String(row.site),
      session: String(row.session),
      t: Number(row.t),
      type: String(row.type),
      pageUrl: row.page_url as string | null,
      pageType: row.page_type as string | null,
      items: row.items as string | null,
      value: row.value as number | null,
      data: row.data as string | null,
    });
    copies.set(k, (copies.get(k) ?? 0) + 1);
  }
  const out: EventRow[] = [];
  for (const e of events) {
    const k = eventKey(e);
    const left = copies.get(k) ?? 0;
    if (left > 0) copies.set(k, left - 1);
    else out.push(e);
  }
  return out;
}
