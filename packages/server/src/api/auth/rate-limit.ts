/**
 * Login throttling: at most `maxFailures` failed logins per (email, IP) and `maxIpFailures` per
 * IP within a sliding `windowMs`; past that, 429 with Retry-After (seconds until the oldest
 * counted failure leaves the window), even for the right password. A success clears the
 * (email, IP) count. In memory, bounded by `maxKeys` (oldest keys dropped first).
 *
 * The check and the count are one synchronous step, taken before the (async) password check:
 * `acquire` reserves the attempt as a failure, so attempts sent at once are counted while they
 * are in flight; the attempt's `succeed` takes its reservation back. At most
 * `maxInFlightPerEmail` attempts per email (whatever the IP) and `maxInFlightPerIp` per IP
 * (whatever the email) run at once; beyond, 429 with Retry-After 1.
 */

export interface LimiterOptions {
  maxFailures: number;
  maxIpFailures: number;
  windowMs: number;
  maxKeys: number;
  maxInFlightPerEmail: number;
  maxInFlightPerIp: number;
}

export const DEFAULT_LIMITER_OPTIONS: LimiterOptions = {
  maxFailures: 5,
  maxIpFailures: 100,
  windowMs: 15 * 60_000,
  maxKeys: 100_000,
  maxInFlightPerEmail: 2,
  maxInFlightPerIp: 10,
};

/** One admitted attempt. Until `succeed`, it counts as a failure; `settle` ends it either way. */
export interface Attempt {
  /** The password was right: the reservation is taken back and the (email, IP) count cleared. */
  succeed(): void;
  /** The attempt is over (call it in `finally`); without `succeed` it stays a failure. */
  settle(): void;
}

export type Admission = { attempt: Attempt; retryAfter: 0 } | { attempt: null; retryAfter: number };

export class LoginLimiter {
  private readonly failures = new Map<string, number[]>();
  private readonly inFlight = new Map<string, number>();

  constructor(
    readonly options: LimiterOptions = DEFAULT_LIMITER_OPTIONS,
    private readonly clock: () => number = Date.now,
  ) {}

  /**
   * Admits one login attempt, counting it as a failure at once, or says how many seconds to
   * wait. Synchronous on purpose: no other attempt can pass between the check and the count.
   */
  acquire(email: string, ip: string): Admission {
    const o = this.options;
    const now = this.clock();
    const pair = pairKey(email, ip);
    const byIp = ipKey(ip);
    const wait = Math.max(
      this.wait(pair, o.maxFailures, now),
      this.wait(byIp, o.maxIpFailures, now),
    );
    if (wait > 0) return { attempt: null, retryAfter: wait };
    const flights = [emailFlightKey(email), byIp];
    if (
      (this.inFlight.get(flights[0]!) ?? 0) >= o.maxInFlightPerEmail ||
      (this.inFlight.get(flights[1]!) ?? 0) >= o.maxInFlightPerIp
    )
      return { attempt: null, retryAfter: 1 };
    for (const k of flights) this.inFlight.set(k, (this.inFlight.get(k) ?? 0) + 1);
    this.push(pair, now);
    this.push(byIp, now);
    let settled = false;
    return {
      retryAfter: 0,
      attempt: {
        succeed: () => {
          if (settled) return;
          this.failures.delete(pair);
          this.unpush(byIp, now);
        },
        settle: () => {
          if (settled) return;
          settled = true;
          for (const k of flights) {
            const n = (this.inFlight.get(k) ?? 1) - 1;
            if (n > 0) this.inFlight.set(k, n);
            else this.inFlight.delete(k);
          }
        },
      },
    };
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

  /** Takes back one reservation made at `at` (a success is not a failure). */
  private unpush(key: string, at: number): void {
    const list = this.failures.get(key);
    const i = list?.lastIndexOf(at) ?? -1;
    if (!list || i < 0) return;
    list.splice(i, 1);
    if (list.length === 0) this.failures.delete(key);
  }
}

const normal = (email: string) => email.trim().toLowerCase();
const pairKey = (email: string, ip: string) => `e\u0000${normal(email)}\u0000${ip}`;
const ipKey = (ip: string) => `i\u0000${ip}`;
const emailFlightKey = (email: string) => `f\u0000${normal(email)}`;
