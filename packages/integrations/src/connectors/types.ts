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

/** Field readers for configuration validation. */
export const field = {
  string(raw: Record<string, unknown>, name: string, pattern?: RegExp): string {
    const v = raw[name];
    if (typeof v !== "string" || v.trim() === "") throw new ConfigError(`${name} is required`);
    if (pattern && !pattern.test(v)) throw new ConfigError(`${name} is not valid: ${pattern}`);
    return v.trim();
  },
  optString(raw: Record<string, unknown>, name: string, fallback: string, pattern?: RegExp) {
    return raw[name] === undefined || raw[name] === ""
      ? fallback
      : field.string(raw, name, pattern);
  },
  url(raw: Record<string, unknown>, name: string, fallback?: string): string {
    const v =
      fallback !== undefined && raw[name] === undefined ? fallback : field.string(raw, name);
    let u: URL;
    try {
      u = new URL(v);
    } catch {
      throw new ConfigError(`${name} is not a URL`);
    }
    if (u.protocol !== "https:" && u.protocol !== "http:")
      throw new ConfigError(`${name} must be an http(s) URL`);
    return v.replace(/\/+$/, "");
  },
  segments(raw: Record<string, unknown>): string[] {
    const v = raw.segments;
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v) || v.some((s) => typeof s !== "string"))
      throw new ConfigError("segments must be a list of segment ids");
    return v as string[];
  },
  timeout(raw: Record<string, unknown>): number | undefined {
    const v = raw.timeoutMs;
    if (v === undefined) return undefined;
    if (typeof v !== "number" || !(v >= 100 && v <= 120_000))
      throw new ConfigError("timeoutMs must be between 100 and 120000");
    return v;
  },
};
