/**
 * Batch ids already applied, per site and session, so a retried batch is answered without
 * applying its events twice. Bounded by age and count (insertion order = age order); rebuilt
 * from the log on start. Batches being applied right now are tracked too, so a retry that
 * arrives before the first attempt finished waits for the same answer.
 *
 * Each id keeps a 48-bit hash of its content, so an id reused with *different* content is told
 * apart from a retry (409) instead of being answered "duplicate". The hash is logged with the
 * batch and so survives a restart.
 *
 * An id is remembered by a 64-bit digest of its key (key-digest.ts, keyed at random in each
 * process; the log keeps the ids, so recovery digests them again under the new key), not by
 * the key. Collisions: a batch id not in the index matches one of the n ≤ 200,000 remembered
 * digests with probability ≤ n / 2^64 ≈ 1.1e-14 — at the issue-24 soak's ~320 batches/s
 * (10^10 a year), once in ~10,000 years. Its consequence: the new batch is taken for the
 * remembered one; their content hashes differ (but for a 2^-48 chance), so it is answered
 * 409 (`conflicts`) — or "duplicate" if the remembered record predates content hashes — and,
 * like any 4xx, dropped by the tag: that one batch's events are lost, nothing else is touched
 * (a digest never decides what is applied or replayed: recover.ts dedupes replay by the full
 * key). When two ids logged in an earlier run collide only under the new key, the second's
 * retry is answered 409 instead of "duplicate": it was already applied, nothing is lost.
 * Acceptable: rarer by orders of magnitude than the losses the tag already accepts (a retry
 * given up), and the random key means no sender can make ids collide on purpose — nor could
 * it gain by it: it can only send ids of its own, or ids it could resend anyway.
 */
import { hash } from "node:crypto";
import type { Batch } from "@intently/engine";
import { KeyDigest } from "./key-digest.ts";
import { SlotTable } from "./slot-table.ts";

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
  // One-shot hash: no Hash object per batch (issue 15); the same digest as createHash.
  return hash("sha256", canonical, "buffer").readUIntLE(0, 6);
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

/** Slots are stored in chunks allocated on first use, so an index holds what it remembers. */
const CHUNK_BITS = 12;
const CHUNK = 1 << CHUNK_BITS;
const MAX_SHARED_OUTCOMES = 10_000;

interface Chunk {
  outcomes: (BatchOutcome | undefined)[];
  /** Receive time and content hash (NaN: none) of each slot, and its key's digest. */
  at: Float64Array;
  hash: Float64Array;
  lo: Uint32Array;
  hi: Uint32Array;
}

/**
 * Memory (issue 24): one entry is five array cells in a ring of `maxKeys` slots (digest 8
 * bytes, time 8, content hash 8, outcome reference 8) and 8-16 bytes of an open-addressing
 * table — no string, no object per entry, no boxed numbers (~45 bytes in all, against ~150
 * with the key kept as a string and ~440 for a Map of `{outcome, at, hash}` objects).
 */
export class IdempotencyIndex {
  /** digest → slot in the ring; the ring holds the entries oldest first from `head`. */
  private readonly slots = new SlotTable(
    (slot) => this.chunk(slot).lo[slot & (CHUNK - 1)]!,
    (slot) => this.chunk(slot).hi[slot & (CHUNK - 1)]!,
  );
  /** Keyed at random, never stored: ids logged in an earlier run are digested again. */
  private readonly digest = new KeyDigest();
  private readonly chunks: Chunk[] = [];
  private head = 0;
  private count = 0;
  private readonly capacity: number;
  private readonly running = new Map<string, { attempt: Promise<unknown>; hash: number }>();
  /** Distinct outcomes, shared by the entries (the table starts again beyond its bound). */
  private readonly outcomes = new Map<string, BatchOutcome>();

  constructor(
    private readonly windowMs: number,
    maxKeys: number,
  ) {
    this.capacity = Math.max(1, Math.floor(maxKeys));
  }

  get size(): number {
    return this.count;
  }

  private chunk(slot: number): Chunk {
    const i = slot >> CHUNK_BITS;
    let c = this.chunks[i];
    if (!c) {
      const n = Math.min(CHUNK, this.capacity - i * CHUNK);
      c = {
        outcomes: new Array(n).fill(undefined),
        at: new Float64Array(n),
        hash: new Float64Array(n),
        lo: new Uint32Array(n),
        hi: new Uint32Array(n),
      };
      this.chunks[i] = c;
    }
    return c;
  }

  /** The slot of `key` (−1: none), leaving its digest in `this.digest`. */
  private find(key: string): number {
    this.digest.digest(key);
    return this.slots.get(this.digest.lo, this.digest.hi);
  }

  get(key: string): Readonly<Entry> | undefined {
    const slot = this.find(key);
    if (slot < 0) return undefined;
    const c = this.chunk(slot);
    const j = slot & (CHUNK - 1);
    const h = c.hash[j]!;
    return { outcome: c.outcomes[j]!, at: c.at[j]!, hash: Number.isNaN(h) ? undefined : h };
  }

  add(key: string, outcome: BatchOutcome, at: number, hash?: number): void {
    const kept = this.shared(outcome);
    const known = this.find(key);
    // An update keeps the entry's place (and age): ring order stays age order.
    if (known >= 0) {
      const c = this.chunk(known);
      const j = known & (CHUNK - 1);
      c.outcomes[j] = kept;
      if (Number.isNaN(c.hash[j]!) && hash !== undefined) c.hash[j] = hash;
    } else {
      if (this.count === this.capacity) this.dropOldest();
      const slot = (this.head + this.count) % this.capacity;
      const c = this.chunk(slot);
      const j = slot & (CHUNK - 1);
      const { lo, hi } = this.digest;
      c.outcomes[j] = kept;
      c.at[j] = at;
      c.hash[j] = hash ?? Number.NaN;
      c.lo[j] = lo;
      c.hi[j] = hi;
      this.slots.add(slot, lo);
      this.count++;
    }
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

  /**
   * One frozen object per distinct outcome: batches mostly move sessions between the same few
   * segments, and an object with two arrays per remembered batch was ~40 % of the index.
   */
  private shared(outcome: BatchOutcome): BatchOutcome {
    if (outcome.enter.length === 0 && outcome.exit.length === 0) return NO_CHANGE;
    const k = `${outcome.enter.join("\u0000")}\u0001${outcome.exit.join("\u0000")}`;
    const known = this.outcomes.get(k);
    if (known) return known;
    if (this.outcomes.size >= MAX_SHARED_OUTCOMES) this.outcomes.clear();
    const frozen: BatchOutcome = Object.freeze({
      enter: Object.freeze([...outcome.enter]),
      exit: Object.freeze([...outcome.exit]),
    });
    this.outcomes.set(k, frozen);
    return frozen;
  }

  private dropOldest(): void {
    const c = this.chunk(this.head);
    const j = this.head & (CHUNK - 1);
    this.slots.delete(this.head, c.lo[j]!);
    c.outcomes[j] = undefined;
    this.head = (this.head + 1) % this.capacity;
    this.count--;
  }

  private expire(now: number): void {
    const oldest = now - this.windowMs;
    while (this.count > 0) {
      const c = this.chunk(this.head);
      if (c.at[this.head & (CHUNK - 1)]! >= oldest) break;
      this.dropOldest();
    }
  }
}
