/**
 * The idempotency index's compact ring (issue 24) against a plain model of what it promises:
 * every id added within the window and among the newest `maxKeys` is found with its outcome,
 * time and hash; an update keeps the entry's age; older ids are forgotten oldest first.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { type BatchOutcome, IdempotencyIndex, NO_CHANGE } from "../src/collector/idempotency.ts";
import { KeyDigest } from "../src/collector/key-digest.ts";
import { batchKey } from "../src/collector/records.ts";
import { SlotTable } from "../src/collector/slot-table.ts";

interface Model {
  outcome: BatchOutcome;
  at: number;
  hash: number | undefined;
}

test("the ring answers as a Map of entries bounded by count and age, across chunk boundaries", () => {
  const maxKeys = 5000; // more than one 4,096-slot chunk, so the ring wraps across chunks
  const windowMs = 60_000;
  const index = new IdempotencyIndex(windowMs, maxKeys);
  const model = new Map<string, Model>(); // insertion order = age order
  let seed = 42;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const changed: BatchOutcome = { enter: ["seg_a"], exit: [] };
  let now = 1_700_000_000_000;
  const keys: string[] = [];
  for (let i = 0; i < 30_000; i++) {
    // Fast first (the count binds: ~6,000 ids a window), then slow (the age binds: ~3,000).
    now += Math.floor(rand() * (i < 15_000 ? 20 : 40));
    const update = keys.length > 0 && rand() < 0.1;
    const key = update
      ? keys[Math.floor(rand() * keys.length)]!
      : batchKey("s1", `sess${i % 977}`, `b${i}`);
    if (!update) keys.push(key);
    const outcome = rand() < 0.2 ? changed : NO_CHANGE;
    const hash = rand() < 0.1 ? undefined : Math.floor(rand() * 2 ** 48);
    index.add(key, outcome, now, hash);
    const known = model.get(key);
    if (known) {
      known.outcome = outcome;
      known.hash ??= hash;
    } else model.set(key, { outcome, at: now, hash });
    for (const [k, e] of model) {
      if (model.size <= maxKeys && e.at >= now - windowMs) break;
      model.delete(k);
    }
    if (i === 14_999) assert.equal(index.size, maxKeys, "the count bound holds while fast");
    if (i % 997 === 0 || i > 29_900) {
      assert.equal(index.size, model.size);
      for (const k of keys.slice(-6000)) {
        const want = model.get(k);
        const got = index.get(k);
        if (!want) assert.equal(got, undefined, k);
        else assert.deepEqual(got, want, k);
      }
    }
  }
  assert.ok(index.size < maxKeys * 0.7, "the age bound holds at the end");
  assert.equal(index.get(keys[0]!), undefined);
});

test("an outcome without changes is the shared NO_CHANGE; a known hash is kept on update", () => {
  const index = new IdempotencyIndex(1000, 10);
  index.add("k", { enter: [], exit: [] }, 5, 7);
  assert.equal(index.get("k")!.outcome, NO_CHANGE);
  index.add("k", { enter: ["x"], exit: [] }, 6, 9);
  assert.deepEqual(index.get("k"), { outcome: { enter: ["x"], exit: [] }, at: 5, hash: 7 });
  // Equal outcomes of different batches are one shared, frozen object.
  index.add("k2", { enter: ["x"], exit: [] }, 6);
  assert.equal(index.get("k2")!.outcome, index.get("k")!.outcome);
  assert.ok(Object.isFrozen(index.get("k2")!.outcome.enter));
  index.add("old", NO_CHANGE, 5);
  assert.equal(index.get("old")!.hash, undefined);
  index.add("late", NO_CHANGE, 2000);
  assert.equal(index.get("k"), undefined);
  assert.equal(index.size, 1);
});

test("the slot table finds, adds and deletes under colliding digests (backward-shift deletion)", () => {
  const digest = new KeyDigest();
  for (const spread of [1, 3, 1 << 30]) {
    // The low half (the table position) is squeezed into `spread` values; the high half tells
    // the keys apart.
    const lo: number[] = [];
    const hi: number[] = [];
    const of = (key: string): [number, number] => {
      digest.digest(key);
      return [digest.lo % spread, digest.hi];
    };
    const table = new SlotTable(
      (slot) => lo[slot]!,
      (slot) => hi[slot]!,
    );
    const model = new Map<string, number>();
    let seed = spread;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let i = 0; i < 1500; i++) {
      const live = [...model.entries()];
      if (live.length > 0 && rand() < 0.4) {
        const [key, slot] = live[Math.floor(rand() * live.length)]!;
        table.delete(slot, lo[slot]!);
        model.delete(key);
      } else {
        const key = `k${i}`;
        [lo[i], hi[i]] = of(key);
        table.add(i, lo[i]!);
        model.set(key, i);
      }
      if (i % 100 === 0 || i === 1499) {
        assert.equal(table.size, model.size);
        for (let k = 0; k <= i; k++) {
          const key = `k${k}`;
          assert.equal(table.get(...of(key)), model.get(key) ?? -1, key);
        }
      }
    }
  }
});
