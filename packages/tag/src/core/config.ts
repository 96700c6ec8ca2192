/**
 * The core's part of the one default configuration (`DEFAULTS`, in defaults.ts), merged with
 * the page's `window.intently` settings. Every threshold is a named constant at the top of the
 * module that uses it (defaults: docs/product/tag.md#signals). The lazy modules' part
 * (config-lazy.ts) travels in their bundle and is filled in when they load, so each bundle carries
 * only its own defaults. The settings' types are declared in types.ts: no module imports this one
 * back.
 */
import { PAGE_RULES } from "../data/page.ts";
import type { Config, CoreConfig } from "../types.ts";
import { SESSION_MS } from "./ids.ts";
import { FLUSH_MS, MAX_BYTES, MAX_EVENTS } from "./pipeline.ts";
import { QUEUE_SIZE } from "./queue.ts";
import { RATE_BURST, RATE_PER_S } from "./rate-limit.ts";

export type { Config };

export const CORE_DEFAULTS: CoreConfig = {
  site: "",
  endpoint: "",
  requireConsent: false,
  respectGPC: true,
  lazy: true,
  detectorsUrl: "",
  dataLayer: "dataLayer",
  pageTypes: PAGE_RULES,
  flushMs: FLUSH_MS,
  maxEvents: MAX_EVENTS,
  maxBytes: MAX_BYTES,
  queueSize: QUEUE_SIZE,
  rate: RATE_PER_S,
  burst: RATE_BURST,
  sessionMs: SESSION_MS,
};

/** Core defaults + settings; the lazy part is filled in by the lazy bundle. */
export function configure(settings: Partial<Config>): Config {
  return { ...CORE_DEFAULTS, ...settings } as Config;
}
