/**
 * The delivery worker: takes due messages from the outbox, sends each through its connector
 * within the vendor account's rate limit, and records the outcome. Nothing is marked before the
 * answer is known, so a process killed mid-send leaves the message pending and it is sent
 * again on restart under the same idempotency key (at-least-once; receivers dedupe).
 *
 * Rate limits are per vendor ACCOUNT, as vendors count them (Klaviyo: per account, whatever
 * the number of integrations using its key): destinations share a limiter when they have the
 * same kind, base URL and credentials, keyed by a hash of those so no secret is a map key.
 */
import { createHash } from "node:crypto";
import type { Integration, Outbox, OutboxMessage, OutboxOutcome } from "@intently/store";
import { openIntegration } from "./config.ts";
import { connectorOf } from "./connectors/index.ts";
import type { Connector, SendResult } from "./connectors/types.ts";
import { DEFAULT_TIMEOUT_MS } from "./fields.ts";
import { type RateLimit, RateLimiter } from "./rate-limiter.ts";
import {
  backoffMs,
  checkRetryPolicy,
  DEFAULT_RETRY,
  type RetryPolicy,
  verdictOf,
} from "./retry.ts";
import type { SecretBox } from "./secrets.ts";
import type { SessionSummary } from "./summary.ts";

export interface WorkerOptions {
  retry: RetryPolicy;
  /** Sends in flight at once, all destinations together. */
  concurrency: number;
  /** Longest sleep between looks at the outbox. */
  pollMs: number;
  /** Per-request timeout (connectors may override per integration). */
  timeoutMs: number;
  clock: () => number;
  random: () => number;
  /** Private and loopback destinations allowed (undefined: INTENTLY_ALLOW_PRIVATE_DESTINATIONS). */
  allowPrivateDestinations?: boolean;
  /** Called after each settled attempt (logs, tests). */
  onSettled?: (m: OutboxMessage, outcome: OutboxOutcome, result: SendResult) => void;
  /**
   * An endpoint answered 410 Gone: disable it (the service marks the integration, see
   * ./disabled.ts). Without it the message is only dead-lettered.
   */
  onGone?: (destination: string, reason: string, at: number) => Promise<unknown>;
}

export const DEFAULT_WORKER: WorkerOptions = {
  retry: DEFAULT_RETRY,
  concurrency: 8,
  pollMs: 1000,
  // Standard Webhooks recommends 15–30 s; the form shows it as timeoutMs' default (./fields.ts).
  timeoutMs: DEFAULT_TIMEOUT_MS,
  clock: Date.now,
  random: Math.random,
};

interface Destination {
  connector: Connector<unknown>;
  config: unknown;
  rate: RateLimit;
  /** Whose quota the sends use (see accountOf). */
  account: string;
}

/**
 * The vendor account a destination sends as: its kind, where it sends (base URL, else URL) and
 * its credentials, hashed. Two Klaviyo integrations with one private key share one quota.
 */
export function accountOf(kind: string, secretFields: readonly string[], config: unknown): string {
  const c = config as Record<string, unknown>;
  const parts = [kind, c.baseUrl ?? c.url ?? null, ...secretFields.map((f) => c[f] ?? null)];
  return createHash("sha256").update(JSON.stringify(parts)).digest("base64url").slice(0, 22);
}

type Lookup = (id: string) => Promise<Integration | null>;

/** Integration rows are re-read at most this often (configuration edits apply quickly). */
const DESTINATION_TTL_MS = 2000;

export class DeliveryWorker {
  readonly options: WorkerOptions;
  private readonly inflight = new Map<string, Promise<void>>();
  /** Rate limiters by account, and each destination's account. */
  private readonly limiters = new Map<string, RateLimiter>();
  private readonly accounts = new Map<string, string>();
  private readonly cache = new Map<string, { d: Destination | string; at: number }>();
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private ticking: Promise<void> | null = null;
  private again = false;

  constructor(
    private readonly outbox: Outbox,
    private readonly box: SecretBox,
    private readonly lookup: Lookup,
    options: Partial<WorkerOptions> = {},
  ) {
    this.options = { ...DEFAULT_WORKER, ...options };
    checkRetryPolicy(this.options.retry);
  }

  start(): void {
    this.running = true;
    this.kick();
  }

  /** Looks at the outbox now (after an enqueue, a settled send, or a timer). */
  kick(): void {
    if (!this.running) return;
    if (this.ticking) {
      this.again = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.ticking = this.loop().finally(() => {
      this.ticking = null;
    });
  }

  /** Stops taking messages and waits for the sends in flight to be recorded. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.ticking;
    await Promise.allSettled([...this.inflight.values()]);
  }

  get inFlight(): number {
    return this.inflight.size;
  }

  private async loop(): Promise<void> {
    let wait = this.options.pollMs;
    try {
      do {
        this.again = false;
        wait = await this.tick();
      } while (this.again && this.running);
    } catch {
      // The store may be closing; the timer tries again.
    }
    if (!this.running) return;
    this.timer = setTimeout(() => this.kick(), Math.max(5, wait));
    this.timer.unref();
  }

  /** Starts every send that is due and allowed; returns how long to sleep. */
  async tick(): Promise<number> {
    const o = this.options;
    const now = o.clock();
    const free = o.concurrency - this.inflight.size;
    let wait = o.pollMs;
    if (free > 0) {
      const blocked = [...this.accounts]
        .filter(([, a]) => (this.limiters.get(a)?.waitMs(now) ?? 0) > 0)
        .map(([d]) => d);
      const due = await this.outbox.due(now, free, {
        keys: [...this.inflight.keys()],
        destinations: blocked,
      });
      for (const m of due) {
        const d = await this.destination(m.destination, now);
        if (typeof d === "string") {
          await this.outbox.settle(m.key, { kind: "dead", at: now, status: 0, error: d });
          continue;
        }
        // The clock now, not at the tick's start: the lookups above may have taken a while,
        // and a send recorded as earlier than it was would leave its window too soon.
        const t = o.clock();
        const limiter = this.limiter(d, t);
        if (!limiter.take(t)) {
          wait = Math.min(wait, limiter.waitMs(t));
          continue;
        }
        const p = this.deliver(m, d, limiter).finally(() => {
          this.inflight.delete(m.key);
          this.kick();
        });
        this.inflight.set(m.key, p);
      }
    }
    const next = await this.outbox.nextDueAt();
    if (next !== null) wait = Math.min(wait, Math.max(0, next - now));
    for (const b of this.limiters.values()) {
      const w = b.waitMs(now);
      if (w > 0) wait = Math.min(wait, w);
    }
    return wait;
  }

  private async deliver(m: OutboxMessage, d: Destination, limiter: RateLimiter): Promise<void> {
    const o = this.options;
    let r: SendResult;
    try {
      const summary = JSON.parse(m.payload) as SessionSummary;
      r = await d.connector.send(summary, m.key, d.config, {
        timeoutMs: o.timeoutMs,
        now: o.clock(),
        allowPrivate: o.allowPrivateDestinations,
      });
    } catch (e) {
      r = { status: 0, body: `send failed: ${(e as Error).message}`, retryAfterMs: null };
    }
    const at = o.clock();
    const error = r.status === 0 ? r.body : `HTTP ${r.status}: ${r.body}`;
    const outcome = this.outcomeOf(m, r, limiter, at, error);
    if (r.verdict === "gone" && o.onGone) {
      const reason = `the endpoint answered 410 Gone (${new Date(at).toISOString()})`;
      try {
        await o.onGone(m.destination, reason, at);
      } catch {
        // The store is closing: the next 410 disables it.
      }
      this.cache.delete(m.destination);
    }
    try {
      await this.outbox.settle(m.key, outcome);
      o.onSettled?.(m, outcome, r);
    } catch {
      // Store closed under us: the message stays pending and is sent again later.
    }
  }

  /** What an answer means for the message, and for the account's limiter. */
  private outcomeOf(
    m: OutboxMessage,
    r: SendResult,
    limiter: RateLimiter,
    at: number,
    error: string,
  ): OutboxOutcome {
    const o = this.options;
    const verdict = r.verdict ?? verdictOf(r.status);
    if (verdict === "throttled") {
      // A 429 is the vendor's quota, not the message's fault: no attempt used.
      const wait = limiter.throttled(at, r.retryAfterMs, r.rateLimit ?? null);
      return { kind: "retry", at, status: r.status, error, nextAt: at + wait, throttled: true };
    }
    limiter.answered(r.rateLimit ?? null, at);
    if (r.retryAfterMs !== null && r.status === 503) limiter.pauseUntil(at + r.retryAfterMs);
    if (verdict === "delivered") return { kind: "delivered", at, status: r.status };
    if (verdict === "dead") return { kind: "dead", at, status: r.status, error };
    if (verdict === "gone")
      return { kind: "dead", at, status: r.status, error: `${error} (endpoint disabled)` };
    const delay = backoffMs(m.attempts + 1, o.retry, o.random);
    if (delay === null) return { kind: "dead", at, status: r.status, error };
    return {
      kind: "retry",
      at,
      status: r.status,
      error,
      nextAt: at + Math.max(r.retryAfterMs ?? 0, delay),
    };
  }

  private async destination(id: string, now: number): Promise<Destination | string> {
    const hit = this.cache.get(id);
    if (hit && now - hit.at < DESTINATION_TTL_MS) return hit.d;
    let d: Destination | string;
    const row = await this.lookup(id);
    const connector = row ? connectorOf(row.kind) : undefined;
    if (!row) d = "integration removed";
    else if (!row.enabled) d = "integration disabled";
    else if (!connector) d = `no connector for kind ${row.kind}`;
    else {
      try {
        const open = openIntegration(this.box, row);
        d = {
          connector,
          config: open.config,
          rate: open.rateLimit ?? connector.rate,
          account: accountOf(row.kind, connector.secretFields, open.config),
        };
        this.accounts.set(id, d.account);
      } catch (e) {
        d = `configuration unusable: ${(e as Error).message}`;
      }
    }
    this.cache.set(id, { d, at: now });
    return d;
  }

  /** The account's limiter (made with the rate of the first destination seen for it). */
  private limiter(d: Destination, now: number): RateLimiter {
    let b = this.limiters.get(d.account);
    if (!b) {
      b = new RateLimiter(d.rate, now);
      this.limiters.set(d.account, b);
    }
    return b;
  }
}
