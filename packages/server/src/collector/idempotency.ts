/**
 * Batch ids already applied, per site and session, so a retried batch is answered without
 * applying its events twice. Bounded by age and count (insertion order = age order); rebuilt
 * from the log on start. Batches being applied right now are tracked too, so a retry that
 * arrives before the first attempt finished waits for the same answer.
 *
 * Each id keeps a 48-bit hash of its content, so an id reused with *different* content is told
 * apart from a retry (409) instead of being answered "duplicate". The hash is logged with the
 * batch and so survives a restart.
 */
import { createHash } from "node:crypto";
import type { Batch } from "@intently/engine";

/** What the batch changed (net), kept to answer a retry with the same enter/exit lists. */
export interface BatchOutcome {
  enter: readonly string[];
  exit: readonly string[];
}

export const NO_CHANGE: BatchOutcome = Object.freeze({
  enter: Object.freeze([]) as readonly string[],
  exit: Object.freeze([]) as readonly string[],
});

/**
 * What a genuine retry resends unchanged: the validated batch minus `sentAt` (the tag stamps
 * it anew on every attempt). Parsing and re-serialising normalises whitespace, number and
 * escape forms; key order is the sender's (a retry re-serialises the same object). 48 bits of
 * SHA-256: a plain number, and a chance collision only means "duplicate" as before.
 */
export function contentHash(b: Batch): number {
  const canonical = JSON.stringify([b.visitor, b.context ?? null, b.events]);
  return createHash("sha256").update(canonical).digest().readUIntLE(0, 6);
}

export interface Entry {
  outcome: BatchOutcome;
  at: number;
  /** contentHash of the batch; undefined for records logged before hashes were. */
  hash: number | undefined;
}

/** The batch was seen with other content: not a retry. */
export const conflicts = (known: number | undefined, hash: number) =>
  known !== undefined && known !== hash;

export class IdempotencyIndex {
  private readonly done = new Map<string, Entry>();
  private readonly running = new Map<string, { attempt: Promise<unknown>; hash: number }>();

  constructor(
    private readonly windowMs: number,
    private readonly maxKeys: number,
  ) {}

  get size(): number {
    return this.done.size;
  }

  get(key: string): Readonly<Entry> | undefined {
    return this.done.get(key);
  }

  add(key: string, outcome: BatchOutcome, at: number, hash?: number): void {
    const empty = outcome.enter.length === 0 && outcome.exit.length === 0;
    const known = this.done.get(key);
    // An update keeps the entry's place (and age): insertion order stays age order.
    if (known) {
      known.outcome = empty ? NO_CHANGE : outcome;
      known.hash ??= hash;
    } else this.done.set(key, { outcome: empty ? NO_CHANGE : outcome, at, hash });
    this.expire(at);
  }

  /** The attempt still in progress for this id (its answer and content hash), if any. */
  inFlight(key: string): { attempt: Promise<unknown>; hash: number } | undefined {
    return this.running.get(key);
  }

  track<T>(key: string, hash: number, attempt: Promise<T>): Promise<T> {
    const entry = { attempt, hash };
    this.running.set(key, entry);
    const clear = () => {
      if (this.running.get(key) === entry) this.running.delete(key);
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
