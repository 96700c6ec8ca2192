/**
 * Types shared by the tag's modules. Wire types come from the engine's schema (type-only
 * imports: nothing of the engine ends up in the bundle).
 */
import type { Event, PageType } from "@intently/engine";
import type { guard, listen } from "./core/guard.ts";

export type { Batch, Context, Event, Item, PageType } from "@intently/engine";
export type { Off } from "./core/guard.ts";

/**
 * The core's settings; their defaults are `CORE_DEFAULTS` (core/config.ts), each threshold a
 * named constant in the module that uses it. Declared here, so that config.ts imports the
 * modules whose constants it collects and no module imports config.ts back (no import circle).
 */
export interface CoreConfig {
  /** Site public key (`pk_…`) and collector base URL: required. */
  site: string;
  endpoint: string;
  /** Send and store nothing until `intently.consent(true)`. */
  requireConsent: boolean;
  /** Treat `navigator.globalPrivacyControl` as "no consent" (until `consent(true)`). */
  respectGPC: boolean;
  /** Load the lazy modules (`intently.detectors.js`, beside the tag, or `detectorsUrl`). */
  lazy: boolean;
  detectorsUrl: string;
  /** Name of the GA4 dataLayer array. */
  dataLayer: string;
  /** URL rules (regex source on path + query → page type), first match wins. */
  pageTypes: [string, PageType][];
  flushMs: number;
  maxEvents: number;
  maxBytes: number;
  queueSize: number;
  rate: number;
  burst: number;
  sessionMs: number;
}

/** The lazy modules' settings; defaults `LAZY_DEFAULTS` (core/config-lazy.ts). */
export interface LazyConfig {
  /** `identify(id)` sends SHA-256(lower-cased, trimmed id) instead of the id. */
  hashIdentity: boolean;
  /** Custom dataLayer keys sent as `set` properties (e.g. "customer_tier"). */
  props: string[];
  /**
   * Push `{event: "intently_segment_enter", intently_segment}` onto the dataLayer on each
   * segment entry: true, false, or unset (when the page has its own dataLayer array).
   */
  gtm: boolean | undefined;
  idleMs: number;
  rageClicks: number;
  rageGapMs: number;
  rageMaxPx: number;
  deadMs: number;
  deadScrollMs: number;
  deadFocusMs: number;
  errorClickMs: number;
  thrashWindowMs: number;
  thrashTurns: number;
  thrashAccel: number;
  uTurnMs: number;
  exitTopPx: number;
  exitMinMs: number;
  exitScrollPx: number;
  exitScrollMs: number;
}

export type Config = CoreConfig &
  LazyConfig & {
    /** Set by `consent(true)`: batches then carry `consent: true` (unset: not sent). */
    consented?: true;
  };

/** An event before the pipeline stamps its time `t`. */
export type Draft = Event extends infer E
  ? E extends Event
    ? Omit<E, "t"> & { t?: number }
    : never
  : never;

/**
 * What every capture module gets from the core, whether it is bundled in the core or in the
 * lazily loaded detectors (which share the core's config, pipeline and guard through it).
 */
export interface Ctx {
  cfg: Config;
  emit(e: Draft): void;
  listen: typeof listen;
  guard: typeof guard;
  /** Counts a purchase towards the visitor's previousPurchases. */
  purchased(): void;
  /** Emits a page view of the current location (referrer: a raw URL, scrubbed here). */
  view(referrer?: string): void;
  /** The current page's `page_engagement` event (time on page, scroll depth). */
  engagement(): Draft;
  /** Deepest scroll reached on this page, 0–100 (provided by the scroll module). */
  maxDepth?: () => number;
  /** API methods provided by lazy modules (`push`, `identify`); calls wait until they are. */
  api: Record<string, (x: unknown) => void>;
}

/** A capture module: started when consent allows, stopped when it is withdrawn. */
export interface Module {
  start(ctx: Ctx): void;
  stop(): void;
}
