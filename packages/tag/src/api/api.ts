/**
 * The in-page API (docs/product/tag.md#in-page-api; names are a contract): `segments.*`, `on`,
 * `push`, `identify`,
 * `consent`, `ready`. It replaces the `window.intently` settings object, keeping its settings.
 */
import { on } from "../core/state.ts";
import type { Module } from "../types.ts";
import { segments } from "./segments.ts";

export interface Controls {
  /** Starts capture; `given` when the visitor consented (`consent(true)`); idempotent. */
  start(given?: unknown): void;
  /** Stops capture and forgets everything stored (consent withdrawn). */
  stop(): void;
  /** Calls an API method provided by a lazy module (`push`, `identify`), or queues the call. */
  call(name: string, x: unknown): void;
  /** Registers the lazily loaded modules. */
  register(mods: Module[]): void;
}

export function createApi(settings: object, c: Controls) {
  return {
    ...settings,
    ready: false,
    /** True once the lazily loaded modules have registered. */
    detectors: false,
    segments,
    on,
    /** A GA4-style `{event, ecommerce}` object, or `{type, …}` (commerce, filter, sort…). */
    push: (event: unknown): void => c.call("push", event),
    /** The shop's id for the visitor (hashed where `hashIdentity` is set). */
    identify: (id: unknown): void => c.call("identify", id),
    consent: (granted: unknown): void => (granted ? c.start(1) : c.stop()),
    _lazy: c.register,
  };
}

export type Api = ReturnType<typeof createApi>;
