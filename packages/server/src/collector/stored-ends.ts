/**
 * Sessions the store already holds as ended, for recovery (issue 23, item 3). A stop ends the
 * live sessions after logging its `ended` checkpoint; when that checkpoint is lost (a full disk),
 * the log alone would revive those sessions and they would end a second time. Their session and
 * event rows are replaced by key, but their page views (additive rollups without a session key)
 * would be counted twice. A session whose stored end is at or after its last logged batch's
 * receive time holds every one of those batches (a session ends at the wall-clock time of its
 * end, after its batches were applied), so recovery leaves it ended, as an `ended` checkpoint
 * would.
 */
import type { Store } from "@intently/store";
import { sessionKey } from "./records.ts";

/** The latest stored end (ms) of each session ended since `since`, by `sessionKey`. */
export async function storedSessionEnds(
  store: Store,
  since: number,
): Promise<ReadonlyMap<string, number>> {
  const out = new Map<string, number>();
  for (const [site, session, ended] of await store.sessionEndsSince(since))
    out.set(sessionKey(site, session), ended);
  return out;
}
