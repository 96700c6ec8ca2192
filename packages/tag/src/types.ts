/**
 * Types shared by the tag's modules. Wire types come from the engine's schema (type-only
 * imports: nothing of the engine ends up in the bundle).
 */
import type { Event } from "@intently/engine";
import type { Config } from "./core/config.ts";
import type { guard, listen } from "./core/guard.ts";

export type { Batch, Context, Event, Item, PageType } from "@intently/engine";

/** An event before the pipeline stamps its time `t`. */
export type Draft = Event extends infer E
  ? E extends Event
    ? Omit<E, "t"> & { t?: number }
    : never
  : never;

export type Off = () => void;

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
