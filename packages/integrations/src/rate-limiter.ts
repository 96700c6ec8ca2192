/**
 * The send rate of one vendor account (see worker.ts for how accounts are told apart): a token
 * bucket for the sustained rate, capped by sliding windows — at most `burst` sends in any 1 s
 * and at most `perMinute` in any 60 s — plus what the receiver itself says: Retry-After on a
 * 429, RateLimit-Remaining/-Reset on other answers.
 *
 * Why windows on top of the bucket: a bucket alone lets `burst + 60·perSecond` through in the
 * first minute (Klaviyo's 350 + 58·60 = 3,830 against its documented steady limit of 3,500/min,
 * which is counted per account in fixed windows whose edges we cannot see). Capping every
 * sliding window bounds every fixed window too, wherever its edges are.
 */
import type { RateLimitState } from "./retry.ts";

export interface RateLimit {
  /** Sustained sends per second (the bucket's refill). */
  perSecond: number;
  /** Sends at once after a quiet spell, and at most this many in any 1 s. */
  burst: number;
  /** At most this many in any 60 s (default: perSecond × 60). */
  perMinute?: number;
}

/** Sends are counted in slots of this length; windows count their oldest slot whole. */
const SLOT_MS = 100;

/** Sends in the last `windowMs` (never under-counted: the oldest slot counts whole). */
class SlidingCount {
  /** [slot number, sends in it], oldest first; at most windowMs / SLOT_MS + 1 of them. */
  private slots: [number, number][] = [];
  private total = 0;

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  /** Drops the slots wholly older than the window ending at `now`. */
  private evict(now: number): void {
    const first = Math.floor((now - this.windowMs) / SLOT_MS);
    let n = 0;
    while (n < this.slots.length && this.slots[n]![0] < first) this.total -= this.slots[n++]![1];
    if (n > 0) this.slots = this.slots.slice(n);
  }

  waitMs(now: number): number {
    this.evict(now);
    let over = this.total - this.limit + 1;
    if (over <= 0) return 0;
    for (const [k, c] of this.slots) {
      over -= c;
      // Once slot k is older than the window, its sends no longer count.
      if (over <= 0) return Math.max(1, (k + 1) * SLOT_MS + this.windowMs - now);
    }
    return this.windowMs;
  }

  add(now: number): void {
    const k = Math.floor(now / SLOT_MS);
    const last = this.slots[this.slots.length - 1];
    if (last && last[0] >= k) last[1] += 1;
    else this.slots.push([k, 1]);
    this.total += 1;
  }
}

/** Longest wait after a 429 that says nothing about when to come back. */
const MAX_THROTTLE_MS = 60_000;

export class RateLimiter {
  private tokens: number;
  private last: number;
  private pausedUntil = 0;
  private readonly windows: SlidingCount[];
  /** The receiver's own count (RateLimit-* headers) until its window resets. */
  private server: { left: number; until: number } | null = null;
  /** 429s in a row without Retry-After: the wait doubles each time. */
  private throttles = 0;

  constructor(
    readonly limit: RateLimit,
    now: number,
  ) {
    this.tokens = limit.burst;
    this.last = now;
    const perMinute = limit.perMinute ?? Math.max(1, Math.floor(limit.perSecond * 60));
    this.windows = [
      new SlidingCount(Math.max(1, Math.floor(limit.burst)), 1000),
      new SlidingCount(perMinute, 60_000),
    ];
  }

  private refill(now: number): void {
    const dt = Math.max(0, now - this.last) / 1000;
    this.tokens = Math.min(this.limit.burst, this.tokens + dt * this.limit.perSecond);
    this.last = Math.max(this.last, now);
  }

  /** Milliseconds until a send may be allowed (0: now). */
  waitMs(now: number): number {
    if (now < this.pausedUntil) return this.pausedUntil - now;
    if (this.server && now >= this.server.until) this.server = null;
    if (this.server && this.server.left <= 0) return this.server.until - now;
    this.refill(now);
    let wait = this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) / this.limit.perSecond) * 1000);
    for (const w of this.windows) wait = Math.max(wait, w.waitMs(now));
    return wait;
  }

  /** Takes the right to send now, if allowed. */
  take(now: number): boolean {
    if (this.waitMs(now) > 0) return false;
    this.tokens -= 1;
    for (const w of this.windows) w.add(now);
    if (this.server) this.server.left -= 1;
    return true;
  }

  pauseUntil(t: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, t);
    this.tokens = 0;
  }

  /** An answer that is not a 429: its RateLimit-* headers, if any, bound the sends to come. */
  answered(state: RateLimitState | null, at: number): void {
    this.throttles = 0;
    if (state) this.server = { left: state.remaining, until: at + state.resetMs };
  }

  /**
   * A 429: every send of the account waits for Retry-After (else RateLimit-Reset, else 1 s,
   * 2 s, 4 s … up to a minute). Returns the wait.
   */
  throttled(at: number, retryAfterMs: number | null, state: RateLimitState | null): number {
    // At least 100 ms: a "Retry-After: 0" must not become a tight loop.
    const ms = Math.max(
      100,
      retryAfterMs ?? state?.resetMs ?? Math.min(MAX_THROTTLE_MS, 1000 * 2 ** this.throttles),
    );
    this.throttles++;
    this.pauseUntil(at + ms);
    return ms;
  }
}
