/**
 * Live sessions ordered by their next deadline (docs/product/engine.md#time): an indexed 4-ary
 * min-heap, so `advance(now)` pops only the sessions whose deadline has passed. Four children
 * per node halve the levels of a binary heap: each level moved writes the slot of another
 * session (a cache miss at 100k sessions), so fewer levels is what makes it faster.
 *
 * Why our own and not an npm heap (heap-js, flatqueue, tinyqueue, mnemonist): every event moves
 * its session's deadline, so the heap needs "change this item's key" in O(log n). Those
 * libraries offer removal by linear search or none at all (lazy deletion would keep a stale
 * entry per event until its time comes: ~100k entries at the soak's rate). Here each session
 * keeps its heap slot in its own accumulators (F.TimerSlot, slot + 1; 0 = not queued), and keys
 * live in one Float64Array beside the session array: no allocation per update.
 */
import { F, type SessionState } from "./state.ts";

export class DeadlineQueue {
  private items: SessionState[] = [];
  private keys = new Float64Array(1024);

  get size(): number {
    return this.items.length;
  }

  /** The earliest deadline, Infinity when empty. */
  peek(): number {
    return this.items.length === 0 ? Number.POSITIVE_INFINITY : this.keys[0]!;
  }

  /** Sets (or moves) the session's deadline. */
  schedule(s: SessionState, at: number): void {
    const slot = s.num(F.TimerSlot) - 1;
    if (slot >= 0) {
      const old = this.keys[slot]!;
      this.keys[slot] = at;
      if (at < old) this.up(slot);
      else if (at > old) this.down(slot);
      return;
    }
    const i = this.items.length;
    if (i === this.keys.length) {
      const grown = new Float64Array(this.keys.length * 2);
      grown.set(this.keys);
      this.keys = grown;
    }
    this.items.push(s);
    this.keys[i] = at;
    s.setNum(F.TimerSlot, i + 1);
    this.up(i);
  }

  /** Takes the session out of the queue (it ended). */
  remove(s: SessionState): void {
    const slot = s.num(F.TimerSlot) - 1;
    if (slot < 0) return;
    s.setNum(F.TimerSlot, 0);
    const last = this.items.length - 1;
    const moved = this.items.pop()!;
    if (slot === last) return;
    this.items[slot] = moved;
    this.keys[slot] = this.keys[last]!;
    moved.setNum(F.TimerSlot, slot + 1);
    this.down(slot);
    this.up(slot);
  }

  /**
   * Removes and returns up to `limit` sessions whose deadline is ≤ now, earliest first. They are
   * out of the queue until scheduled again.
   */
  popDue(now: number, limit: number, out: SessionState[] = []): SessionState[] {
    while (out.length < limit && this.items.length > 0 && this.keys[0]! <= now) {
      const s = this.items[0]!;
      this.remove(s);
      out.push(s);
    }
    return out;
  }

  private up(i: number): void {
    const { items, keys } = this;
    const s = items[i]!;
    const k = keys[i]!;
    while (i > 0) {
      const p = (i - 1) >> 2;
      if (keys[p]! <= k) break;
      items[i] = items[p]!;
      keys[i] = keys[p]!;
      items[i]!.setNum(F.TimerSlot, i + 1);
      i = p;
    }
    items[i] = s;
    keys[i] = k;
    s.setNum(F.TimerSlot, i + 1);
  }

  private down(i: number): void {
    const { items, keys } = this;
    const n = items.length;
    const s = items[i]!;
    const k = keys[i]!;
    for (;;) {
      const first = 4 * i + 1;
      if (first >= n) break;
      let c = first;
      const last = Math.min(first + 4, n);
      for (let j = first + 1; j < last; j++) if (keys[j]! < keys[c]!) c = j;
      if (keys[c]! >= k) break;
      items[i] = items[c]!;
      keys[i] = keys[c]!;
      items[i]!.setNum(F.TimerSlot, i + 1);
      i = c;
    }
    items[i] = s;
    keys[i] = k;
    s.setNum(F.TimerSlot, i + 1);
  }
}
