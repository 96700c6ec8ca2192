/**
 * The write buffer: `push` only queues (no I/O on the caller's path); queued rows are written in
 * batches when `maxRows` rows are waiting or `maxDelayMs` after the first queued row, and on
 * `flush()`. Flushes never overlap. A failed write (a full disk, an I/O error: the transaction
 * was rolled back) is reported by the next `flush()`, and its rows go back to the head of the
 * queue to be written again with the next batch, so a passing fault loses nothing; the writes
 * are idempotent by key (replace.ts), and `pending` (the collector's store-backlog limit) bounds
 * what a lasting fault holds.
 */

import type { StoreWrite } from "../store.ts";

export interface BufferOptions {
  /** Rows (all tables together) that trigger a flush. */
  maxRows: number;
  /** Longest a queued row waits. */
  maxDelayMs: number;
}

export const DEFAULT_BUFFER: BufferOptions = { maxRows: 50_000, maxDelayMs: 1000 };

/** Writes one batch: every table's queued rows together. */
type Writer<K extends string> = (batch: ReadonlyMap<K, unknown[]>) => Promise<void>;

export class WriteBuffer<K extends string> {
  private queued = new Map<K, unknown[]>();
  private count = 0;
  private timer: NodeJS.Timeout | null = null;
  private chain: Promise<void> = Promise.resolve();
  private error: unknown = null;
  private readonly listeners = new Set<(w: StoreWrite) => void>();

  constructor(
    private readonly write: Writer<K>,
    private readonly opts: BufferOptions = DEFAULT_BUFFER,
  ) {}

  /** Calls `fn` after every batch written or failed; returns its removal. */
  onWrite(fn: (w: StoreWrite) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  get pending(): number {
    return this.count;
  }

  push(table: K, rows: readonly unknown[]): void {
    if (rows.length === 0) return;
    let q = this.queued.get(table);
    if (!q) {
      q = [];
      this.queued.set(table, q);
    }
    for (const r of rows) q.push(r);
    this.count += rows.length;
    if (this.count >= this.opts.maxRows) this.schedule(0);
    else if (!this.timer) this.schedule(this.opts.maxDelayMs);
  }

  /** Writes everything queued so far; rejects with any write error since the last flush. */
  async flush(): Promise<void> {
    await this.drain();
    const e = this.error;
    this.error = null;
    if (e) throw e;
  }

  /** Starts writing what is queued; errors are kept for the next flush(). */
  private drain(): Promise<void> {
    this.clearTimer();
    const batch = this.queued;
    this.queued = new Map();
    this.count = 0;
    const run = this.chain.then(() => (batch.size > 0 ? this.timed(batch) : undefined));
    // Keep the chain alive after a failure; remember the error for the caller's next flush.
    this.chain = run.catch((e) => {
      this.error ??= e;
      this.requeue(batch);
    });
    return this.chain;
  }

  private async timed(batch: Map<K, unknown[]>): Promise<void> {
    const t0 = performance.now();
    let ok = false;
    try {
      await this.write(batch);
      ok = true;
    } finally {
      let rows = 0;
      for (const r of batch.values()) rows += r.length;
      const w = { seconds: (performance.now() - t0) / 1000, rows, ok };
      for (const fn of this.listeners) fn(w);
    }
  }

  /** Puts a failed batch's rows back ahead of the rows queued since, and retries later. */
  private requeue(batch: Map<K, unknown[]>): void {
    for (const [table, rows] of batch) {
      const later = this.queued.get(table);
      this.queued.set(table, later ? [...rows, ...later] : rows);
      this.count += rows.length;
    }
    if (!this.timer) this.schedule(this.opts.maxDelayMs);
  }

  /** Runs `fn` after every write queued so far (deletes must not race appends). */
  serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.chain.then(fn);
    this.chain = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  private schedule(ms: number): void {
    this.clearTimer();
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.drain();
    }, ms);
    // A pending flush must not keep the process alive; close() flushes.
    this.timer.unref();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
