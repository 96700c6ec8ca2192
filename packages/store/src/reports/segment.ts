/**
 * The segment report (docs/product/reports.md#segment-report) for one framework or custom segment
 * over a period. "Sessions in the segment" are the non-bot sessions that started in the period and
 * were ever in it.
 * - conversion rate = converting sessions / sessions; AOV = revenue / orders; revenue per
 *   session = revenue / sessions (revenue and orders of the whole session).
 * - xC: mean final xC, mean per-session max xC, and the highest xC reached.
 * - daily: every local day of the period (the site's time zone), zero days included, by
 *   session start.
 * - breakdowns: sessions per device, traffic source, landing page type, country (ISO code,
 *   "" unknown), new/returning, with share of the segment's sessions.
 * - flow: stays in the segment by the segment before / after (framework segments: the framework
 *   segment before/after, null = session start/end; custom segments: the framework segment in
 *   force at entry/exit, null = exit at session end). Counted per stay, shares of all stays.
 * - top pages: page views made while in the segment (write-time rollup, whole local days).
 * - frustration: per signal, total count, sessions with one, their rate, and the site's rate.
 * - comparison: segment vs site average (all non-bot sessions of the period).
 */
import { SIGNALS, type Signal, STRUGGLE_SIGNALS } from "@intently/engine";
import {
  BREAKDOWN_DIMENSIONS,
  type BreakdownDimension,
  type PageRow,
  type Period,
  type SessionAggregate,
} from "../queries.ts";
import type { Store } from "../store.ts";
import {
  isoDay,
  lookUpName,
  ratio,
  type SegmentKind,
  segmentKind,
  siteZone,
  wholeDaysIn,
} from "./common.ts";

export interface SegmentFigures {
  sessions: number;
  visitors: number;
  conversions: number;
  conversionRate: number | null;
  orders: number;
  revenue: number;
  aov: number | null;
  revenuePerSession: number | null;
  xC: { avgFinal: number | null; avgMax: number | null; max: number | null };
  /** Share of sessions with at least one frustration signal. */
  frustrationRate: number | null;
}

export interface BreakdownEntry {
  key: string;
  sessions: number;
  share: number | null;
  conversions: number;
  conversionRate: number | null;
  revenue: number;
}

export interface FlowEntry {
  segment: string | null;
  transitions: number;
  share: number | null;
}

export interface SignalEntry {
  signal: Signal;
  kind: "frustration" | "exit";
  count: number;
  sessions: number;
  rate: number | null;
  siteRate: number | null;
}

export interface Comparison {
  segment: number | null;
  site: number | null;
  /** segment − site. */
  difference: number | null;
  /** segment / site. */
  index: number | null;
}

export interface SegmentReport extends SegmentFigures {
  site: string;
  segment: string;
  kind: SegmentKind;
  name: string;
  period: { from: number; to: number };
  share: number | null;
  /** The site's time zone: `daily` dates are its local dates. */
  timeZone: string;
  daily: {
    date: string;
    day: number;
    /** The day has ended (at `now`): its figures are final. */
    complete: boolean;
    sessions: number;
    conversions: number;
    conversionRate: number | null;
    revenue: number;
  }[];
  breakdowns: Record<BreakdownDimension, BreakdownEntry[]>;
  flow: { from: FlowEntry[]; to: FlowEntry[] };
  topPages: PageRow[];
  frustration: SignalEntry[];
  siteAverage: SegmentFigures;
  comparison: Record<
    "conversionRate" | "aov" | "revenuePerSession" | "avgXcFinal" | "frustrationRate",
    Comparison
  >;
}

function figuresOf(a: SessionAggregate): SegmentFigures {
  return {
    sessions: a.sessions,
    visitors: a.visitors,
    conversions: a.conversions,
    conversionRate: ratio(a.conversions, a.sessions),
    orders: a.orders,
    revenue: a.revenue,
    aov: ratio(a.revenue, a.orders),
    revenuePerSession: ratio(a.revenue, a.sessions),
    xC: { avgFinal: a.avgXcFinal, avgMax: a.avgXcMax, max: a.maxXc },
    frustrationRate: ratio(a.frustratedSessions, a.sessions),
  };
}

function compare(segment: number | null, site: number | null): Comparison {
  const both = segment !== null && site !== null;
  return {
    segment,
    site,
    difference: both ? segment - site : null,
    index: both && site !== 0 ? segment / site : null,
  };
}

export async function segmentReport(
  store: Store,
  opts: Period & { segment: string; topPages?: number; now?: number },
): Promise<SegmentReport> {
  const z = await siteZone(store, opts.site);
  const p: Period = wholeDaysIn({ site: opts.site, from: opts.from, to: opts.to }, z);
  const q = store.queries;
  const kind = segmentKind(opts.segment);
  const [cmp, daily, breakdowns, flow, topPages, name] = await Promise.all([
    q.compare(p, opts.segment),
    q.daily(p, opts.segment),
    q.breakdowns(p, opts.segment),
    q.flow(p, opts.segment),
    q.topPages(p, opts.segment, opts.topPages ?? 10),
    lookUpName(store, p.site, opts.segment),
  ]);
  const seg = figuresOf(cmp.segment);
  const site = figuresOf(cmp.site);

  const byDay = new Map(daily.map((d) => [d.day, d]));
  const now = opts.now ?? Date.now();
  const days: SegmentReport["daily"] = [];
  for (let d = z.dayOf(p.from); z.start(d) < p.to; d++) {
    const r = byDay.get(d) ?? { sessions: 0, conversions: 0, revenue: 0 };
    days.push({
      date: isoDay(d),
      day: d,
      complete: z.start(d + 1) <= now,
      sessions: r.sessions,
      conversions: r.conversions,
      conversionRate: ratio(r.conversions, r.sessions),
      revenue: r.revenue,
    });
  }

  const bd = Object.fromEntries(
    BREAKDOWN_DIMENSIONS.map((d) => [d, [] as BreakdownEntry[]]),
  ) as SegmentReport["breakdowns"];
  for (const r of breakdowns)
    bd[r.dimension].push({
      key: r.key,
      sessions: r.sessions,
      share: ratio(r.sessions, seg.sessions),
      conversions: r.conversions,
      conversionRate: ratio(r.conversions, r.sessions),
      revenue: r.revenue,
    });
  for (const list of Object.values(bd))
    list.sort((a, b) => b.sessions - a.sessions || (a.key < b.key ? -1 : 1));

  const flowOf = (dir: "from" | "to"): FlowEntry[] => {
    const rows = flow.filter((f) => f.direction === dir);
    const stays = rows.reduce((s, f) => s + f.transitions, 0);
    return rows
      .map((f) => ({
        segment: f.segment,
        transitions: f.transitions,
        share: ratio(f.transitions, stays),
      }))
      .sort(
        (a, b) =>
          b.transitions - a.transitions || String(a.segment).localeCompare(String(b.segment)),
      );
  };

  const struggle = new Set<Signal>(STRUGGLE_SIGNALS);
  const frustration = SIGNALS.map(
    (signal): SignalEntry => ({
      signal,
      kind: struggle.has(signal) ? "frustration" : "exit",
      count: cmp.segment.signals[signal].count,
      sessions: cmp.segment.signals[signal].sessions,
      rate: ratio(cmp.segment.signals[signal].sessions, seg.sessions),
      siteRate: ratio(cmp.site.signals[signal].sessions, site.sessions),
    }),
  );

  return {
    site: p.site,
    segment: opts.segment,
    kind,
    name,
    period: { from: p.from, to: p.to },
    timeZone: z.zone,
    ...seg,
    share: ratio(seg.sessions, site.sessions),
    daily: days,
    breakdowns: bd,
    flow: { from: flowOf("from"), to: flowOf("to") },
    topPages,
    frustration,
    siteAverage: site,
    comparison: {
      conversionRate: compare(seg.conversionRate, site.conversionRate),
      aov: compare(seg.aov, site.aov),
      revenuePerSession: compare(seg.revenuePerSession, site.revenuePerSession),
      avgXcFinal: compare(seg.xC.avgFinal, site.xC.avgFinal),
      frustrationRate: compare(seg.frustrationRate, site.frustrationRate),
    },
  };
}
