/**
 * Bounded heavy-hitter counting ("space-saving", Metwally et al. 2005) for category and brand
 * affinity: a fixed number of slots, so memory stays constant however many categories a
 * session touches, and the top entry is exact whenever it is truly frequent. Both kinds share
 * one exactly-sized array of names (`s.affinity`, one array per session rather than two) and
 * their counts are integer fields: slot i of a range ↔ `s.affinity[from + i]` and
 * `s.get(C.AffinityViews + from + i)`.
 */
import { intern } from "./intern.ts";
import { C, MAX_BRANDS, MAX_CATEGORIES, type SessionState } from "./state.ts";

export interface SlotRange {
  readonly from: number;
  readonly slots: number;
}

export const CATEGORY_SLOTS: SlotRange = { from: 0, slots: MAX_CATEGORIES };
export const BRAND_SLOTS: SlotRange = { from: MAX_CATEGORIES, slots: MAX_BRANDS };

/** Adds `by` to `name`'s slot in range `r`; returns the slot index within the range. */
export function bumpSlot(s: SessionState, r: SlotRange, name: string, by = 1): number {
  const names = s.affinity;
  const base = C.AffinityViews + r.from;
  let min = 0;
  for (let i = 0; i < r.slots; i++) {
    const n = names[r.from + i];
    if (n === name) {
      s.add(base + i, by);
      return i;
    }
    if (n === undefined) {
      names[r.from + i] = intern(name); // a slot lives as long as its session
      s.set(base + i, by);
      return i;
    }
    if (s.get(base + i) < s.get(base + min)) min = i;
  }
  // Full: the new name takes over the least-counted slot and inherits its count.
  names[r.from + min] = intern(name);
  s.add(base + min, by);
  return min;
}

/** The most-counted name of range `r`, or "" when none. */
export function topSlot(s: SessionState, r: SlotRange): string {
  const names = s.affinity;
  const base = C.AffinityViews + r.from;
  let best = -1;
  for (let i = 0; i < r.slots; i++) {
    if (names[r.from + i] !== undefined && (best < 0 || s.get(base + i) > s.get(base + best)))
      best = i;
  }
  return best < 0 ? "" : names[r.from + best]!;
}

export function countSlots(s: SessionState, r: SlotRange): number {
  let c = 0;
  for (let i = 0; i < r.slots; i++) if (s.affinity[r.from + i] !== undefined) c++;
  return c;
}

/** The names held in range `r`, in slot order. */
export function slotNames(s: SessionState, r: SlotRange): string[] {
  const out: string[] = [];
  for (let i = 0; i < r.slots; i++) {
    const n = s.affinity[r.from + i];
    if (n !== undefined) out.push(n);
  }
  return out;
}
