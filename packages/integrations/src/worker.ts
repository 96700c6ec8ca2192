/**
 * The delivery worker: takes due messages from the outbox, sends each through its connector
 * within the destination's rate limit, and records the outcome. Nothing is marked before the
 * answer is known, so a process killed mid-send leaves the message pending and it is sent
 * again on restart under the same idempotency key (at-least-once; receivers dedupe).
 */
import type { Integration, Outbox, OutboxMessage, OutboxOutcome } from "@intently/store";
import { openIntegration } from "./config.ts";
import { connectorOf } from "./connectors/index.ts";
import type { Connector, SendResult } from "./connectors/types.ts";
import {
  backoffMs,
  DEFAULT_RETRY,
  type RateLimit,
  type RetryPolicy,
  TokenBucket,
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
}

export const DEFAULT_WORKER: WorkerOptions = {
  retry: DEFAULT_RETRY,
  concurrency: 8,
  pollMs: 1000,
  timeoutMs: 10_000,
  clock: Date.now,
  random: Math.random,
};

interface Destination {
  connector: Connector<unknown>;
  config: unknown;
  rate: RateLimit;
}

type Lookup = (id: string) => Promise<Integration | null>;

/** Integration rows are re-read at most this often (configuration edits apply quickly). */
const DESTINATION_TTL_MS = 2000;

export class DeliveryWorker {
  readonly options: WorkerOptions;
  private readonly inflight = new Map<string, Promise<void>>();
  private readonly buckets = new Map<string, TokenBucket>();
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
      const blocked = [...this.buckets].filter(([, b]) => b.waitMs(now) > 0).map(([d]) => d);
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
        const bucket = this.bucket(m.destination, d.rate, now);
        if (!bucket.take(now)) {
          wait = Math.min(wait, bucket.waitMs(now));
          continue;
        }
        const p = this.deliver(m, d, bucket).finally(() => {
          this.inflight.delete(m.key);
          this.kick();
        });
        this.inflight.set(m.key, p);
      }
    }
    const next = await this.outbox.nextDueAt();
    if (next !== null) wait = Math.min(wait, Math.max(0, next - now));
    for (const b of this.buckets.values()) {
      const w = b.waitMs(now);
      if (w > 0) wait = Math.min(wait, w);
    }
    return wait;
  }

  private async deliver(m: OutboxMessage, d: Destination, bucket: TokenBucket): Promise<void> {
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
    const attempt = m.attempts + 1;
    let verdict = r.verdict ?? verdictOf(r.status);
    if (verdict === "retry" && attempt >= o.retry.maxAttempts) verdict = "dead";
    if (r.retryAfterMs !== null && (r.status === 429 || r.status === 503))
      bucket.pauseUntil(at + r.retryAfterMs);
    const error = r.status === 0 ? r.body : `HTTP ${r.status}: ${r.body}`;
    const outcome: OutboxOutcome =
      verdict === "delivered"
        ? { kind: "delivered", at, status: r.status }
        : verdict === "dead"
          ? { kind: "dead", at, status: r.status, error }
          : {
              kind: "retry",
              at,
              status: r.status,
              error,
              nextAt: at + Math.max(r.retryAfterMs ?? 0, backoffMs(attempt, o.retry, o.random)),
            };
    try {
      await this.outbox.settle(m.key, outcome);
      o.onSettled?.(m, outcome, r);
    } catch {
      // Store closed under us: the message stays pending and is sent again later.
    }
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
        d = { connector, config: open.config, rate: open.rateLimit ?? connector.rate };
      } catch (e) {
        d = `configuration unusable: ${(e as Error).message}`;
      }
    }
    this.cache.set(id, { d, at: now });
    return d;
  }

  private bucket(id: string, rate: RateLimit, now: number): TokenBucket {
    let b = this.buckets.get(id);
    if (!b) {
      b = new TokenBucket(rate, now);
      this.buckets.set(id, b);
    }
    return b;
  }
}
