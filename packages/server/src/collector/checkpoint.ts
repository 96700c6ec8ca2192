/**
 * Checkpoints: every `everyMs`, once new batches were applied, the store is flushed and a
 * checkpoint record `{k:"c", upTo}` is logged — every batch up to `upTo` has its rows in the
 * store, so recovery replays those into the engine only. Old checkpointed segments are pruned.
 */
import type { Store } from "@intently/store";
import type { CollectorLog } from "./log.ts";
import type { CheckpointRecord } from "./records.ts";

const PRUNE_EVERY_TICKS = 60;

export class Checkpointer {
  private applied: number;
  private done: number;
  private running: Promise<void> | null = null;
  private ticks = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly log: CollectorLog,
    private readonly store: Store,
    private readonly opts: { everyMs: number; retentionMs: number },
    state: { applied: number; checkpointed: number },
  ) {
    this.applied = state.applied;
    this.done = state.checkpointed;
    this.timer = setInterval(() => void this.tick(), opts.everyMs);
    this.timer.unref();
  }

  /** A batch record with this sequence number has been applied. */
  markApplied(seq: number): void {
    if (seq > this.applied) this.applied = seq;
  }

  get lastCheckpoint(): number {
    return this.done;
  }

  tick(ended = false): Promise<void> {
    if (this.running) return this.running;
    if (this.applied === this.done && !ended) return Promise.resolve();
    this.running = this.write(ended).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Last checkpoint at shutdown; `ended`: the server ends the live sessions right after. */
  async close(ended: boolean): Promise<void> {
    clearInterval(this.timer);
    await this.running;
    await this.tick(ended);
  }

  private async write(ended: boolean): Promise<void> {
    const upTo = this.applied;
    try {
      await this.store.flush();
      const rec: CheckpointRecord = { k: "c", at: Date.now(), upTo };
      if (ended) rec.ended = true;
      await this.log.append(JSON.stringify(rec), () => undefined);
      this.done = upTo;
      if (++this.ticks % PRUNE_EVERY_TICKS === 0)
        this.log.prune(Date.now() - this.opts.retentionMs, upTo);
    } catch {
      // A failed store flush or log write: try again on the next tick.
    }
  }
}
