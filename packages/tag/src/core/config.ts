/**
 * The core's part of the one default configuration (`DEFAULTS`, in defaults.ts), merged with
 * the page's `window.intently` settings. Every threshold is a named constant at the top of the
 * module that uses it (SPEC §2 defaults). The lazy modules' part (config-lazy.ts) travels in
 * their bundle and is filled in when they load, so each bundle carries only its own defaults.
 */
import { PAGE_RULES } from "../data/page.ts";
import type { LAZY_DEFAULTS } from "./config-lazy.ts";
import { SESSION_MS } from "./ids.ts";
import { FLUSH_MS, MAX_BYTES, MAX_EVENTS } from "./pipeline.ts";
import { QUEUE_SIZE } from "./queue.ts";
import { RATE_BURST, RATE_PER_S } from "./rate-limit.ts";

export const CORE_DEFAULTS = {
  /** Site public key (`pk_…`) and collector base URL: required. */
  site: "",
  endpoint: "",
  /** Send and store nothing until `intently.consent(true)`. */
  requireConsent: false,
  /** Treat `navigator.globalPrivacyControl` as "no consent" (until `consent(true)`). */
  respectGPC: true,
  /** Load the lazy modules (`intently.detectors.js`, beside the tag, or `detectorsUrl`). */
  lazy: true,
  detectorsUrl: "",
  /** Name of the GA4 dataLayer array. */
  dataLayer: "dataLayer",
  /** URL rules (regex source on path + query → page type), first match wins. */
  pageTypes: PAGE_RULES,
  flushMs: FLUSH_MS,
  maxEvents: MAX_EVENTS,
  maxBytes: MAX_BYTES,
  queueSize: QUEUE_SIZE,
  rate: RATE_PER_S,
  burst: RATE_BURST,
  sessionMs: SESSION_MS,
};

export type Config = typeof CORE_DEFAULTS &
  typeof LAZY_DEFAULTS & {
    /** Set by `consent(true)`: batches then carry `consent: true` (unset: not sent). */
    consented?: true;
  };

/** Core defaults + settings; the lazy part is filled in by the lazy bundle. */
export function configure(settings: Partial<Config>): Config {
  return { ...CORE_DEFAULTS, ...settings } as Config;
}
