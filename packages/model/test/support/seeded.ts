import assert from "node:assert/strict";

/**
 * Asserts that a seeded generator repeats exactly for one seed and differs between two seeds.
 * `start(seed)` returns a function that draws the next 32-bit value. Shared by the model's and
 * the simulator's PRNG tests (two generators, one contract).
 */
export function assertSeeded(start: (seed: number) => () => number, seed: number, other: number) {
  const draws = (seed: number) => Array.from({ length: 50 }, start(seed));
  const first = draws(seed);
  assert.deepEqual(first, draws(seed));
  assert.notDeepEqual(first, draws(other));
}
