import assert from "node:assert/strict";
import type { DuckDbStore } from "../../src/duckdb/store.ts";

/** Numbers rounded to 6 decimals, deep through arrays and plain objects. */
export function roundDeep(v: unknown): unknown {
  if (typeof v === "number") return Math.round(v * 1e6) / 1e6;
  if (Array.isArray(v)) return v.map(roundDeep);
  if (v && typeof v === "object")
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, roundDeep(x)]));
  return v;
}

/**
 * Asserts that what `read` returns is the same before and after `store.rebuildRollups()`, i.e. the
 * rollups kept up to date are what a rebuild from the raw tables gives. Revenue and time are
 * doubles: summed in another order they differ in the last bits, so both sides are rounded.
 */
export async function assertSameAfterRebuild(
  store: DuckDbStore,
  read: () => Promise<unknown>,
): Promise<void> {
  const before = roundDeep(await read());
  await store.rebuildRollups();
  assert.deepEqual(before, roundDeep(await read()));
}
