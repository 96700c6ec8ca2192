/**
 * The event stream: every session's events merged into one globally time-ordered stream with a
 * binary heap of the sessions in flight, so memory follows concurrency, not volume.
 */
import type { EventLine } from "@intently/engine";
import { MinHeap } from "./heap.ts";
import { type SimulatedSession, type SimulateOptions, simulateSessions } from "./sessions.ts";

interface Cursor {
  s: SimulatedSession;
  seq: number;
  i: number;
  t: number;
}

const earlier = (a: Cursor, b: Cursor) => a.t < b.t || (a.t === b.t && a.seq < b.seq);

/** Event lines in global time order; a session's first line carries `context` and `truth`. */
export function* simulate(opts: SimulateOptions): Generator<EventLine> {
  const heap = new MinHeap<Cursor>(earlier);
  const sessions = simulateSessions(opts);
  let pending = sessions.next();
  let seq = 0;
  for (;;) {
    // Admit every session that starts no later than the earliest pending event.
    while (!pending.done && (heap.size === 0 || pending.value.start <= heap.peek()!.t)) {
      const s = pending.value;
      if (s.events.length > 0) heap.push({ s, seq: seq++, i: 0, t: s.events[0]!.t });
      pending = sessions.next();
    }
    const c = heap.peek();
    if (!c) return;
    const { s } = c;
    const event = s.events[c.i]!;
    const line: EventLine =
      c.i === 0
        ? {
            site: s.site,
            visitor: s.visitor,
            session: s.session,
            context: s.context,
            truth: s.truth,
            event,
          }
        : { site: s.site, visitor: s.visitor, session: s.session, event };
    c.i += 1;
    if (c.i < s.events.length) {
      c.t = s.events[c.i]!.t;
      heap.updateTop();
    } else {
      heap.pop();
    }
    yield line;
  }
}

/** The stream as NDJSON text lines (no trailing newline on each). */
export function* simulateNdjson(opts: SimulateOptions): Generator<string> {
  for (const line of simulate(opts)) yield JSON.stringify(line);
}
