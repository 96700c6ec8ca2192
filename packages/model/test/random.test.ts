import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createRng, sampleIndices, shuffleInPlace } from "../src/random.ts";
import { assertSeeded } from "./support/seeded.ts";

describe("seeded PRNG", () => {
  it("repeats exactly for a seed and differs between seeds", () => {
    assertSeeded(
      (seed) => {
        const r = createRng(seed);
        return () => r.nextU32();
      },
      7,
      8,
    );
  });

  it("next() is in [0, 1) and nextInt(n) in [0, n) with a plausible mean", () => {
    const rng = createRng(1);
    let sum = 0;
    for (let i = 0; i < 20000; i++) {
      const v = rng.next();
      assert.ok(v >= 0 && v < 1);
      const k = rng.nextInt(10);
      assert.ok(Number.isInteger(k) && k >= 0 && k < 10);
      sum += v;
    }
    assert.ok(Math.abs(sum / 20000 - 0.5) < 0.01);
  });

  it("sampleIndices draws exactly k distinct ascending indices", () => {
    const s = sampleIndices(1000, 321, createRng(3));
    assert.equal(s.length, 321);
    for (let i = 1; i < s.length; i++) assert.ok((s[i] as number) > (s[i - 1] as number));
    assert.ok((s[s.length - 1] as number) < 1000);
    assert.deepEqual(Array.from(sampleIndices(5, 5, createRng(1))), [0, 1, 2, 3, 4]);
  });

  it("shuffleInPlace permutes", () => {
    const a = Array.from({ length: 100 }, (_, i) => i);
    shuffleInPlace(a, createRng(5));
    assert.notDeepEqual(
      a,
      [...a].sort((x, y) => x - y),
    );
    assert.deepEqual(
      [...a].sort((x, y) => x - y),
      Array.from({ length: 100 }, (_, i) => i),
    );
  });
});
