/**
 * When a custom segment's condition may change its answer with no new event: the data points
 * that grow with the clock (elapsed seconds since some time of the session) and, per segment
 * set, the numbers its conditions compare them with. A value x(now) = max(0, now − since) / 1000
 * only crosses a comparison's constant c once, at since + 1000·c, so the next such time is the
 * session's next custom-segment deadline (CustomSegmentMatcher.nextChange). An operator whose
 * answer on a growing number is not a comparison with constants ($regex on a number, version
 * comparisons, …) makes the set "unknown": its sessions are re-checked on every tick.
 *
 * `frustrationRecent` also reads the clock, through the recent windows the engine already
 * schedules (session/deadline.ts). A test checks this list against the catalogue.
 */
import { isOperatorObject } from "@intently/conditions";
import { SIGNAL_DATA_POINT_IDS } from "../catalogue/data-points.ts";
import { SIGNAL_INDEX, SIGNALS } from "../session/signals.ts";
import { F, type SessionState, sigCount, sigLastT } from "../session/state.ts";

/** The time an elapsed data point counts from, or null while it is null (nothing happened). */
export type Since = (s: SessionState) => number | null;

export const ELAPSED_POINTS: ReadonlyMap<string, Since> = new Map<string, Since>([
  ["timeOnSiteSec", (s) => s.num(F.StartT)],
  ["secondsSinceLastEvent", (s) => s.num(F.LastT)],
  ...SIGNALS.map((sig): [string, Since] => {
    const i = SIGNAL_INDEX[sig];
    return [
      `${SIGNAL_DATA_POINT_IDS[sig]}SecondsAgo`,
      (s) => (s.num(sigCount(i)) === 0 ? null : s.num(sigLastT(i))),
    ];
  }),
]);

/** Operators whose answer on a number is a comparison with constants (or does not move). */
const COMPARISONS = new Set(["$eq", "$ne", "$lt", "$lte", "$gt", "$gte"]);
const SETS = new Set(["$in", "$nin", "$ini", "$nini"]);
const STILL = new Set(["$exists", "$type"]);
const MAX_DEPTH = 64;

function pushNumber(v: unknown, out: number[]): void {
  const x = typeof v === "number" ? v : typeof v === "string" ? Number(v) : Number.NaN;
  if (Number.isFinite(x)) out.push(x);
}

/** Collects the constants a field's value is compared with; false when it cannot. */
function valueConstants(v: unknown, out: number[], depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  if (v === null || typeof v !== "object" || Array.isArray(v) || !isOperatorObject(v)) {
    pushNumber(v, out); // equality with a literal
    return true;
  }
  for (const [op, e] of Object.entries(v as Record<string, unknown>)) {
    if (COMPARISONS.has(op)) pushNumber(e, out);
    else if (SETS.has(op)) {
      if (Array.isArray(e)) for (const x of e) pushNumber(x, out);
    } else if (op === "$not") {
      if (!valueConstants(e, out, depth + 1)) return false;
    } else if (!STILL.has(op)) return false;
  }
  return true;
}

/**
 * The constants each elapsed data point is compared with in `condition` (seconds, ascending), or
 * null when some condition on one cannot be read that way.
 */
export function elapsedConstants(
  condition: unknown,
  out = new Map<string, number[]>(),
  depth = 0,
): Map<string, number[]> | null {
  if (depth > MAX_DEPTH) return null;
  if (condition === null || typeof condition !== "object") return out;
  if (Array.isArray(condition)) {
    for (const c of condition) if (!elapsedConstants(c, out, depth + 1)) return null;
    return out;
  }
  for (const [k, v] of Object.entries(condition)) {
    if (k === "$and" || k === "$or" || k === "$nor" || k === "$not") {
      if (!elapsedConstants(v, out, depth + 1)) return null;
      continue;
    }
    if (k.startsWith("$")) continue;
    const field = k.split(".")[0]!;
    if (!ELAPSED_POINTS.has(field)) continue;
    if (field !== k) return null; // a path into a number: not worth reasoning about
    const list = out.get(field) ?? [];
    if (!valueConstants(v, list, depth + 1)) return null;
    out.set(field, list);
  }
  for (const list of out.values()) list.sort((a, b) => a - b);
  return out;
}

/** The elapsed data points of a segment set with their constants, ready for `nextElapsedChange`. */
export interface ElapsedWatch {
  since: Since;
  constants: readonly number[];
}

export function elapsedWatches(conditions: readonly unknown[]): ElapsedWatch[] | null {
  const all = new Map<string, number[]>();
  for (const c of conditions) if (!elapsedConstants(c, all)) return null;
  return [...all].map(([field, list]) => ({
    since: ELAPSED_POINTS.get(field)!,
    constants: [...new Set(list)].sort((a, b) => a - b),
  }));
}

/**
 * The earliest time after `now` at which some watched value reaches one of its constants
 * (where a comparison's answer may flip); Infinity when none will.
 */
export function nextElapsedChange(
  watches: readonly ElapsedWatch[],
  s: SessionState,
  now: number,
): number {
  let at = Number.POSITIVE_INFINITY;
  for (const w of watches) {
    const since = w.since(s);
    if (since === null) continue;
    const x = Math.max(0, now - since) / 1000;
    for (const c of w.constants) {
      if (c >= x) {
        const t = since + c * 1000;
        if (t < at) at = t;
        break;
      }
    }
  }
  return at;
}
