/**
 * Delivery policy: which answers are final, exponential back-off with full jitter, Retry-After,
 * and a token bucket per destination.
 */

export interface RetryPolicy {
  /** First retry waits up to this long (full jitter: uniformly 0…cap). */
  baseMs: number;
  /** Cap of the exponential back-off. */
  maxMs: number;
  /** Attempts before a message is dead-lettered. */
  maxAttempts: number;
}

/** Up to 1 s, 2 s, 4 s … capped at 30 min: 12 attempts span roughly an hour and a half. */
export const DEFAULT_RETRY: RetryPolicy = {
  baseMs: 1_000,
  maxMs: 30 * 60_000,
  maxAttempts: 12,
};

/** A Retry-After above this is treated as this (a receiver cannot park us for a day). */
export const MAX_RETRY_AFTER_MS = 60 * 60_000;

/**
 * "Full jitter" (AWS architecture blog): sleep = random(0, min(cap, base · 2^(attempt−1))).
 * `attempt` is the number of the attempt that just failed (1 for the first).
 */
export function backoffMs(attempt: number, p: RetryPolicy, random = Math.random): number {
  const cap = Math.min(p.maxMs, p.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * cap);
}

/** Retry-After in ms (delta-seconds or an HTTP date), or null when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (header === null || header.trim() === "") return null;
  const v = header.trim();
  const ms = /^\d+(\.\d+)?$/.test(v) ? Number(v) * 1000 : Date.parse(v) - now;
  if (!Number.isFinite(ms)) return null;
  return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, Math.ceil(ms)));
}

export type Verdict = "delivered" | "retry" | "dead";

/**
 * 2xx delivered; 408, 429, 5xx and no answer (status 0) are retried; any other 4xx (and a
 * redirect, which is never followed) is permanent: the request or the configuration is wrong,
 * and fixing it then replaying the dead letters is the cure.
 */
export function verdictOf(status: number): Verdict {
  if (status >= 200 && status < 300) return "delivered";
  if (status === 408 || status === 429) return "retry";
  if (status >= 300 && status < 500) return "dead";
  return "retry";
}

export interface RateLimit {
  /** Sustained sends per second. */
  perSecond: number;
  /** Sends allowed at once after a quiet spell. */
  burst: number;
}

/** A token bucket; `pauseUntil` holds it empty (after a 429 with Retry-After). */
export class TokenBucket {
  private tokens: number;
  private last: number;
  private pausedUntil = 0;

  constructor(
    private readonly limit: RateLimit,
    now: number,
  ) {
    this.tokens = limit.burst;
    this.last = now;
  }

  private refill(now: number): void {
    const dt = Math.max(0, now - this.last) / 1000;
    this.tokens = Math.min(this.limit.burst, this.tokens + dt * this.limit.perSecond);
    this.last = now;
  }

  /** Takes a token if one is available now. */
  take(now: number): boolean {
    if (now < this.pausedUntil) return false;
    this.refill(now);
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Milliseconds until a token may be available. */
  waitMs(now: number): number {
    if (now < this.pausedUntil) return this.pausedUntil - now;
    this.refill(now);
    return this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) / this.limit.perSecond) * 1000);
  }

  pauseUntil(t: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, t);
    this.tokens = 0;
  }
}
