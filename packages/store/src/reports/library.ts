/**
 * The segment library (docs/product/reports.md#segment-library): every framework segment (all 13,
 * even when empty) and every custom segment of the site (saved and not archived, or with sessions
 * in either period) with sessions ever in it, share of traffic, conversion rate and revenue,
 * against a comparison period (period-model.ts: like for like, complete days against complete
 * days). Periods are whole local days of the site's time zone. Without `from`: the `days` (default
 * 7) local days up to the end of `to`'s day; without `comparison`: against the as many days before.
 *
 * Changes: sessions and revenue relative ((now − before) / before, null when before is 0);
 * share and conversion rate as differences of the two rates (fractions, i.e. percentage points
 * / 100; null when either rate is unknown).
 */
import { FRAMEWORK_SEGMENT_IDS } from "@intently/engine";
import type { Outcome, SegmentOutcome } from "../queries.ts";
import type { Store } from "../store.ts";
import { ratio, type SegmentKind, segmentKind, segmentName, siteZone } from "./common.ts";

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
  /** The part of the period compared (its complete days when it is partial). */
  comparedPeriod: { from: number; to: number } | null;
  /** What it is compared with (null: no comparison; `previous` figures are then zeros). */
  previousPeriod: { from: number; to: number } | null;
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

export interface LibraryOptions {
  site: string;
  /** End (exclusive); widened to the end of its local day. */
  to: number;
  /** Start; default: `days` local days before `to`'s day ends. */
  from?: number;
  days?: number;
  /** Default: the same days just before. null: no comparison. */
  comparison?: { base: Span; against: Span } | null;
}

type Span = { from: number; to: number };

export async function segmentLibrary(store: Store, opts: LibraryOptions): Promise<SegmentLibrary> {
  // Whole days, so the two periods never share one: `to` moves to the end of its day.
  const z = await siteZone(store, opts.site);
  const d1 = z.dayAtOrAfter(opts.to);
  const d0 =
    opts.from === undefined ? d1 - Math.max(1, Math.round(opts.days ?? 7)) : z.dayOf(opts.from);
  const span = (from: number, to: number) => ({ site: opts.site, from, to });
  const cur = span(z.start(d0), z.start(d1));
  const cmp =
    opts.comparison === undefined
      ? { base: cur, against: span(z.start(2 * d0 - d1), cur.from) }
      : opts.comparison;
  const base = cmp ? span(cmp.base.from, cmp.base.to) : null;
  const prev = cmp ? span(cmp.against.from, cmp.against.to) : null;
  const sameBase = base !== null && base.from === cur.from && base.to === cur.to;
  const q = store.queries;
  const none = () => Promise.resolve(null);
  const [fNow, fBase, fBefore, cNow, cBase, cBefore, saved] = await Promise.all([
    q.frameworkTotals(cur),
    base && !sameBase ? q.frameworkTotals(base) : none(),
    prev ? q.frameworkTotals(prev) : none(),
    q.customTotals(cur),
    base && !sameBase ? q.customTotals(base) : none(),
    prev ? q.customTotals(prev) : none(),
    store.config.listSegments(opts.site),
  ]);
  const zero = { sessions: 0, conversions: 0, revenue: 0 };
  const fB = fBase ?? fNow;
  const cB = cBase ?? cNow;
  const fP = fBefore ?? { total: zero, segments: [] };
  const cP = cBefore ?? [];
  const byId = (rows: SegmentOutcome[]) => new Map(rows.map((r) => [r.segment, r]));
  const now = byId([...fNow.segments, ...cNow]);
  const compared = byId([...fB.segments, ...cB]);
  const before = byId([...fP.segments, ...cP]);
  const live = saved.filter((s) => s.status !== "archived");
  const defs = new Map(saved.map((s) => [s.id, s]));
  const custom = [
    ...new Set([
      ...live.map((s) => s.id),
      ...cNow.map((r) => r.segment),
      ...cP.map((r) => r.segment),
    ]),
  ].sort();
  const total = fNow.total.sessions;
  const baseTotal = fB.total.sessions;
  const previousTotal = fP.total.sessions;

  const segments = [...FRAMEWORK_SEGMENT_IDS, ...custom].map((id): LibraryRow => {
    const a = figures(now.get(id) ?? EMPTY, total);
    const c = figures(compared.get(id) ?? EMPTY, baseTotal);
    const b = figures(before.get(id) ?? EMPTY, previousTotal);
    const def = defs.get(id);
    return {
      segment: id,
      kind: segmentKind(id),
      name: segmentName(id, def?.definition),
      status: def?.status ?? "live",
      ...a,
      previous: b,
      change: cmp
        ? {
            sessions: relative(c.sessions, b.sessions),
            share: diff(c.share, b.share),
            conversionRate: diff(c.conversionRate, b.conversionRate),
            revenue: relative(c.revenue, b.revenue),
          }
        : { sessions: null, share: null, conversionRate: null, revenue: null },
    };
  });
  return {
    site: opts.site,
    period: { from: cur.from, to: cur.to },
    comparedPeriod: base ? { from: base.from, to: base.to } : null,
    previousPeriod: prev ? { from: prev.from, to: prev.to } : null,
    totalSessions: total,
    previousTotalSessions: previousTotal,
    segments,
  };
}
