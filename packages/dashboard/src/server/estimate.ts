/**
 * "Matches about N sessions in the last 7 days" for a condition that is not saved yet, from the
 * report aggregates the store already keeps (the API has no estimate endpoint):
 * - `segment`, `phase` and `state` clauses pick framework segments; their "ever in" session
 *   counts are the base (exact when that is the whole condition);
 * - clauses on a breakdown dimension (deviceType, trafficSource, landingPageType, country,
 *   visitorType) multiply the base by the share of matching sessions in those segments'
 *   breakdowns (assumed independent of each other);
 * - any other clause is left out, and the figure is then an upper bound (`unestimated`).
 * Only a top-level AND (of clauses and `$and` lists) is analysed; anything else is left out too.
 */
import {
  FRAMEWORK_SEGMENT_IDS,
  type FrameworkSegmentId,
  frameworkSegmentParts,
} from "@intently/engine";
import type { BreakdownDimension, Store } from "@intently/store";

const DAY_MS = 86_400_000;

export const DIMENSION_OF: Record<string, BreakdownDimension> = {
  deviceType: "device",
  trafficSource: "trafficSource",
  landingPageType: "landingPageType",
  country: "country",
  visitorType: "visitorType",
};

export interface Estimate {
  sessions: number;
  totalSessions: number;
  period: { from: number; to: number };
  /** True when the figure is a count, not a model. */
  exact: boolean;
  /** Fields the estimate could not include: the figure is then an upper bound. */
  unestimated: string[];
  /** Values seen in the data per field (most sessions first), for the builder's suggestions. */
  suggestions: Record<string, string[]>;
}

type Values = { include: boolean; set: Set<string> };

const strings = (v: unknown): v is string[] =>
  Array.isArray(v) && v.every((x) => typeof x === "string");

function valuesOf(v: unknown): Values | null {
  if (typeof v === "string") return { include: true, set: new Set([v]) };
  if (v === null || typeof v !== "object" || Array.isArray(v)) return null;
  const entries = Object.entries(v);
  if (entries.length !== 1) return null;
  const [op, x] = entries[0]!;
  if (op === "$eq" && typeof x === "string") return { include: true, set: new Set([x]) };
  if (op === "$ne" && typeof x === "string") return { include: false, set: new Set([x]) };
  if (op === "$in" && strings(x)) return { include: true, set: new Set(x) };
  if (op === "$nin" && strings(x)) return { include: false, set: new Set(x) };
  return null;
}

const accepts = (v: Values, x: string) => v.set.has(x) === v.include;

/** Top-level AND clauses as [field, value]; operators other than $and count as unknown. */
function clausesOf(c: unknown, out: [string, unknown][] = []): [string, unknown][] {
  if (c === null || typeof c !== "object" || Array.isArray(c)) return out;
  for (const [k, v] of Object.entries(c)) {
    if (k === "$and" && Array.isArray(v)) for (const x of v) clausesOf(x, out);
    else out.push([k, v]);
  }
  return out;
}

function pickSegments(field: string, v: Values, ids: FrameworkSegmentId[]): FrameworkSegmentId[] {
  return ids.filter((id) => {
    if (field === "segment") return accepts(v, id);
    const parts = frameworkSegmentParts(id);
    if (field === "phase") return accepts(v, parts.phase);
    return parts.states.some((s) => accepts(v, s));
  });
}

export async function estimateSessions(
  store: Store,
  site: string,
  condition: unknown,
  opts: { days?: number; now?: number } = {},
): Promise<Estimate> {
  const to = Math.ceil((opts.now ?? Date.now()) / DAY_MS) * DAY_MS;
  const period = { site, from: to - (opts.days ?? 7) * DAY_MS, to };
  let segments: FrameworkSegmentId[] | null = null;
  const dims: [string, Values][] = [];
  const unestimated: string[] = [];
  for (const [field, value] of clausesOf(condition)) {
    const v = valuesOf(value);
    if (v && (field === "segment" || field === "phase" || field === "state"))
      segments = pickSegments(field, v, segments ?? [...FRAMEWORK_SEGMENT_IDS]);
    else if (v && DIMENSION_OF[field]) dims.push([field, v]);
    else if (!unestimated.includes(field)) unestimated.push(field);
  }
  const totals = await store.queries.frameworkTotals(period);
  const total = totals.total.sessions;
  const counted = segments ?? [...FRAMEWORK_SEGMENT_IDS];
  const rows = await Promise.all(counted.map((s) => store.queries.breakdowns(period, s)));
  const merged = new Map<string, Map<string, number>>();
  for (const r of rows.flat()) {
    const m = merged.get(r.dimension) ?? new Map<string, number>();
    merged.set(r.dimension, m);
    m.set(r.key, (m.get(r.key) ?? 0) + r.sessions);
  }
  let base = total;
  if (segments) {
    const ever = new Map(totals.segments.map((s) => [s.segment, s.sessions]));
    base = Math.min(
      total,
      segments.reduce((n, s) => n + (ever.get(s) ?? 0), 0),
    );
  }
  let share = 1;
  for (const [field, v] of dims) {
    const keys = merged.get(DIMENSION_OF[field]!) ?? new Map<string, number>();
    let all = 0;
    let hit = 0;
    for (const [k, n] of keys) {
      all += n;
      if (accepts(v, k)) hit += n;
    }
    share *= all === 0 ? 0 : hit / all;
  }
  const suggestions: Record<string, string[]> = {};
  for (const [field, dim] of Object.entries(DIMENSION_OF)) {
    const keys = [...(merged.get(dim) ?? new Map<string, number>())]
      .filter(([k]) => k !== "")
      .sort((a, b) => b[1] - a[1]);
    suggestions[field] = keys.map(([k]) => k);
  }
  return {
    sessions: Math.round(base * share),
    totalSessions: total,
    period: { from: period.from, to: period.to },
    exact: dims.length === 0 && unestimated.length === 0 && (segments?.length ?? 0) <= 1,
    unestimated,
    suggestions,
  };
}
