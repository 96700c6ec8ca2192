/**
 * The rows the store keeps, as the recorder produces them. Times are epoch milliseconds; ids are
 * the engine's strings. These shapes are the contract between writers and any backend.
 */
import type {
  BehaviourState,
  Event,
  FrameworkSegmentId,
  IntentLevel,
  Phase,
  Signal,
  SiteMoneyBook,
  Stage,
} from "@intently/engine";

/** One collected event. `items` and `data` are JSON text (data: the event's other fields). */
export interface EventRow {
  site: string;
  session: string;
  visitor: string;
  t: number;
  type: string;
  pageUrl: string | null;
  pageType: string | null;
  items: string | null;
  value: number | null;
  data: string | null;
  /** Bot flag as known when the event was processed (sessions.bot is the final word). */
  bot: boolean;
}

/**
 * One ended session with its outcome (the summary of docs/product/activation.md#integrations plus
 * everything reports group by).
 */
export interface SessionRow {
  site: string;
  session: string;
  visitor: string;
  startedAt: number;
  /** Time of the last event. */
  lastEventAt: number;
  /** When the session ended (the engine timed it out or it was ended); closes its intervals. */
  endedAt: number;
  device: string;
  browser: string;
  os: string;
  country: string;
  language: string;
  trafficSource: string;
  sourceName: string;
  medium: string;
  campaign: string;
  landingPage: string;
  landingPageType: string;
  returning: boolean;
  previousSessions: number;
  previousPurchases: number;
  events: number;
  pageViews: number;
  productViews: number;
  searches: number;
  cartAdds: number;
  stage: Stage;
  /** Final phase = the furthest phase reached (phases never move backwards). */
  phase: Phase;
  state: BehaviourState;
  intent: IntentLevel;
  finalSegment: FrameworkSegmentId;
  /** Bit i set when the session had an interval in FRAMEWORK_SEGMENT_IDS[i] (write-time rollup). */
  frameworkSeen: number;
  /** Every segment the session was ever in: framework ids first, then custom ids. */
  persistedSegments: string[];
  /** Custom segments the session was ever in. */
  customSegments: string[];
  /** Custom segments matched when the session ended. */
  customFinal: string[];
  xcInitial: number;
  xcFinal: number;
  xcMax: number;
  xatcInitial: number;
  xatcFinal: number;
  xatcMax: number;
  xeInitial: number;
  xeFinal: number;
  xeMax: number;
  revenue: number;
  orders: number;
  purchased: boolean;
  addedToCart: boolean;
  bot: boolean;
  botReason: string | null;
  /** SHA-256 (hex) of the id given to intently.identify, or null. */
  identifiedHash: string | null;
  /** Experiment exposures as "experiment:variant". */
  experiments: string[];
  /** Count of every behaviour signal this session (engine SIGNALS). */
  signals: Record<Signal, number>;
}

/**
 * One stay of a session in one segment: [enteredAt, exitedAt). For framework segments
 * prevSegment/nextSegment are the framework segments before and after (null at the session's
 * start or end); for custom segments they are the framework segment in force at entry and exit.
 */
export interface IntervalRow {
  site: string;
  session: string;
  visitor: string;
  sessionStart: number;
  segment: string;
  enteredAt: number;
  exitedAt: number;
  prevSegment: string | null;
  nextSegment: string | null;
  bot: boolean;
}

/**
 * Page views rolled up at write time by the session's start day (the site's local day, see
 * local-days.ts), the segment the session was in when it viewed the page, and the page path.
 * Bot sessions are left out. Rows are additive: reports sum them. They hold no visitor identifiers.
 */
export interface PageViewRow {
  site: string;
  day: number;
  segment: string;
  path: string;
  pageType: string;
  views: number;
  /** Sessions that viewed the page while in the segment (each counted once per row key). */
  sessions: number;
}

/** Where the recorder sends rows; every Store is one. */
export interface RowSink {
  writeEvents(rows: readonly EventRow[]): void;
  writeSessions(rows: readonly SessionRow[]): void;
  writeIntervals(rows: readonly IntervalRow[]): void;
  writePageViews(rows: readonly PageViewRow[]): void;
  /** The local day of `t` in the site's time zone; UTC days when absent. */
  localDay?(site: string, t: number): number;
  /** Orders once per site (orders.ts): the recorder feeds it and settles ended sessions' rows. */
  readonly orders?: OrderSink;
}

/** What the recorder asks of the order ledger (orders.ts implements it; declared here, where
 * the rows are, so that the ledger depends on the rows and not the other way round). */
export interface OrderSink {
  event(ref: { site: string; session: string; visitor: string }, e: Event): void;
  settle(row: SessionRow): SessionRow;
  /** A settled session's orders and revenue once per site, taken once (integrations read it). */
  settled(site: string, session: string): SettledOrders | undefined;
  /** The sites' money settings to convert orders with: the engine host's, shared with its engine. */
  useMoney(book: SiteMoneyBook): void;
}

/** A session's orders and revenue once per site. */
export interface SettledOrders {
  orders: number;
  revenue: number;
}

export const DAY_MS = 86_400_000;

/**
 * The fields of an event row that make it the same event (visitor and bot flag do not): every
 * backend stores an event once by this key (DuckDB compares it, ClickHouse hashes it).
 */
export type EventIdentity = Pick<
  EventRow,
  "site" | "session" | "t" | "type" | "pageUrl" | "pageType" | "items" | "value" | "data"
>;

export const eventKey = (e: EventIdentity) =>
  JSON.stringify([
    e.site,
    e.session,
    Math.round(e.t),
    e.type,
    e.pageUrl,
    e.pageType,
    e.items,
    e.value,
    e.data,
  ]);
