/**
 * The aggregate queries reports are built from. A backend answers each with one round trip; the
 * report functions (src/reports) do the arithmetic, so a second backend (ClickHouse) implements
 * only these. Every query excludes bot sessions and selects sessions by start time — a session
 * belongs to the period in which it started — over whole local days of the site's time zone
 * (local-days.ts): [from, to) is widened to [start of from's day, start of to's day, or of the
 * next when to is not a day's start).
 */
import type { Signal } from "@intently/engine";
import type { FieldRead, SessionGroup } from "./session-groups.ts";

export interface Period {
  site: string;
  /** Inclusive, epoch ms. */
  from: number;
  /** Exclusive, epoch ms. */
  to: number;
}

/** Sessions that ended in a phase (= furthest phase reached) and framework segment. */
export interface PhaseOutcomeRow {
  phase: string;
  segment: string;
  sessions: number;
  revenue: number;
}

export interface Outcome {
  sessions: number;
  conversions: number;
  revenue: number;
}

export interface SegmentOutcome extends Outcome {
  segment: string;
}

/** Sessions ever in each segment; `total` is every session of the period. */
export interface SegmentTotals {
  total: Outcome;
  segments: SegmentOutcome[];
}

export interface SignalTotals {
  /** Sum of the signal's counts. */
  count: number;
  /** Sessions with at least one. */
  sessions: number;
}

/** Everything a segment report sums over a set of sessions. */
export interface SessionAggregate extends Outcome {
  visitors: number;
  orders: number;
  /** Means over sessions (null when there are none). */
  avgXcFinal: number | null;
  avgXcMax: number | null;
  maxXc: number | null;
  /** Sessions with at least one frustration (struggle) signal. */
  frustratedSessions: number;
  signals: Record<Signal, SignalTotals>;
}

export interface DailyRow extends Outcome {
  /** Local day of the site: days since the epoch of the local date. */
  day: number;
}

export const BREAKDOWN_DIMENSIONS = [
  "device",
  "trafficSource",
  "landingPageType",
  "country",
  "visitorType",
] as const;
export type BreakdownDimension = (typeof BREAKDOWN_DIMENSIONS)[number];

export interface BreakdownRow extends Outcome {
  dimension: BreakdownDimension;
  key: string;
}

/** Transitions into (from) and out of (to) a segment; segment null = session start/end. */
export interface FlowRow {
  direction: "from" | "to";
  segment: string | null;
  transitions: number;
}

export interface PageRow {
  path: string;
  pageType: string;
  views: number;
  sessions: number;
}

export interface OverlapRow {
  a: number;
  b: number;
  both: number;
  /** Sessions in which an A interval and a B interval overlapped in time. */
  concurrentSessions: number;
  /** Summed time the two segments were matched together, ms. */
  concurrentMs: number;
}

/** One arm ("experiment:variant") of the sessions exposed to it. */
export interface ArmRow extends Outcome {
  arm: string;
  /** Σ revenue², for the variance of revenue per session. */
  revenueSq: number;
}

/** Data-quality figures of a site over [from, to) by event time (not whole days). */
export interface DataQualityRows {
  /** Events stored (bots left out). */
  events: number;
  /** Events by the dataLayer format they were read from (`tag`: the tag's own capture). */
  formats: { format: string; events: number }[];
  /** Events whose value or an item's price could not be read unambiguously (kept as text). */
  ambiguousAmounts: number;
  pageViews: number;
  /** Page views with no type, or `other`, after the server's platform rules. */
  unknownPageTypes: number;
  /** Order events not counted because the site already had the order (any session). */
  ordersDeduplicated: number;
  /** Ended sessions that saw a confirmation (Post Purchase) with no order read. */
  ordersWithoutValue: number;
  /**
   * Revenue in other currencies (money.ts): orders in a currency the site has no rate for, kept
   * apart per currency (never summed into revenue), net of their refunds.
   */
  otherCurrencies: { currency: string; orders: number; amount: number }[];
}

export interface ReportQueries {
  phaseOutcomes(p: Period): Promise<PhaseOutcomeRow[]>;
  /** The same by local day of the site (days since the epoch of the local date). */
  phaseOutcomesByDay(p: Period): Promise<(PhaseOutcomeRow & { day: number })[]>;
  /** Framework segments (all 13, zero rows included) from the session rollup. */
  frameworkTotals(p: Period): Promise<SegmentTotals>;
  /** Custom segments that had sessions. */
  customTotals(p: Period): Promise<SegmentOutcome[]>;
  /** The segment's sessions and the whole site's, over the same period. */
  compare(
    p: Period,
    segment: string,
  ): Promise<{ segment: SessionAggregate; site: SessionAggregate }>;
  daily(p: Period, segment: string): Promise<DailyRow[]>;
  breakdowns(p: Period, segment: string): Promise<BreakdownRow[]>;
  flow(p: Period, segment: string): Promise<FlowRow[]>;
  /** Page rollups by whole local days. */
  topPages(p: Period, segment: string, limit: number): Promise<PageRow[]>;
  overlap(p: Period, a: string, b: string): Promise<OverlapRow>;
  /** Experiment arms, over all sessions or those ever in `segment`. */
  experimentArms(p: Period, segment: string | null): Promise<ArmRow[]>;
  /**
   * Sessions grouped by the recorded data points `reads` (see session-groups.ts), and by the
   * framework bitmask when `framework`; the counts add up to every session of the period.
   */
  sessionGroups(
    p: Period,
    reads: readonly FieldRead[],
    framework: boolean,
  ): Promise<SessionGroup[]>;
  /** Up to `limit` most frequent non-empty values of each string data point, most first. */
  topValues(p: Period, fields: readonly string[], limit: number): Promise<Record<string, string[]>>;
  /** The data-quality figures (raw tables, by event time: a short period). */
  dataQuality(p: Period): Promise<DataQualityRows>;
}
