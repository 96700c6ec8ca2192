/** An ended engine session (SessionState) and its recorded intervals → one sessions row. */
import { createHash } from "node:crypto";
import {
  F,
  FRAMEWORK_SEGMENT_IDS,
  type FrameworkSegmentId,
  INTENT_LEVELS,
  PHASES,
  type SessionState,
  SIGNALS,
  type Signal,
  STAGES,
  STATES,
  segmentIndex,
  sigCount,
} from "@intently/engine";
import type { IntervalRow, SessionRow } from "./rows.ts";

const FRAMEWORK_INDEX = new Map<string, number>(FRAMEWORK_SEGMENT_IDS.map((id, i) => [id, i]));

export function sha256Hex(s: string): string {
  return createHash("sha256").update(s).digest("hex");
}

/**
 * Segment memberships as recorded in the intervals (the source of truth for "ever in"):
 * the framework bitmask, framework ids in canonical order, custom ids in order of first entry.
 */
export function membershipsOf(intervals: readonly IntervalRow[]): {
  frameworkSeen: number;
  framework: FrameworkSegmentId[];
  custom: string[];
} {
  let bits = 0;
  const custom: string[] = [];
  for (const iv of intervals) {
    const i = FRAMEWORK_INDEX.get(iv.segment);
    if (i !== undefined) bits |= 1 << i;
    else if (!custom.includes(iv.segment)) custom.push(iv.segment);
  }
  const framework = FRAMEWORK_SEGMENT_IDS.filter((_, i) => bits & (1 << i));
  return { frameworkSeen: bits, framework, custom };
}

export function sessionRowOf(
  s: SessionState,
  endedAt: number,
  intervals: readonly IntervalRow[],
  finalSegment?: string,
): SessionRow {
  const n = s.n;
  const m = membershipsOf(intervals);
  const signals = {} as Record<Signal, number>;
  SIGNALS.forEach((sig, i) => {
    signals[sig] = n[sigCount(i)]!;
  });
  const orders = n[F.Purchases]!;
  const fallback = FRAMEWORK_SEGMENT_IDS[segmentIndex(s)]!;
  return {
    site: s.site,
    session: s.id,
    visitor: s.visitor,
    startedAt: n[F.StartT]!,
    lastEventAt: n[F.LastT]!,
    endedAt,
    device: s.device,
    browser: s.browser,
    os: s.os,
    country: s.country,
    language: s.lang,
    trafficSource: s.source,
    sourceName: s.sourceName,
    medium: s.medium,
    campaign: s.campaign,
    landingPage: s.landingPath,
    landingPageType: s.landingType,
    returning: s.returning,
    previousSessions: s.previousSessions,
    previousPurchases: s.previousPurchases,
    events: n[F.Events]!,
    pageViews: n[F.PageViews]!,
    productViews: n[F.ProductViews]!,
    searches: n[F.Searches]!,
    cartAdds: n[F.CartAdds]!,
    stage: STAGES[n[F.Stage]!]!,
    phase: PHASES[n[F.Phase]!]!,
    state: STATES[n[F.State]!]!,
    intent: INTENT_LEVELS[n[F.Intent]!]!,
    finalSegment: (finalSegment ?? fallback) as FrameworkSegmentId,
    frameworkSeen: m.frameworkSeen,
    persistedSegments: [...m.framework, ...m.custom],
    customSegments: m.custom,
    customFinal: [...(s.custom ?? [])],
    xcInitial: n[F.XC0]!,
    xcFinal: n[F.XC]!,
    xcMax: n[F.XCMax]!,
    xatcInitial: n[F.XATC0]!,
    xatcFinal: n[F.XATC]!,
    xatcMax: n[F.XATCMax]!,
    xeInitial: n[F.XE0]!,
    xeFinal: n[F.XE]!,
    xeMax: n[F.XEMax]!,
    revenue: n[F.Revenue]!,
    orders,
    purchased: orders > 0,
    addedToCart: n[F.CartAdds]! > 0,
    bot: s.bot !== null,
    botReason: s.bot,
    identifiedHash: s.identified ? sha256Hex(s.identified) : null,
    experiments: [...(s.experiments ?? [])],
    signals,
  };
}
