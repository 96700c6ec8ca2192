/**
 * Load shedding: before a request's body is even read, refuse it with 503 + Retry-After when
 * the log's group-commit queue, the JS heap or the store's write buffer is too full — bounded
 * queues instead of an out-of-memory crash.
 */
import { getHeapStatistics } from "node:v8";
import type { Store } from "@intently/store";
import type { CollectorLog } from "./log.ts";
import type { CollectorOptions } from "./options.ts";

const HEAP_SAMPLE_MS = 200;

export type OverloadReason = "log-queue" | "memory" | "store-backlog" | "log-failed";

export class OverloadGuard {
  private heapShare = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly opts: CollectorOptions,
    private readonly log: CollectorLog,
    private readonly store: Store,
  ) {
    this.sample();
    this.timer = setInterval(() => this.sample(), HEAP_SAMPLE_MS);
    this.timer.unref();
  }

  /** Why requests must be refused now, or null. */
  check(): OverloadReason | null {
    if (this.log.failed) return "log-failed";
    if (this.log.pendingBytes > this.opts.maxPendingLogBytes) return "log-queue";
    if (this.heapShare > this.opts.maxHeapShare) return "memory";
    if (this.store.pendingRows() > this.opts.maxStorePendingRows) return "store-backlog";
    return null;
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private sample(): void {
    const h = getHeapStatistics();
    this.heapShare = h.used_heap_size / h.heap_size_limit;
  }
}
