/**
 * Load shedding: before a request's body is even read, refuse it with 503 + Retry-After when
 * too many collect requests are in flight, when memory is above its absolute threshold, or when
 * the log's group-commit queue or the store's write buffer is too full — bounded queues and a
 * bounded heap instead of an out-of-memory crash. Thresholds: options.ts.
 */
import type { Store } from "@intently/store";
import type { CollectorLog } from "./log.ts";
import type { CollectorOptions } from "./options.ts";

const MEMORY_SAMPLE_MS = 200;

export type OverloadReason = "in-flight" | "log-queue" | "memory" | "store-backlog" | "log-failed";

/** The readings the memory thresholds are checked against (process.memoryUsage's shape). */
export interface MemoryReading {
  rss: number;
  heapUsed: number;
  external: number;
}

export type MemoryLimits = Pick<
  CollectorOptions,
  "maxPendingLogBytes" | "maxMemoryBytes" | "maxRssBytes" | "maxStorePendingRows" | "maxInFlight"
>;

export class OverloadGuard {
  private memory: MemoryReading;
  private inFlight = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly opts: MemoryLimits,
    private readonly log: Pick<CollectorLog, "failed" | "pendingBytes">,
    private readonly store: Pick<Store, "pendingRows">,
    /** Injected in tests; sampled every 200 ms (reading RSS is a system call). */
    private readonly readMemory: () => MemoryReading = () => process.memoryUsage(),
  ) {
    this.memory = readMemory();
    this.timer = setInterval(() => this.sample(), MEMORY_SAMPLE_MS);
    this.timer.unref();
  }

  /** Takes a memory reading now (the timer does every 200 ms). */
  sample(): void {
    this.memory = this.readMemory();
  }

  /** Collect requests admitted and not yet answered. */
  get active(): number {
    return this.inFlight;
  }

  /** Why requests must be refused now, or null. */
  check(): OverloadReason | null {
    if (this.log.failed) return "log-failed";
    if (this.log.pendingBytes > this.opts.maxPendingLogBytes) return "log-queue";
    const m = this.memory;
    if (m.heapUsed + m.external > this.opts.maxMemoryBytes) return "memory";
    if (this.opts.maxRssBytes > 0 && m.rss > this.opts.maxRssBytes) return "memory";
    if (this.store.pendingRows() > this.opts.maxStorePendingRows) return "store-backlog";
    return null;
  }

  /**
   * Admission of a new request: null when it may go on (it then counts as in flight until
   * `release`), or why it is refused.
   */
  admit(): OverloadReason | null {
    if (this.inFlight >= this.opts.maxInFlight) return "in-flight";
    const reason = this.check();
    if (reason) return reason;
    this.inFlight++;
    return null;
  }

  release(): void {
    if (this.inFlight > 0) this.inFlight--;
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
