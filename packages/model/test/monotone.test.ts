/**
 * Monotone constraints in the boosted trees (as xgboost's monotone_constraints): a feature
 * constrained +1 never lowers the raw score when it grows, −1 never raises it, whatever the
 * other features are; the data below rises and falls in x0, so an unconstrained model does not.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { trainGbdt } from "../src/index.ts";
import { predictRaw } from "../src/model.ts";
import { createRng } from "../src/random.ts";

/** y depends on sin(6·x0) (up and down in x0) and on x1; x2 is a category. */
function data(n: number, seed: number) {
  const rng = createRng(seed);
  const x: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const x0 = rng.next();
    const x1 = rng.next();
    const x2 = Math.floor(rng.next() * 3);
    const z = 2 * Math.sin(6 * x0) + 3 * x0 + 2 * (x1 - 0.5) + (x2 === 1 ? 1 : 0);
    x.push([rng.next() < 0.05 ? Number.NaN : x0, x1, x2]);
    y.push(rng.next() < 1 / (1 + Math.exp(-z)) ? 1 : 0);
  }
  return { x, y };
}

const TRAIN = data(6000, 7);
const params = { numRounds: 80, learningRate: 0.2, minSamplesLeaf: 20, maxDepth: 5, seed: 3 };
const fit = (monotone?: Record<string, 1 | -1>) =>
  trainGbdt({
    ...TRAIN,
    featureNames: ["x0", "x1", "x2"],
    categorical: [2],
    params,
    ...(monotone ? { monotone } : {}),
  });
const up = fit({ x0: 1 });
const down = fit({ x1: -1 });
const free = fit();

/** Largest drop of the raw score along x0 = 0, 0.01, …, 1 with the other features fixed. */
function worstDrop(model: ReturnType<typeof fit>, feature: number, x1: number, x2: number) {
  let prev = Number.NEGATIVE_INFINITY;
  let worst = 0;
  for (let k = 0; k <= 100; k++) {
    const row = [0.5, x1, x2];
    row[feature] = k / 100;
    const s = predictRaw(model, row);
    worst = Math.max(worst, prev - s);
    prev = s;
  }
  return worst;
}

describe("monotone constraints", () => {
  it("+1: the score never falls as the feature grows, for any other values (fast-check)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 0, max: 2 }),
        (x1, x2) => worstDrop(up, 0, x1, x2) <= 1e-12,
      ),
      { numRuns: 200 },
    );
  });

  it("−1: the score never rises as the feature grows", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 0, max: 2 }),
        (x0, x2) => {
          let prev = Number.POSITIVE_INFINITY;
          for (let k = 0; k <= 100; k++) {
            const s = predictRaw(down, [x0, k / 100, x2]);
            if (s > prev + 1e-12) return false;
            prev = s;
          }
          return true;
        },
      ),
      { numRuns: 200 },
    );
  });

  it("without the constraint the same data gives a score that falls somewhere (the test can fail)", () => {
    assert.ok(worstDrop(free, 0, 0.5, 0) > 0.05, `largest drop ${worstDrop(free, 0, 0.5, 0)}`);
  });

  it("refuses a constraint on an unknown or categorical feature", () => {
    assert.throws(() => fit({ nope: 1 }), /no feature "nope"/);
    assert.throws(() => fit({ x2: 1 }), /"x2" is categorical/);
  });
});
