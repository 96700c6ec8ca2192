/** Groups an event stream into sessions, ordered by start time (the basis of time splits). */
import type { EventLine } from "@intently/engine";

export interface SessionRecord {
  key: string;
  start: number;
  lines: EventLine[];
}

export async function groupSessions(
  lines: Iterable<EventLine> | AsyncIterable<EventLine>,
  opts: { maxSessions?: number } = {},
): Promise<SessionRecord[]> {
  const max = opts.maxSessions ?? Number.POSITIVE_INFINITY;
  const byKey = new Map<string, SessionRecord>();
  for await (const line of lines) {
    const key = `${line.site}\u0000${line.session}`;
    let rec = byKey.get(key);
    if (!rec) {
      if (byKey.size >= max) continue;
      rec = { key, start: line.event.t, lines: [] };
      byKey.set(key, rec);
    }
    rec.lines.push(line);
    if (line.event.t < rec.start) rec.start = line.event.t;
  }
  const out = [...byKey.values()];
  for (const s of out) s.lines.sort((a, b) => a.event.t - b.event.t);
  return out.sort((a, b) => a.start - b.start || (a.key < b.key ? -1 : 1));
}
