/**
 * Shapley values of a prediction's change (contributions.ts): the tree walk's log-odds values
 * sum to raw(x1) − raw(x0) and equal the enumeration over coalitions; only changed features
 * get a value; missing values and categories follow the trees' own routing.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { changeShapley, shapleyChange, trainGbdt, trainLogistic } from "../src/index.ts";
import { predictRaw } from "../src/model.ts";
import { createRng } from "../src/random.ts";

const rng = createRng(4);
const x: number[][] = [];
const y: number[] = [];
for (let i = 0; i < 3000; i++) {
  const r = [rng.next(), rng.next(), Math.floor(rng.next() * 3), rng.next(), rng.next()];
  const z = 3 * (r[0]! - 0.5) * (r[1]! - 0.5) * 8 + (r[2] === 1 ? 1 : -0.5) + r[3]!;
  if (rng.next() < 0.05) r[3] = Number.NaN;
  x.push(r);
  y.push(rng.next() < 1 / (1 + Math.exp(-z)) ? 1 : 0);
}
const names = ["a", "b", "c", "d", "e"];
const gbdt = trainGbdt({
  x,
  y,
  featureNames: names,
  categorical: [2],
  params: { numRounds: 40, maxDepth: 4, learningRate: 0.3, minSamplesLeaf: 20, seed: 1 },
});
const linear = trainLogistic({ x, y, featureNames: names });

const value = fc.oneof(
  fc.double({ min: 0, max: 1, noNaN: true }),
  fc.constantFrom(0, 1, 2, Number.NaN),
);
const row = fc.array(value, { minLength: 5, maxLength: 5 }).map((r) => Float64Array.from(r));
const pair = fc
  .tuple(row, row, fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }))
  .map(([x0, other, take]) => [x0, x0.map((v, j) => (take[j] ? other[j]! : v))] as const);

describe("Shapley values of a change", () => {
  for (const [label, model] of [
    ["trees", gbdt],
    ["logistic", linear],
  ] as const) {
    it(`${label}: sum to raw(x1) − raw(x0); unchanged features get 0`, () => {
      fc.assert(
        fc.property(pair, ([x0, x1]) => {
          const phi = changeShapley(model, x0, x1);
          const sum = phi.reduce((s, v) => s + v, 0);
          const delta = predictRaw(model, x1) - predictRaw(model, x0);
          if (Math.abs(sum - delta) > 1e-9) return false;
          return phi.every((v, j) => v === 0 || !Object.is(x0[j], x1[j]));
        }),
        { numRuns: 500 },
      );
    });
  }

  it("the tree walk equals the enumeration over every coalition of changed features", () => {
    fc.assert(
      fc.property(pair, ([x0, x1]) => {
        const phi = changeShapley(gbdt, x0, x1);
        const players = names.map((_, j) => [j]);
        const exact = shapleyChange((z) => predictRaw(gbdt, z), x0, x1, players);
        return exact.every((v, j) => Math.abs(v - phi[j]!) < 1e-9);
      }),
      { numRuns: 300 },
    );
  });

  it("groups of features move together and still sum to the whole change", () => {
    const x0 = Float64Array.from([0.1, 0.9, 0, 0.2, 0.3]);
    const x1 = Float64Array.from([0.8, 0.2, 1, Number.NaN, 0.9]);
    const f = (z: Float64Array) => predictRaw(gbdt, z);
    const v = shapleyChange(f, x0, x1, [[0], [1, 2, 3, 4]]);
    assert.ok(Math.abs(v[0]! + v[1]! - (f(x1) - f(x0))) < 1e-12);
    assert.throws(() =>
      shapleyChange(
        f,
        x0,
        x1,
        Array.from({ length: 17 }, () => [0]),
      ),
    );
  });
});
