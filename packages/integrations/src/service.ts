/**
 * Post-session integrations in a server: ended sessions → summaries → outbox → delivery
 * worker; purchased sessions ended early; daily exports on a schedule; delivered messages
 * pruned after `deliveredRetentionMs`. `close()` waits until every summary handed in has been
 * committed to the outbox, then stops the worker.
 */
import type { SessionState } from "@intently/engine";
import type { OutboxFilter, OutboxMetrics, Store } from "@intently/store";
import { disableIntegration } from "./disabled.ts";
import { enqueueSummaries, siteSettingsOf, summariesOf } from "./enqueue.ts";
import { DEFAULT_EXPORT_SCHEDULE, type ExportScheduleOptions, runExports } from "./export.ts";
import { type LiveSessions, PurchaseEnder } from "./purchase.ts";
import type { SecretBox } from "./secrets.ts";
import { DeliveryWorker, type WorkerOptions } from "./worker.ts";

export interface ServiceOptions {
  worker: Partial<WorkerOptions>;
  /** How often purchased sessions are checked for an early end (0: never). */
  purchaseCheckMs: number;
  /** How often missing export files are looked for (0: never). */
  exportCheckMs: number;
  exports: ExportScheduleOptions;
  /** How often delivered messages past their retention are deleted (0: never). */
  pruneCheckMs: number;
  /** Delivered messages are kept this long after delivery; dead letters until replayed. */
  deliveredRetentionMs: number;
  clock: () => number;
  /** Errors of background work (enqueue, exports): logged by the host. */
  onError: (e: Error, what: string) => void;
}

export const DEFAULT_DELIVERED_RETENTION_MS = 7 * 86_400_000;

export const DEFAULT_SERVICE: ServiceOptions = {
  worker: {},
  purchaseCheckMs: 15_000,
  exportCheckMs: 10 * 60_000,
  exports: DEFAULT_EXPORT_SCHEDULE,
  pruneCheckMs: 60 * 60_000,
  deliveredRetentionMs: DEFAULT_DELIVERED_RETENTION_MS,
  clock: Date.now,
  onError: () => {},
};

export class IntegrationsService {
  readonly worker: DeliveryWorker;
  readonly options: ServiceOptions;
  private readonly pending = new Set<Promise<void>>();
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly purchases: PurchaseEnder | null;
  private closed: Promise<void> | null = null;

  constructor(
    private readonly store: Store,
    private readonly box: SecretBox,
    live: LiveSessions | null,
    /** Called with sessions this service ended early (the host records them). */
    private readonly onEarlyEnd: (ended: SessionState[], at: number) => void = () => {},
    options: Partial<ServiceOptions> = {},
  ) {
    this.options = { ...DEFAULT_SERVICE, ...options };
    this.worker = new DeliveryWorker(store.outbox, box, (id) => store.config.getIntegration(id), {
      clock: this.options.clock,
      // A 410 Gone disables the integration, as Standard Webhooks asks (shown in the dashboard).
      onGone: (id, reason, at) => disableIntegration(store, id, reason, at),
      ...this.options.worker,
    });
    this.purchases = live
      ? new PurchaseEnder(
          live,
          async (site) => (await siteSettingsOf(store, box, site)).endAfterPurchaseMs,
        )
      : null;
  }

  start(): void {
    this.worker.start();
    const every = (ms: number, what: string, fn: () => Promise<unknown>) => {
      if (ms <= 0) return;
      let busy = false;
      const t = setInterval(() => {
        if (busy) return;
        busy = true;
        fn()
          .catch((e) => this.options.onError(e as Error, what))
          .finally(() => {
            busy = false;
          });
      }, ms);
      t.unref();
      this.timers.push(t);
    };
    every(this.options.purchaseCheckMs, "purchase check", () => this.endPurchased());
    every(this.options.exportCheckMs, "exports", () =>
      runExports(this.store, this.options.clock(), this.options.exports),
    );
    every(this.options.pruneCheckMs, "outbox prune", () => this.prune());
    // Once at start too: a server restarted more often than the interval still prunes.
    // Tracked like an enqueue, so close() waits for it before the store closes.
    if (this.options.pruneCheckMs > 0) {
      const p = this.prune().then(
        () => {},
        (e) => this.options.onError(e as Error, "outbox prune"),
      );
      this.pending.add(p);
      p.finally(() => this.pending.delete(p));
    }
  }

  /** Deletes delivered messages older than the retention; returns how many. */
  prune(now = this.options.clock()): Promise<number> {
    return this.store.outbox.pruneDelivered(now - this.options.deliveredRetentionMs);
  }

  /** The engine host's listener: summaries are committed to the outbox, then sent. */
  sessionsEnded(ended: readonly SessionState[], at: number): void {
    if (ended.length === 0) return;
    const p = summariesOf(this.store, this.box, ended, at)
      .then((summaries) => enqueueSummaries(this.store, this.box, summaries, at))
      .then(
        (added) => {
          if (added > 0) this.worker.kick();
        },
        (e) => this.options.onError(e as Error, "enqueue"),
      );
    this.pending.add(p);
    p.finally(() => this.pending.delete(p));
  }

  /** Ends purchased sessions whose delay has passed, records and summarises them. */
  async endPurchased(now = this.options.clock()): Promise<number> {
    if (!this.purchases) return 0;
    const ended = await this.purchases.check(now);
    if (ended.length > 0) {
      this.onEarlyEnd(ended, now);
      this.sessionsEnded(ended, now);
    }
    return ended.length;
  }

  /** Resolves when every summary handed in so far is in the outbox. */
  async flush(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  /** Replays dead letters (API and CLI); the worker picks them up at once. */
  async replay(filter: Omit<OutboxFilter, "status">): Promise<number> {
    const n = await this.store.outbox.replay(filter, this.options.clock());
    if (n > 0) this.worker.kick();
    return n;
  }

  metrics(site?: string): Promise<OutboxMetrics[]> {
    return this.store.outbox.metrics(this.options.clock(), site);
  }

  close(): Promise<void> {
    this.closed ??= (async () => {
      for (const t of this.timers) clearInterval(t);
      await this.flush();
      await this.worker.stop();
    })();
    return this.closed;
  }
}
