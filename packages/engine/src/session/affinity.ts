/**
 * Bounded heavy-hitter counting ("space-saving", Metwally et al. 2005) for category and brand
 * affinity: a fixed number of slots, so memory stays constant however many categories a
 * session touches, and the top entry is exact whenever it is truly frequent.
 */
import { intern } from "./intern.ts";

/** Adds `by` to `name`'s slot (names[i] ↔ counts[base + i]); returns the slot index. */
export function bumpSlot(
  names: (string | undefined)[],
  counts: Float64Array,
  base: number,
  slots: number,
  name: string,
  by = 1,
): number {
  let min = 0;
  for (let i = 0; i < slots; i++) {
    const n = names[i];
    if (n === name) {
      counts[base + i]! += by;
      return i;
    }
    if (n === undefined) {
      names[i] = intern(name); // a slot lives as long as its session
      counts[base + i] = by;
      return i;
    }
    if (counts[base + i]! < counts[base + min]!) min = i;
  }
  // Full: the new name takes over the least-counted slot and inherits its count.
  names[min] = intern(name);
  counts[base + min]! += by;
  return min;
}

/** The most-counted name, or "" when none. */
export function topSlot(
  names: readonly (string | undefined)[],
  counts: Float64Array,
  base: number,
  slots: number,
): string {
  let best = -1;
  for (let i = 0; i < slots; i++) {
    if (names[i] !== undefined && (best < 0 || counts[base + i]! > counts[base + best]!)) best = i;
  }
  return best < 0 ? "" : names[best]!;
}

export function countSlots(names: readonly (string | undefined)[], slots: number): number {
  let c = 0;
  for (let i = 0; i < slots; i++) if (names[i] !== undefined) c++;
  return c;
}
