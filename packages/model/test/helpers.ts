// Synthetic data sets for the tests (deterministic by seed).
import { createRng } from "../src/random.ts";

export interface Dataset {
  x: Float64Array[];
  y: Float64Array;
}

/** y = (x0 > 0) XOR (x1 > 0) with `noise` of labels flipped; x2..x4 are pure noise. */
export function xorData(n: number, seed: number, noise = 0.1): Dataset {
  const rng = createRng(seed);
  const x: Float64Array[] = [];
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const row = Float64Array.from({ length: 5 }, () => rng.next() * 2 - 1);
    const label = (row[0] as number) > 0 !== (row[1] as number) > 0 ? 1 : 0;
    y[i] = rng.next() < noise ? 1 - label : label;
    x.push(row);
  }
  return { x, y };
}

/** Logistic data: P(y=1) = σ(Σ w·x + b) with standard normal-ish features. */
export function logisticData(n: number, seed: number, w: readonly number[], b: number): Dataset {
  const rng = createRng(seed);
  const x: Float64Array[] = [];
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    // Sum of uniforms ≈ normal, and deterministic without Math.random.
    const row = Float64Array.from(w, () => (rng.next() + rng.next() + rng.next() - 1.5) * 2);
    let z = b;
    w.forEach((wj, j) => {
      z += wj * (row[j] as number);
    });
    y[i] = rng.next() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
    x.push(row);
  }
  return { x, y };
}
