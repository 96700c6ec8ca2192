/**
 * Units of a number data point as people read and type them (issue 20, item 11). The engine's
 * catalogue marks a 0–1 score with the unit "probability": people type and read it as 0–100 %,
 * conditions and the API keep 0–1, and this file is the one place that converts.
 */
import type { DataPointInfo } from "./catalogue-types.ts";

export const isProbability = (p: DataPointInfo | undefined): boolean => p?.unit === "probability";

/** Rounds away the binary noise of ×100 and ÷100 (0.07 × 100 = 7.000000000000001). */
const clean = (x: number): number => Number(x.toPrecision(12));

/** A stored value as typed: 0.57 → 57 for a probability; others unchanged. */
export function shownValue(p: DataPointInfo | undefined, v: number): number {
  return isProbability(p) ? clean(v * 100) : v;
}

/** A typed value as stored: 57 → 0.57 for a probability; others unchanged. */
export function storedValue(p: DataPointInfo | undefined, v: number): number {
  return isProbability(p) ? clean(v / 100) : v;
}

/** The unit written beside a number input, or nothing. */
export function unitLabel(p: DataPointInfo | undefined): string | undefined {
  const u = p?.unit;
  if (u === "probability" || u === "%") return "%";
  if (u === "currency") return "in the shop’s currency";
  return u;
}
