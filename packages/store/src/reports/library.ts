/**
 * The segment library (SPEC §8): every framework segment (all 13, even when empty) and every
 * custom segment of the site (saved and not archived, or with sessions in either period) with
 * sessions ever in it, share of traffic, conversion rate and revenue, against the previous
 * period of the same length (default: the 7 days up to the end of `to`'s day against the 7
 * before).
 *
 * Changes: sessions and revenue relative ((now − before) / before, null when before is 0);
 * share and conversion rate as differences of the two rates (fractions, i.e. percentage points
 * / 100; null when either rate is unknown).
 */
import { FRAMEWORK_SEGMENT_IDS } from "@intently/engine";
import type { Outcome, SegmentOutcome } from "../queries.ts";
import { DAY_MS } from "../rows.ts";
import type { Store } from "../store.ts";
import { ratio, type SegmentKind, segmentKind, segmentName } from "./common.ts";

export interface LibraryFigures {
  sessions: number;
  share: number | null;
  conversions: number;
  conversionRate: number | null;
  revenue: number;
}

export interface LibraryRow extends LibraryFigures {
  segment: string;
  kind: SegmentKind;
  name: string;
  /** Custom segments: the saved status ("live", "paused"); framework: "live". */
  status: string;
  previous: LibraryFigures;
  change: {
    sessions: number | null;
    share: number | null;
    conversionRate: number | null;
    revenue: number | null;
  };
}

export interface SegmentLibrary {
  site: string;
  period: { from: number; to: number };
  previousPeriod: { from: number; to: number };
  totalSessions: number;
  previousTotalSessions: number;
  segments: LibraryRow[];
}

const EMPTY: Outcome = { sessions: 0, conversions: 0, revenue: 0 };

function figures(o: Outcome, total: number): LibraryFigures {
  return {
    sessions: o.sessions,
    share: ratio(o.sessions, total),
    conversions: o.conversions,
    conversionRate: ratio(o.conversions, o.sessions),
    revenue: o.revenue,
  };
}

const relative = (now: number, before: number) => (before === 0 ? null : (now - before) / before);
const diff = (now: number | null, before: number | null) =>
  now === null || before === null ? null : now - before;

export async function segmentLibrary(
  store: Store,
  opts: { site: string; to: number; days?: number },
): Promise<SegmentLibrary> {
  // Whole days, so the two periods never share one: `to` moves to the end of its day.
  const to = Math.ceil(opts.to / DAY_MS) * DAY_MS;
  const span = Math.max(1, Math.round(opts.days ?? 7)) * DAY_MS;
  const cur = { site: opts.site, from: to - span, to };
  const prev = { site: opts.site, from: to - 2 * span, to: to - span };
  const q = store.queries;
  const [fNow, fBefore, cNow, cBefore, saved] = await Promise.all([
    q.frameworkTotals(cur),
    q.frameworkTotals(prev),
    q.customTotals(cur),
    q.customTotals(prev),
    store.config.listSegments(opts.site),
  ]);
  const byId = (rows: SegmentOutcome[]) => new Map(rows.map((r) => [r.segment, r]));
  const now = byId([...fNow.segments, ...cNow]);
  const before = byId([...fBefore.segments, ...cBefore]);
  const live = saved.filter((s) => s.status !== "archived");
  const defs = new Map(saved.map((s) => [s.id, s]));
  const custom = [
    ...new Set([
      ...live.map((s) => s.id),
      ...cNow.map((r) => r.segment),
      ...cBefore.map((r) => r.segment),
    ]),
  ].sort();
  const total = fNow.total.sessions;
  const previousTotal = fBefore.total.sessions;

  const segments = [...FRAMEWORK_SEGMENT_IDS, ...custom].map((id): LibraryRow => {
    const a = figures(now.get(id) ?? EMPTY, total);
    const b = figures(before.get(id) ?? EMPTY, previousTotal);
    const def = defs.get(id);
    return {
      segment: id,
      kind: segmentKind(id),
      name: segmentName(id, def?.definition),
      status: def?.status ?? "live",
      ...a,
      previous: b,
      change: {
        sessions: relative(a.sessions, b.sessions),
        share: diff(a.share, b.share),
        conversionRate: diff(a.conversionRate, b.conversionRate),
        revenue: relative(a.revenue, b.revenue),
      },
    };
  });
  return {
    site: opts.site,
    period: { from: cur.from, to: cur.to },
    previousPeriod: { from: prev.from, to: prev.to },
    totalSessions: total,
    previousTotalSessions: previousTotal,
    segments,
  };
}
