/**
 * Batch ids already applied, per site and session, so a retried batch is answered without
 * applying its events twice. Bounded by age and count (insertion order = age order); rebuilt
 * from the log on start. Batches being applied right now are tracked too, so a retry that
 * arrives before the first attempt finished waits for the same answer.
 */

/** What the batch changed (net), kept to answer a retry with the same enter/exit lists. */
export interface BatchOutcome {
  enter: readonly string[];
  exit: readonly string[];
}

export const NO_CHANGE: BatchOutcome = Object.freeze({
  enter: Object.freeze([]) as readonly string[],
  exit: Object.freeze([]) as readonly string[],
});

interface Entry {
  outcome: BatchOutcome;
  at: number;
}

export class IdempotencyIndex {
  private readonly done = new Map<string, Entry>();
  private readonly running = new Map<string, Promise<unknown>>();

  constructor(
    private readonly windowMs: number,
    private readonly maxKeys: number,
  ) {}

  get size(): number {
    return this.done.size;
  }

  get(key: string): BatchOutcome | undefined {
    return this.done.get(key)?.outcome;
  }

  add(key: string, outcome: BatchOutcome, at: number): void {
    const empty = outcome.enter.length === 0 && outcome.exit.length === 0;
    const known = this.done.get(key);
    // An update keeps the entry's place (and age): insertion order stays age order.
    if (known) known.outcome = empty ? NO_CHANGE : outcome;
    else this.done.set(key, { outcome: empty ? NO_CHANGE : outcome, at });
    this.expire(at);
  }

  /** The answer of an attempt still in progress, if any. */
  inFlight(key: string): Promise<unknown> | undefined {
    return this.running.get(key);
  }

  track<T>(key: string, attempt: Promise<T>): Promise<T> {
    this.running.set(key, attempt);
    const clear = () => {
      if (this.running.get(key) === attempt) this.running.delete(key);
    };
    attempt.then(clear, clear);
    return attempt;
  }

  private expire(now: number): void {
    const oldest = now - this.windowMs;
    for (const [k, e] of this.done) {
      if (this.done.size <= this.maxKeys && e.at >= oldest) break;
      this.done.delete(k);
    }
  }
}
