/**
 * Per-session state. Every numeric accumulator lives in one Float64Array (indices in `F`) so a
 * live session costs well under 2 KB and every update is a plain indexed write — the engine's
 * O(1)-per-event, allocation-free hot path depends on it.
 */

import type { BotReason } from "../context/bot.ts";
import type { TrafficSource } from "../context/traffic-source.ts";
import type { DeviceType } from "../context/user-agent.ts";
import type { PageType } from "../schema/events.ts";
import { SIGNALS } from "./signals.ts";

export enum F {
  StartT = 0,
  LastT,
  Events,
  PageViews,
  ProductViews,
  ListingViews,
  Searches,
  FilterSorts,
  Clicks,
  Scrolls,
  MaxScroll,
  CartAdds,
  CartRemoves,
  CartQty,
  CartValue,
  CheckoutStep,
  Purchases,
  Revenue,
  ItemPriceSum,
  ItemPriceCount,
  HesitationSum,
  HesitationCount,
  /** 1 while the tab is hidden (cleared by tab_visible or any interaction). */
  TabHidden,
  /** 1 after an idle event until the next activity. */
  Idle,
  /** Last activity time: everything but tab/idle/attention events. */
  LastActivityT,
  PageHash0,
  PageHash1,
  PageHash2,
  PageHash3,
  MinuteStartT,
  MinuteViews,
  /** Indices into STAGES, PHASES, INTENT_LEVELS, STATES. */
  Stage,
  Phase,
  Intent,
  State,
  XC,
  XATC,
  XE,
  XC0,
  XATC0,
  XE0,
  XCMax,
  XATCMax,
  XEMax,
  /** Exponential moving averages of each score's per-event change (log-odds), for trends. */
  XCTrend,
  XATCTrend,
  XETrend,
  /** Hash of the last event (type, time, page) to drop exact duplicates. */
  LastEventHash,
  /** Bit i set when the session has been in framework segment i. */
  SegmentsSeen,
  /**
   * Band indices (0 very low … 4 very high) of XC, XATC, XE, read against the site's cut points
   * when the score was last set by an event or changed at a deadline: not re-read when the cut
   * points move (docs/product/engine.md#time).
   */
  XCBand,
  XATCBand,
  XEBand,
  /** The session's slot in the engine's deadline queue + 1; 0 when not queued (deadlines.ts). */
  TimerSlot,
  Cat0Views,
  Cat0Listings = Cat0Views + 6,
  Brand0Views = Cat0Listings + 6,
  SignalBase = Brand0Views + 4,
}

export const MAX_CATEGORIES = 6;
export const MAX_BRANDS = 4;
const SIGNAL_FIELDS = 3;
export const NUM_FIELDS = F.SignalBase + SIGNALS.length * SIGNAL_FIELDS;

export const sigCount = (i: number) => F.SignalBase + i * SIGNAL_FIELDS;
export const sigLastT = (i: number) => F.SignalBase + i * SIGNAL_FIELDS + 1;
export const sigLastIdx = (i: number) => F.SignalBase + i * SIGNAL_FIELDS + 2;

export class SessionState {
  /** Accumulators indexed by F; a view into the engine's slab while the session is live. */
  n: Float64Array;
  /** Heavy-hitter slots (space-saving algorithm) for category and brand affinity. */
  // Exactly-sized: a growing JS array would reserve 17 slots on its first push.
  readonly categories: (string | undefined)[] = new Array(MAX_CATEGORIES).fill(undefined);
  readonly brands: (string | undefined)[] = new Array(MAX_BRANDS).fill(undefined);
  source: TrafficSource = "direct";
  sourceName = "";
  medium = "";
  campaign = "";
  landingPath = "";
  landingType: PageType | "" = "";
  pagePath = "";
  pageType: PageType | "" = "";
  device: DeviceType = "other";
  browser = "";
  os = "";
  country = "";
  lang = "";
  returning = false;
  previousSessions = 0;
  previousPurchases = 0;
  bot: BotReason | null = null;
  identified: string | null = null;
  /** "experiment:variant" pairs seen, bounded. */
  experiments: string[] | null = null;
  /** Identities of the orders and refunds counted this session (orders.ts), bounded. */
  orders: string[] | null = null;
  /** Custom dataLayer properties the site declares. */
  props: Record<string, string | number | boolean> | null = null;
  /** Custom segments matched now, and every custom segment matched this session (ids). */
  custom: string[] | null = null;
  customEver: string[] | null = null;

  constructor(
    readonly site: string,
    readonly visitor: string,
    readonly id: string,
    n?: Float64Array,
  ) {
    this.n = n ?? new Float64Array(NUM_FIELDS);
  }
}
