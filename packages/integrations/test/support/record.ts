/** Sessions run through a real engine and recorded into a store (sessions table rows). */
import { Engine, type Event } from "@intently/engine";
import { SessionRecorder, type Store } from "@intently/store";
import { UA } from "./sessions.ts";

export function recordSession(
  store: Store,
  site: string,
  session: string,
  events: Event[],
  endedAt: number,
) {
  const engine = new Engine();
  const rec = new SessionRecorder(store);
  const ref = { site, visitor: `v-${session}`, session, context: { ua: UA } };
  for (const e of events) rec.event(e, engine.process(ref, e));
  const s = engine.end(site, session)!;
  rec.advanced({ updates: [], ended: [s] }, endedAt);
  rec.flush();
}
