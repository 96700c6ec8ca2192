/**
 * IPS benchmarks (docs/product/reports.md#ips): for each phase, the progression rate (sessions that
 * reached the next phase / sessions that entered it) that scores 0 (floor) and 100 (ceiling).
 * Editable per site (SiteSettings.ipsBenchmarks); these are the shipped defaults.
 */

export const FUNNEL_PHASES = ["engage", "build-intent", "maintain-intent", "convert"] as const;
export type FunnelPhase = (typeof FUNNEL_PHASES)[number];

export interface PhaseBenchmark {
  /** Progression rate scoring 0. */
  floor: number;
  /** Progression rate scoring 100. */
  ceiling: number;
}
export type IpsBenchmarks = Record<FunnelPhase, PhaseBenchmark>;

/**
 * Default floors and ceilings, approximated from public e-commerce funnel benchmarks (rounded;
 * a site should tune them to its vertical):
 * - Engage → Build Intent: sessions that go past browsing (search, filter or a product page).
 *   Product-page reach is commonly 40–60 % of sessions, e-commerce bounce rates 20–45 %.
 *   Floor 30 %, ceiling 70 %.
 * - Build Intent → Maintain Intent: engaged sessions whose intent gets built (roughly the
 *   add-to-cart rate of product viewers, commonly 10–20 %; 5–10 % of all sessions).
 *   Floor 10 %, ceiling 40 %.
 * - Maintain Intent → Convert: sessions with built intent that begin checkout (cart-to-checkout
 *   rates are commonly 40–60 %). Floor 25 %, ceiling 65 %.
 * - Convert → Converted: checkouts that complete (checkout abandonment is commonly 25–60 %;
 *   Baymard's ≈ 70 % cart abandonment counts carts, not checkouts). Floor 35 %, ceiling 80 %.
 */
export const DEFAULT_IPS_BENCHMARKS: IpsBenchmarks = {
  engage: { floor: 0.3, ceiling: 0.7 },
  "build-intent": { floor: 0.1, ceiling: 0.4 },
  "maintain-intent": { floor: 0.25, ceiling: 0.65 },
  convert: { floor: 0.35, ceiling: 0.8 },
};

export const IPS_BANDS = ["very-poor", "poor", "fair", "good", "excellent"] as const;
export type IpsBand = (typeof IPS_BANDS)[number];

export const IPS_BAND_LABELS: Record<IpsBand, string> = {
  "very-poor": "Very Poor",
  poor: "Poor",
  fair: "Fair",
  good: "Good",
  excellent: "Excellent",
};

/** Very Poor [0, 20), Poor [20, 40), Fair [40, 60), Good [60, 80), Excellent [80, 100]. */
export function ipsBand(score: number): IpsBand {
  const i = Math.min(4, Math.max(0, Math.floor(score / 20)));
  return IPS_BANDS[i]!;
}

/** clamp((rate − floor) / (ceiling − floor), 0, 1) × 100. */
export function phaseScore(rate: number, b: PhaseBenchmark): number {
  const span = b.ceiling - b.floor;
  if (!(span > 0)) return rate >= b.ceiling ? 100 : 0;
  return Math.min(1, Math.max(0, (rate - b.floor) / span)) * 100;
}
