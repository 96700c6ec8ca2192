/**
 * A small, hand-computable data set written straight through the store: the sessions of
 * fixture-sessions.ts turned into session and interval rows, a few events and page rollups.
 * The report tests derive their expected figures by hand from that table.
 */
import {
  FRAMEWORK_SEGMENT_IDS,
  type FrameworkSegmentId,
  PHASES,
  SIGNALS,
  type Signal,
} from "@intently/engine";
import { DAY_MS, type Store } from "../src/index.ts";
import type { EventRow, IntervalRow, PageViewRow, SessionRow } from "../src/rows.ts";
import { M, SITE, SPECS, type Spec, T0 } from "./fixture-sessions.ts";

export { H, M, SITE, SPECS, T0 } from "./fixture-sessions.ts";
export const DAY0 = T0 / DAY_MS;

const PHASE_OF_SEGMENT = (seg: string) =>
  PHASES[Math.min(4, Math.floor((FRAMEWORK_SEGMENT_IDS as readonly string[]).indexOf(seg) / 3))]!;
const STAGE_OF_PHASE = {
  engage: "browsing",
  "build-intent": "evaluating",
  "maintain-intent": "deciding",
  convert: "committing",
  converted: "post-purchase",
} as const;

export function rowsOf(s: Spec): { session: SessionRow; intervals: IntervalRow[] } {
  const at = (min: number) => s.start + min * M;
  const bot = s.bot ?? false;
  const base = { site: SITE, session: s.id, visitor: s.visitor, sessionStart: s.start, bot };
  const intervals: IntervalRow[] = s.path.map(([segment, from, to], i) => ({
    ...base,
    segment,
    enteredAt: at(from),
    exitedAt: at(to),
    prevSegment: s.path[i - 1]?.[0] ?? null,
    nextSegment: s.path[i + 1]?.[0] ?? null,
  }));
  for (const c of s.custom ?? [])
    intervals.push({
      ...base,
      segment: c.segment,
      enteredAt: at(c.from),
      exitedAt: at(c.to),
      prevSegment: c.prev,
      nextSegment: c.next,
    });
  let bits = 0;
  for (const [seg] of s.path)
    bits |= 1 << (FRAMEWORK_SEGMENT_IDS as readonly string[]).indexOf(seg);
  const custom = [...new Set((s.custom ?? []).map((c) => c.segment))];
  const final = s.path[s.path.length - 1]!;
  const phase = PHASE_OF_SEGMENT(final[0]);
  const signals = Object.fromEntries(SIGNALS.map((k) => [k, s.signals?.[k] ?? 0])) as Record<
    Signal,
    number
  >;
  const orders = s.orders ?? 0;
  const session: SessionRow = {
    site: SITE,
    session: s.id,
    visitor: s.visitor,
    startedAt: s.start,
    lastEventAt: at(final[2] - 30),
    endedAt: at(final[2]),
    device: s.device,
    browser: "Chrome",
    os: "iOS",
    country: s.country,
    language: "en-GB",
    trafficSource: s.source,
    sourceName: "",
    medium: "",
    campaign: "",
    landingPage: "/",
    landingPageType: s.landing,
    returning: s.returning,
    previousSessions: s.returning ? 1 : 0,
    previousPurchases: 0,
    events: 10,
    pageViews: 3,
    productViews: 1,
    searches: 0,
    cartAdds: orders > 0 ? 1 : 0,
    stage: STAGE_OF_PHASE[phase],
    phase,
    state: "abandon",
    intent: "low",
    finalSegment: final[0] as FrameworkSegmentId,
    frameworkSeen: bits,
    persistedSegments: [...FRAMEWORK_SEGMENT_IDS.filter((_, i) => bits & (1 << i)), ...custom],
    customSegments: custom,
    customFinal: [],
    xcInitial: s.xc[0],
    xcFinal: s.xc[1],
    xcMax: s.xc[2],
    xatcInitial: 0.1,
    xatcFinal: 0.1,
    xatcMax: 0.1,
    xeInitial: 0.1,
    xeFinal: 0.1,
    xeMax: 0.1,
    revenue: s.revenue ?? 0,
    orders,
    purchased: orders > 0,
    addedToCart: orders > 0,
    bot,
    botReason: bot ? "user-agent" : null,
    identifiedHash: null,
    experiments: s.experiments ?? [],
    signals,
  };
  return { session, intervals };
}

export function eventsOf(s: Spec): EventRow[] {
  return [0, 1].map((i) => ({
    site: SITE,
    session: s.id,
    visitor: s.visitor,
    t: s.start + i * M,
    type: "page_view",
    pageUrl: "https://shop.example/",
    pageType: "home",
    items: null,
    value: null,
    data: null,
    bot: s.bot ?? false,
  }));
}

/** Page views of focused-browsers on days 0, 1 (in period), 2 (outside) and another segment. */
export const PAGE_VIEWS: PageViewRow[] = [
  {
    site: SITE,
    day: DAY0,
    segment: "focused-browsers",
    path: "/",
    pageType: "home",
    views: 3,
    sessions: 2,
  },
  {
    site: SITE,
    day: DAY0,
    segment: "focused-browsers",
    path: "/c/shoes",
    pageType: "category",
    views: 1,
    sessions: 1,
  },
  {
    site: SITE,
    day: DAY0 + 1,
    segment: "focused-browsers",
    path: "/",
    pageType: "home",
    views: 4,
    sessions: 4,
  },
  {
    site: SITE,
    day: DAY0 + 1,
    segment: "focused-browsers",
    path: "/c/shoes",
    pageType: "category",
    views: 2,
    sessions: 1,
  },
  {
    site: SITE,
    day: DAY0 + 2,
    segment: "focused-browsers",
    path: "/",
    pageType: "home",
    views: 10,
    sessions: 10,
  },
  {
    site: SITE,
    day: DAY0,
    segment: "focused-explorers",
    path: "/p/1",
    pageType: "product",
    views: 9,
    sessions: 5,
  },
  {
    site: SITE,
    day: DAY0 - 3,
    segment: "focused-browsers",
    path: "/old",
    pageType: "home",
    views: 1,
    sessions: 1,
  },
];

/** Writes the whole fixture and flushes. */
export async function writeFixture(store: Store): Promise<void> {
  for (const spec of SPECS) {
    const { session, intervals } = rowsOf(spec);
    store.writeSessions([session]);
    store.writeIntervals(intervals);
    store.writeEvents(eventsOf(spec));
  }
  store.writePageViews(PAGE_VIEWS);
  await store.flush();
}

/** The report period: days 0 and 1. */
export const PERIOD = { site: SITE, from: T0, to: T0 + 2 * DAY_MS };

/** Asserts |a − b| ≤ 1e-9 (DuckDB and JS may sum doubles in different orders). */
export function near(actual: number | null | undefined, expected: number, msg?: string): void {
  if (actual === null || actual === undefined || Math.abs(actual - expected) > 1e-9)
    throw new Error(`${msg ?? "value"}: expected ${expected}, got ${actual}`);
}
