/**
 * Token buckets keyed by site or visitor. Bounded: buckets that have refilled are
 * indistinguishable from new ones and are swept, and beyond `maxKeys` the oldest are dropped.
 */
import type { RateLimit } from "./options.ts";

interface Bucket {
  tokens: number;
  t: number;
}

const SWEEP_EVERY = 10_000;

export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();
  private takes = 0;

  constructor(
    private readonly limit: RateLimit,
    private readonly maxKeys: number,
  ) {}

  get size(): number {
    return this.buckets.size;
  }

  /** Takes one token: 0 when allowed, else the seconds until one is available (≥ 1). */
  take(key: string, now: number): number {
    const { perSecond, burst } = this.limit;
    let b = this.buckets.get(key);
    if (!b) {
      if (this.buckets.size >= this.maxKeys) this.evict();
      b = { tokens: burst, t: now };
      this.buckets.set(key, b);
    } else {
      b.tokens = Math.min(burst, b.tokens + ((now - b.t) / 1000) * perSecond);
      b.t = now;
    }
    if (++this.takes % SWEEP_EVERY === 0) this.sweep(now);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - b.tokens) / perSecond));
  }

  private evict(): void {
    const first = this.buckets.keys().next();
    if (!first.done) this.buckets.delete(first.value);
  }

  /** Drops buckets that are full again (they behave exactly like absent ones). */
  private sweep(now: number): void {
    const { perSecond, burst } = this.limit;
    for (const [k, b] of this.buckets) {
      if (b.tokens + ((now - b.t) / 1000) * perSecond >= burst) this.buckets.delete(k);
    }
  }
}
