/** Ending live sessions ahead of erasing their data (visitor erasure, site deletion). */
import type { SessionState } from "@intently/engine";
import type { AppContext } from "../../context.ts";

/** Ends the live sessions matching `pick` and records them; returns how many. */
export function endLiveSessions(
  ctx: AppContext,
  pick: (s: SessionState) => boolean,
  now = Date.now(),
): number {
  const { engine, recorder } = ctx.host;
  const ended: SessionState[] = [];
  for (const s of [...engine.sessions()]) {
    if (!pick(s)) continue;
    const e = engine.end(s.site, s.id);
    if (e) ended.push(e);
  }
  if (ended.length > 0) recorder.advanced({ updates: [], ended }, now);
  return ended.length;
}
