/**
 * What every headline figure of the overview and the segment report means: its formula and where
 * its numbers come from, in one place. The dashboard's tooltips show these texts (imported as
 * `@intently/api-contract/metrics`: this file imports nothing, so the browser bundle takes it
 * alone), the report schemas (answers.ts) describe their fields with them in
 * /api/openapi.json, and docs/product/metrics.md lists the same formulas (a test keeps them
 * equal). The computations are the store's: packages/store/src/reports/ips.ts and segment.ts.
 */

export interface MetricText {
  label: string;
  formula: string;
  source: string;
}

/** Where the overview's numbers come from. */
const PHASE_SOURCE =
  "Non-bot sessions that started in the period and have ended, by the furthest phase each reached (phases never move backwards).";
/** Where the segment report's numbers come from. */
const SEGMENT_SOURCE =
  "Non-bot sessions that started in the period, have ended and were in the segment at any moment.";

export const METRICS = {
  ips: {
    label: "Intent Performance Score",
    formula:
      "Mean of the four phase scores, each weighted by the sessions that entered the phase; 0–100, bands of 20 (Very Poor, Poor, Fair, Good, Excellent).",
    source: PHASE_SOURCE,
  },
  phaseScore: {
    label: "Phase score",
    formula:
      "(progression rate − benchmark floor) / (ceiling − floor) × 100, clamped to 0–100: a rate at or above the ceiling scores 100 even when sessions still drop.",
    source: PHASE_SOURCE,
  },
  progression: {
    label: "Progressed",
    formula:
      "Sessions that reached the next phase / sessions that entered this one (a session that skipped a phase passed through it).",
    source: PHASE_SOURCE,
  },
  dropOff: {
    label: "Drop-off",
    formula:
      "Sessions that entered the phase − sessions that progressed: their furthest phase is this one.",
    source: PHASE_SOURCE,
  },
  revenueAtStake: {
    label: "Revenue at stake",
    formula:
      "Dropped sessions × revenue per progressing session (revenue of the sessions that went past the phase / their number): what the dropped sessions would have brought had they done as well.",
    source: `${PHASE_SOURCE} Revenue: their orders, in the site's currency.`,
  },
  revenueAtStakeTotal: {
    label: "Revenue at stake (all phases)",
    formula:
      "Sum of the four phases' revenue at stake. It counts revenue not earned, each phase as if its dropped sessions had gone on, so it can exceed the period's revenue.",
    source: `${PHASE_SOURCE} Revenue: their orders, in the site's currency.`,
  },
  weakestPhase: {
    label: "Weakest phase",
    formula:
      "The phase with the most revenue at stake (with no revenue recorded, the most dropped sessions): where fixing the drop-off is worth the most.",
    source: PHASE_SOURCE,
  },
  converted: {
    label: "Converted",
    formula: "Sessions that progressed past Convert: sessions with a purchase.",
    source: PHASE_SOURCE,
  },
  sessions: {
    label: "Sessions",
    formula: "Count of sessions; a session counts once it ends (30 minutes without an event).",
    source: "Non-bot sessions that started in the period, by the site's local days.",
  },
  benchmark: {
    label: "Benchmark",
    formula:
      "The progression rate that scores 0 (floor) and 100 (ceiling). Shipped defaults are Intently's own estimates, rounded from public e-commerce funnel rates (product-page reach, add-to-cart, cart-to-checkout, checkout completion), not a measured industry benchmark; each site can set its own (site settings, ipsBenchmarks).",
    source: "The site's settings, or the shipped defaults.",
  },
  segmentSessions: {
    label: "Sessions",
    formula: "Count of sessions in the segment; visitors: distinct visitors among them.",
    source: SEGMENT_SOURCE,
  },
  share: {
    label: "Share of traffic",
    formula: "Sessions in the segment / all sessions of the period.",
    source: SEGMENT_SOURCE,
  },
  conversionRate: {
    label: "Conversion rate",
    formula:
      "Sessions with a purchase / sessions; “vs site”: the difference in points with the same rate over all sessions.",
    source: SEGMENT_SOURCE,
  },
  revenue: {
    label: "Revenue",
    formula: "Sum of the sessions' orders; AOV (average order value) = revenue / orders.",
    source: `${SEGMENT_SOURCE} Whole sessions' orders, in the site's currency.`,
  },
  revenuePerSession: {
    label: "Revenue per session",
    formula:
      "Revenue / sessions; “vs site”: the difference with the same figure over all sessions.",
    source: `${SEGMENT_SOURCE} Whole sessions' orders, in the site's currency.`,
  },
  purchaseConfidence: {
    label: "Purchase confidence (xC)",
    formula:
      "Mean of each session's final xC (the model's probability that the session buys); mean max: mean of each session's highest xC; highest: the highest of all.",
    source: SEGMENT_SOURCE,
  },
} as const satisfies Record<string, MetricText>;

export type MetricId = keyof typeof METRICS;
