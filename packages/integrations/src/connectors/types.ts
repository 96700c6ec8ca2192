/** What a delivery connector is: validation of its configuration, a filter, and one send. */
import type { RateLimit } from "../rate-limiter.ts";
import type { RateLimitState, Verdict } from "../retry.ts";
import type { SessionSummary } from "../summary.ts";

/** The receiver's answer (status 0: no answer — network error or timeout). */
export interface SendResult {
  status: number;
  body: string;
  /** From Retry-After, when the receiver sent one. */
  retryAfterMs: number | null;
  /** From RateLimit-Remaining and RateLimit-Reset, when the receiver sent both. */
  rateLimit?: RateLimitState | null;
  /** Overrides the verdict of the status (e.g. GA4's validation server finding errors). */
  verdict?: Verdict;
}

export interface SendOptions {
  timeoutMs: number;
  now: number;
  /** A test send (`intently integrations test`): GA4 uses its validation server. */
  test?: boolean;
  /** Private and loopback destinations allowed (undefined: the environment decides). */
  allowPrivate?: boolean;
}

export interface Connector<C = unknown> {
  kind: string;
  /** Fields of the configuration that are secrets (sealed at rest, never returned). */
  secretFields: readonly string[];
  /** Default rate limit (overridable per integration with `rateLimit`). */
  rate: RateLimit;
  /** A checked configuration, or an Error naming the bad field. */
  validate(raw: Record<string, unknown>): C;
  /** Whether this summary goes to this destination (segment filter, identity needed…). */
  accepts(summary: SessionSummary, config: C): boolean;
  send(summary: SessionSummary, key: string, config: C, opts: SendOptions): Promise<SendResult>;
}

export class ConfigError extends Error {}
