/**
 * Login throttling: at most `maxFailures` failed logins per (email, IP) and `maxIpFailures` per
 * IP within a sliding `windowMs`; past that, 429 with Retry-After (seconds until the oldest
 * counted failure leaves the window), even for the right password. A success clears the
 * (email, IP) count. In memory, bounded by `maxKeys` (oldest keys dropped first).
 */

export interface LimiterOptions {
  maxFailures: number;
  maxIpFailures: number;
  windowMs: number;
  maxKeys: number;
}

export const DEFAULT_LIMITER_OPTIONS: LimiterOptions = {
  maxFailures: 5,
  maxIpFailures: 100,
  windowMs: 15 * 60_000,
  maxKeys: 100_000,
};

export class LoginLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    readonly options: LimiterOptions = DEFAULT_LIMITER_OPTIONS,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Seconds to wait before trying again, or 0 when a login may be tried now. */
  retryAfter(email: string, ip: string): number {
    const now = this.clock();
    const a = this.wait(pairKey(email, ip), this.options.maxFailures, now);
    const b = this.wait(ipKey(ip), this.options.maxIpFailures, now);
    return Math.max(a, b);
  }

  fail(email: string, ip: string): void {
    const now = this.clock();
    this.push(pairKey(email, ip), now);
    this.push(ipKey(ip), now);
  }

  succeed(email: string, ip: string): void {
    this.failures.delete(pairKey(email, ip));
  }

  private recent(key: string, now: number): number[] {
    const list = (this.failures.get(key) ?? []).filter((t) => now - t < this.options.windowMs);
    if (list.length === 0) this.failures.delete(key);
    else this.failures.set(key, list);
    return list;
  }

  private wait(key: string, max: number, now: number): number {
    const list = this.recent(key, now);
    if (list.length < max) return 0;
    const oldest = list[list.length - max]!;
    return Math.max(1, Math.ceil((oldest + this.options.windowMs - now) / 1000));
  }

  private push(key: string, now: number): void {
    const list = this.recent(key, now);
    list.push(now);
    this.failures.delete(key); // re-insert: Map order = least recently failed first
    this.failures.set(
      key,
      list.slice(-Math.max(this.options.maxFailures, this.options.maxIpFailures)),
    );
    while (this.failures.size > this.options.maxKeys) {
      const first = this.failures.keys().next().value;
      if (first === undefined) break;
      this.failures.delete(first);
    }
  }
}

const pairKey = (email: string, ip: string) => `e\u0000${email.trim().toLowerCase()}\u0000${ip}`;
const ipKey = (ip: string) => `i\u0000${ip}`;
