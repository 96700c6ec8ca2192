/**
 * OTTO session logs (JSONL: {"session": n, "events": [{"aid", "ts", "type"}]}). An OTTO "session"
 * is all of one user's activity over four weeks, so it is re-sessionised on 30-minute gaps.
 * clicks → product page view, carts → add_to_cart, orders → purchase (orders at the same
 * timestamp are one basket). ts is in milliseconds.
 */
import type { Event, EventLine } from "@intently/engine";
import { bad, type Importer, type ImportStats } from "./types.ts";

export const OTTO_SESSION_GAP_MS = 30 * 60_000;
const TYPES = new Set(["clicks", "carts", "orders"]);
const SITE = "otto";

interface OttoEvent {
  aid: number;
  ts: number;
  type: "clicks" | "carts" | "orders";
}

function parseLine(
  line: string,
  row: number,
  stats: ImportStats,
): { id: number; events: OttoEvent[] } | null {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    bad(stats, row, "not valid JSON (truncated line?)");
    return null;
  }
  const o = v as { session?: unknown; events?: unknown };
  if (!o || typeof o !== "object" || !Number.isInteger(o.session) || !Array.isArray(o.events)) {
    bad(stats, row, 'expected {"session": integer, "events": [...]}');
    return null;
  }
  const events: OttoEvent[] = [];
  for (const e of o.events as Record<string, unknown>[]) {
    if (
      e &&
      Number.isInteger(e.aid) &&
      typeof e.ts === "number" &&
      Number.isFinite(e.ts) &&
      e.ts >= 0 &&
      typeof e.type === "string" &&
      TYPES.has(e.type)
    ) {
      events.push(e as unknown as OttoEvent);
    } else {
      bad(stats, row, `bad event ${JSON.stringify(e).slice(0, 80)}`);
    }
  }
  events.sort((a, b) => a.ts - b.ts);
  return { id: o.session as number, events };
}

function toEvent(group: OttoEvent[]): Event {
  const first = group[0]!;
  const items = group.map((e) => ({ id: String(e.aid), quantity: 1 }));
  if (first.type === "clicks") {
    return { type: "page_view", t: first.ts, page: { url: `/p/${first.aid}`, type: "product" } };
  }
  return { type: first.type === "carts" ? "add_to_cart" : "purchase", t: first.ts, items };
}

export const importOtto: Importer = async function* (lines, stats) {
  let row = 0;
  for await (const raw of lines) {
    row++;
    const line = raw.trim();
    if (!line) continue;
    stats.rows++;
    const parsed = parseLine(line, row, stats);
    if (!parsed || parsed.events.length === 0) continue;
    let part = 0;
    let prevTs = Number.NEGATIVE_INFINITY;
    let i = 0;
    const evs = parsed.events;
    while (i < evs.length) {
      const e = evs[i]!;
      if (e.ts - prevTs > OTTO_SESSION_GAP_MS) part++;
      // Carts and orders at the same timestamp are one basket; clicks stay one per event.
      let j = i + 1;
      if (e.type !== "clicks")
        while (j < evs.length && evs[j]!.ts === e.ts && evs[j]!.type === e.type) j++;
      const line: EventLine = {
        site: SITE,
        visitor: `u${parsed.id}`,
        session: `u${parsed.id}-${part}`,
        event: toEvent(evs.slice(i, j)),
      };
      yield line;
      prevTs = e.ts;
      i = j;
    }
  }
};
