/**
 * Delivery policy: which answers are final, the retry schedule, Retry-After and the RateLimit-*
 * headers. The rate limiter itself is ./rate-limiter.ts.
 */

export interface RetryPolicy {
  /**
   * Delay before each retry, ms: after failed attempt n the next comes `schedule[n−1]` later;
   * after the last one the message is a dead letter (so `schedule.length + 1` attempts). A
   * 429 is not an attempt (it waits for the rate limit and is tried again).
   */
  schedule: readonly number[];
  /** Random spread of each delay: × (1 − jitter … 1 + jitter), so retries do not come in waves. */
  jitter: number;
}

const S = 1000;
const MIN = 60 * S;
const H = 60 * MIN;

/**
 * The Standard Webhooks example schedule (its table "Example retry schedule") up to its 20 h
 * step: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h → 9 attempts over 51 h 35 min 5 s
 * (46 h 25 min – 56 h 44 min with the ±10 % jitter). It stops before 72 h, the age past which
 * GA4 refuses events, and gives a receiver two working days to come back.
 */
export const DEFAULT_RETRY: RetryPolicy = {
  schedule: [5 * S, 5 * MIN, 30 * MIN, 2 * H, 5 * H, 10 * H, 14 * H, 20 * H],
  jitter: 0.1,
};

/** Attempts before a message is a dead letter. */
export const maxAttempts = (p: RetryPolicy): number => p.schedule.length + 1;

/** The shortest time from the first attempt to the last (every delay at its lowest jitter). */
export const minRetrySpanMs = (p: RetryPolicy): number =>
  p.schedule.reduce((a, d) => a + d, 0) * (1 - p.jitter);

/**
 * The delay after failed attempt `attempt` (1 for the first), or null when it was the last.
 */
export function backoffMs(attempt: number, p: RetryPolicy, random = Math.random): number | null {
  const d = p.schedule[attempt - 1];
  if (d === undefined || attempt < 1) return null;
  return Math.round(d * (1 - p.jitter + 2 * p.jitter * random()));
}

/** Checks a schedule given in options (a clear error rather than a silent odd policy). */
export function checkRetryPolicy(p: RetryPolicy): RetryPolicy {
  if (!Array.isArray(p.schedule) || p.schedule.some((d) => !(Number.isFinite(d) && d >= 0)))
    throw new Error("retry.schedule must be a list of delays in ms (numbers ≥ 0)");
  if (!(p.jitter >= 0 && p.jitter < 1)) throw new Error("retry.jitter must be in [0, 1)");
  return p;
}

/** A Retry-After above this is treated as this (a receiver cannot park us for a day). */
export const MAX_RETRY_AFTER_MS = 60 * 60_000;

/** Retry-After in ms (delta-seconds or an HTTP date), or null when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (header === null || header.trim() === "") return null;
  const v = header.trim();
  const ms = /^\d+(\.\d+)?$/.test(v) ? Number(v) * 1000 : Date.parse(v) - now;
  if (!Number.isFinite(ms)) return null;
  return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, Math.ceil(ms)));
}

/** What a receiver's RateLimit-Remaining / RateLimit-Reset headers said. */
export interface RateLimitState {
  /** Requests left in the receiver's current window. */
  remaining: number;
  /** Until that window resets, ms. */
  resetMs: number;
}

/**
 * RateLimit-Remaining and RateLimit-Reset (delta seconds), as Klaviyo sends them on every
 * answer that is not a 429 (IETF draft "RateLimit header fields for HTTP"); null when either
 * is absent or not a number.
 */
export function rateLimitState(
  remaining: string | undefined,
  reset: string | undefined,
): RateLimitState | null {
  if (remaining === undefined || reset === undefined) return null;
  const r = remaining.trim();
  const t = reset.trim();
  if (!/^\d+$/.test(r) || !/^\d+(\.\d+)?$/.test(t)) return null;
  return {
    remaining: Number(r),
    resetMs: Math.min(MAX_RETRY_AFTER_MS, Math.ceil(Number(t) * 1000)),
  };
}

/**
 * delivered; retry (later, an attempt used); throttled (429: later, no attempt used); dead
 * (a dead letter at once); gone (410 from a webhook: dead letter and the endpoint disabled).
 */
export type Verdict = "delivered" | "retry" | "throttled" | "dead" | "gone";

/**
 * 2xx delivered; 429 throttled; 408, 5xx and no answer (status 0) are retried; any other 4xx
 * (and a redirect, which is never followed) is permanent: the request or the configuration is
 * wrong, and fixing it then replaying the dead letters is the cure.
 */
export function verdictOf(status: number): Verdict {
  if (status >= 200 && status < 300) return "delivered";
  if (status === 429) return "throttled";
  if (status === 408) return "retry";
  if (status >= 300 && status < 500) return "dead";
  return "retry";
}
