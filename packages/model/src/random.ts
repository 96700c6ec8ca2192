// Seeded pseudo-random numbers. Everything random in this package (row/column subsampling,
// fold assignment, shuffles) goes through here so that the same seed gives bit-identical results.

/** A deterministic source of pseudo-random numbers. */
export interface Rng {
  /** Uniform 32-bit unsigned integer. */
  nextU32(): number;
  /** Uniform float in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  nextInt(n: number): number;
}

/** splitmix32: spreads a (possibly small or similar) seed over the whole state space. */
function splitmix32(state: { s: number }): number {
  state.s = (state.s + 0x9e3779b9) | 0;
  let z = state.s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/**
 * sfc32 (Chris Doty-Humphrey's Small Fast Counting generator): passes PractRand, 128-bit state,
 * only 32-bit integer operations, so it is exact and fast in JavaScript.
 */
export function createRng(seed: number): Rng {
  const init = { s: Math.trunc(seed) | 0 };
  let a = splitmix32(init);
  let b = splitmix32(init);
  let c = splitmix32(init);
  let d = 1;
  const nextU32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  // Warm up so that nearby seeds diverge immediately.
  for (let i = 0; i < 12; i++) nextU32();
  return {
    nextU32,
    next: () => nextU32() / 4294967296,
    nextInt: (n: number) => Math.floor((nextU32() / 4294967296) * n),
  };
}

/** Fisher–Yates shuffle in place. */
export function shuffleInPlace<T extends { length: number; [i: number]: unknown }>(
  array: T,
  rng: Rng,
): T {
  for (let i = array.length - 1; i > 0; i--) {
    const j = rng.nextInt(i + 1);
    const tmp = array[i];
    array[i] = array[j];
    array[j] = tmp;
  }
  return array;
}

/**
 * Exactly `k` distinct indices from [0, n), in increasing order (Knuth's selection sampling,
 * Algorithm S: one pass, no sort, and ascending order keeps later memory access sequential).
 */
export function sampleIndices(n: number, k: number, rng: Rng): Uint32Array {
  const take = Math.max(0, Math.min(n, Math.floor(k)));
  const out = new Uint32Array(take);
  let chosen = 0;
  for (let i = 0; i < n && chosen < take; i++) {
    if (rng.next() * (n - i) < take - chosen) out[chosen++] = i;
  }
  return out;
}
