/**
 * The soak's end: acknowledged events against stored events, per session. Run on the data
 * folder after the server closed gracefully (every live session ended, the store flushed), read
 * through the store's port (`sessionTallies`, so any backend answers it):
 * each session's events stored, how many of them are exact copies of another (same time, type,
 * page, items, value and data: the soak's times strictly increase within a session, so none
 * should be; times alone may meet, as the collector's clock correction shifts each batch by its
 * own offset), and its session rows.
 */
import { DuckDbStore } from "@intently/store";
import type { LedgerEntry } from "./load.ts";

export interface StoredVerdict {
  /** Every session: stored = acknowledged (or, for one with an unanswered request, in between). */
  ackedEqualsStored: boolean;
  sessionsCompared: number;
  ackedEvents: number;
  storedEvents: number;
  sessionsMatched: number;
  sessionsMismatched: number;
  /** Sessions with a request never answered: acked ≤ stored ≤ acked + its events. */
  sessionsUncertain: number;
  uncertainWithinBounds: boolean;
  /** Stored sessions the load never sent. */
  unknownSessions: number;
  /** Events stored twice in a session (the same content and time). */
  duplicateEventsStored: number;
  /** Sessions with an acknowledged event and no session row, or more than one. */
  sessionRowsMissing: number;
  sessionRowsRepeated: number;
  mismatchExamples: { session: string; acked: number; stored: number; uncertain: number }[];
}

export async function verifyStored(
  dataDir: string,
  site: string,
  ledger: ReadonlyMap<string, LedgerEntry>,
): Promise<StoredVerdict> {
  const store = await DuckDbStore.open(dataDir);
  try {
    const tallies = await store.sessionTallies(site);
    const stored = new Map(tallies.filter((t) => t.events > 0).map((t) => [t.session, t.events]));
    const duplicates = tallies.reduce((n, t) => n + t.events - t.distinctEvents, 0);
    const sessionRows = new Map(
      tallies.filter((t) => t.sessionRows > 0).map((t) => [t.session, t.sessionRows]),
    );
    return compare(ledger, stored, sessionRows, duplicates);
  } finally {
    await store.close();
  }
}

function compare(
  ledger: ReadonlyMap<string, LedgerEntry>,
  stored: ReadonlyMap<string, number>,
  sessionRows: ReadonlyMap<string, number>,
  duplicateEventsStored: number,
): StoredVerdict {
  const v: StoredVerdict = {
    ackedEqualsStored: false,
    sessionsCompared: 0,
    ackedEvents: 0,
    storedEvents: 0,
    sessionsMatched: 0,
    sessionsMismatched: 0,
    sessionsUncertain: 0,
    uncertainWithinBounds: true,
    unknownSessions: 0,
    duplicateEventsStored,
    sessionRowsMissing: 0,
    sessionRowsRepeated: 0,
    mismatchExamples: [],
  };
  for (const n of stored.values()) v.storedEvents += n;
  for (const session of stored.keys()) if (!ledger.has(session)) v.unknownSessions++;
  for (const [session, e] of ledger) {
    const got = stored.get(session) ?? 0;
    if (e.acked === 0 && e.uncertain === 0 && got === 0) continue;
    v.sessionsCompared++;
    v.ackedEvents += e.acked;
    if (e.acked > 0) {
      const r = sessionRows.get(session) ?? 0;
      if (r === 0) v.sessionRowsMissing++;
      else if (r > 1) v.sessionRowsRepeated++;
    }
    if (e.uncertain > 0) {
      v.sessionsUncertain++;
      if (got < e.acked || got > e.acked + e.uncertain) {
        v.uncertainWithinBounds = false;
        v.sessionsMismatched++;
        example(v, session, e, got);
      }
      continue;
    }
    if (got === e.acked) v.sessionsMatched++;
    else {
      v.sessionsMismatched++;
      example(v, session, e, got);
    }
  }
  v.ackedEqualsStored =
    v.sessionsMismatched === 0 && v.unknownSessions === 0 && v.duplicateEventsStored === 0;
  return v;
}

function example(v: StoredVerdict, session: string, e: LedgerEntry, stored: number): void {
  if (v.mismatchExamples.length < 5)
    v.mismatchExamples.push({ session, acked: e.acked, stored, uncertain: e.uncertain });
}
