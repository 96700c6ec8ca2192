import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { compileGbdtRaw } from "../src/gbdt/codegen.ts";
import { predictGbdtRaw } from "../src/gbdt/predict.ts";
import type { GbdtModel } from "../src/gbdt/types.ts";
import { compileGbdtProba, fromJSON, predictProba, toJSON, trainGbdt } from "../src/index.ts";

function data(n: number, seed: number) {
  let s = seed;
  const r = () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
  const x: Float64Array[] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const row = Float64Array.from([
      r() * 10,
      r() < 0.1 ? Number.NaN : r(),
      Math.floor(r() * 6),
      r() * 3,
    ]);
    x.push(row);
    y.push(row[0]! > 5 !== (row[2]! % 2 === 0) || row[1]! > 0.8 ? 1 : 0);
  }
  return { x, y };
}

const { x, y } = data(3000, 7);
const model = trainGbdt({
  x,
  y,
  categorical: [2],
  params: { numRounds: 40, maxLeaves: 8, seed: 3 },
}) as GbdtModel;

test("the compiled forest gives bit-identical raw scores, NaN and categories included", () => {
  const raw = compileGbdtRaw(model);
  assert.ok(raw);
  fc.assert(
    fc.property(
      fc.tuple(
        fc.double({ noNaN: false }),
        fc.double(),
        // Category codes, and values no category has (fractions, -0, 2^32 + 3, …).
        fc.oneof(
          fc.integer({ min: -2, max: 40 }),
          fc.double(),
          fc.constantFrom(-0, 0.5, 31, 32, 2 ** 32 + 3, -(2 ** 32) + 2),
        ),
        fc.double(),
      ),
      (t) => {
        const row = Float64Array.from(t);
        assert.ok(Object.is(raw(row), predictGbdtRaw(model, row)));
      },
    ),
    { numRuns: 3000 },
  );
  for (const row of x) assert.ok(Object.is(raw(row), predictGbdtRaw(model, row)));
});

test("compiled probabilities equal predictProba (with calibration after a JSON round trip)", () => {
  const again = fromJSON(JSON.parse(JSON.stringify(toJSON(model)))) as GbdtModel;
  const p = compileGbdtProba(again);
  for (const row of x.slice(0, 500)) assert.ok(Object.is(p(row), predictProba(again, row)));
});

test("a tampered model never injects code: it falls back to the interpreter", () => {
  const json = toJSON(model) as unknown as { trees: { threshold: unknown[] }[] };
  const tampered = fromJSON(JSON.parse(JSON.stringify(json))) as GbdtModel;
  (tampered.trees[0]!.threshold as unknown as unknown[]) = [
    "0); globalThis.__pwned = 1; (0",
  ] as unknown[];
  assert.equal(compileGbdtRaw(tampered), null);
  assert.equal((globalThis as Record<string, unknown>).__pwned, undefined);
});
