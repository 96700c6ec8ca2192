import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { binMatrix, binValue, fitNumericBins } from "../src/gbdt/binning.ts";
import { contributions } from "../src/gbdt/explain.ts";
import { featureImportance } from "../src/gbdt/importance.ts";
import { DEFAULT_GBDT_PARAMS, resolveGbdtParams } from "../src/gbdt/params.ts";
import type { GbdtModel } from "../src/gbdt/types.ts";
import {
  explain,
  fromJSON,
  predictProba,
  rocAuc,
  toJSON,
  trainGbdt,
  trainLogistic,
} from "../src/index.ts";
import { predictRaw } from "../src/model.ts";
import { createRng } from "../src/random.ts";
import { xorData } from "./helpers.ts";

const scores = (model: Parameters<typeof predictRaw>[0], x: readonly ArrayLike<number>[]) =>
  x.map((r) => predictRaw(model, r));

describe("binning", () => {
  it("uses at most maxBins quantile bins, one bin for a heavy value, a separate missing bin", () => {
    const rng = createRng(1);
    const v = Float64Array.from({ length: 5000 }, (_, i) => (i % 5 === 0 ? 0 : rng.next()));
    const b = fitNumericBins(v, 16);
    assert.ok(b.nBins <= 16 && b.nBins >= 12);
    assert.equal(b.upper[b.nBins - 1], Number.POSITIVE_INFINITY);
    const smallest = Math.min(...v.filter((e) => e > 0));
    assert.equal(binValue(b, 0), 0);
    assert.equal(binValue(b, smallest), 1, "the 20 % zeros fill a bin of their own");
    const m = binMatrix([[0], [Number.NaN], [0.5], [2]], [false], 255);
    assert.equal(m.bins[1], m.features[0]?.nBins, "NaN lands in the missing bin");
    assert.ok(
      (m.bins[0] as number) < (m.bins[2] as number) &&
        (m.bins[2] as number) < (m.bins[3] as number),
    );
    const few = fitNumericBins(Float64Array.from([3, 1, 2, 2, 1]), 255);
    assert.deepEqual(Array.from(few.upper), [1.5, 2.5, Number.POSITIVE_INFINITY]);
  });
});

describe("trainGbdt", () => {
  const train = xorData(3000, 1);
  const test = xorData(2000, 2);

  it("learns XOR, which logistic regression cannot", () => {
    const gbdt = trainGbdt({ ...train, params: { numRounds: 150 } });
    const lr = trainLogistic(train);
    const aucGbdt = rocAuc(test.y, scores(gbdt, test.x));
    const aucLr = rocAuc(test.y, scores(lr, test.x));
    assert.ok(aucGbdt > 0.85, `GBDT AUC ${aucGbdt}`);
    assert.ok(aucLr < 0.6, `LR AUC ${aucLr}`);
    assert.ok(aucGbdt - aucLr > 0.25);
    const imp = featureImportance(gbdt);
    assert.deepEqual(
      imp
        .slice(0, 2)
        .map((f) => f.index)
        .sort(),
      [0, 1],
    );
  });

  it("is bit-identical for the same data and seed, different for another seed", () => {
    const params = { numRounds: 40, subsample: 0.7, colsample: 0.6, seed: 11 };
    const a = JSON.stringify(toJSON(trainGbdt({ ...train, params })));
    const b = JSON.stringify(toJSON(trainGbdt({ ...train, params })));
    const c = JSON.stringify(toJSON(trainGbdt({ ...train, params: { ...params, seed: 12 } })));
    assert.equal(a, b);
    assert.notEqual(a, c);
  });

  it("round-trips through JSON with bit-identical predictions", () => {
    const cats = xorData(1500, 3).x.map((r, i) =>
      Float64Array.from([...r, i % 7, i % 11 === 0 ? Number.NaN : (r[2] as number)]),
    );
    const y = cats.map((r) => (((r[5] as number) % 3 === 0) !== (r[0] as number) > 0 ? 1 : 0));
    const model = trainGbdt({
      x: cats,
      y,
      categorical: [5],
      featureNames: ["a", "b", "c", "d", "e", "cat", "gappy"],
      params: { numRounds: 60 },
    });
    assert.ok(
      model.trees.some((t) => t.catWords.some((w) => w > 0)),
      "has a categorical split",
    );
    const json = JSON.stringify(toJSON(model));
    const back = fromJSON(JSON.parse(json)) as GbdtModel;
    assert.equal(JSON.stringify(toJSON(back)), json);
    assert.deepEqual(back.featureNames, model.featureNames);
    assert.deepEqual(back.params, model.params);
    const probe = [
      ...cats.slice(0, 300),
      Float64Array.from([0, 0, 0, 0, 0, 99, Number.NaN]),
      [Number.NaN],
    ];
    for (const r of probe) {
      assert.ok(Object.is(predictRaw(back, r), predictRaw(model, r)));
      assert.ok(Object.is(predictProba(back, r), predictProba(model, r)));
    }
  });

  it("learns where missing values should go", () => {
    const rng = createRng(4);
    const x = Array.from({ length: 2000 }, () => [
      rng.next() < 0.3 ? Number.NaN : rng.next(),
      rng.next(),
    ]);
    const y = x.map((r) => (Number.isNaN(r[0] as number) ? 1 : 0));
    const model = trainGbdt({ x, y, params: { numRounds: 30 } });
    assert.ok(predictProba(model, [Number.NaN, 0.5]) > 0.8);
    assert.ok(predictProba(model, [0.5, 0.5]) < 0.2);
    assert.ok(predictProba(model, [undefined as unknown as number, 0.5]) > 0.8, "absent = missing");
  });

  it("splits a categorical feature on a category set (order of codes irrelevant)", () => {
    const rng = createRng(5);
    const set = new Set([1, 4, 7, 9, 11]);
    const make = (n: number) => {
      const x = Array.from({ length: n }, () => [rng.nextInt(12), rng.next()]);
      return { x, y: x.map((r) => (set.has(r[0] as number) !== rng.next() < 0.05 ? 1 : 0)) };
    };
    const tr = make(3000);
    const te = make(1000);
    const model = trainGbdt({
      ...tr,
      categorical: [true, false],
      params: { numRounds: 20, maxLeaves: 4 },
    });
    assert.ok(rocAuc(te.y, scores(model, te.x)) > 0.9);
    assert.ok((model.trees[0]?.catWords[0] ?? 0) > 0, "the first split is a categorical one");
  });

  it("stops early on a validation set and keeps the best iteration", () => {
    const noisy = xorData(1000, 6, 0.4);
    const valid = xorData(1000, 7, 0.4);
    const model = trainGbdt({
      ...noisy,
      valid,
      params: { numRounds: 1000, learningRate: 0.3, earlyStoppingRounds: 10 },
    });
    const info = model.training;
    assert.ok(info.roundsRun < 1000);
    assert.equal(model.trees.length, info.bestIteration);
    assert.equal(info.validLoss.length, info.roundsRun);
    const best = Math.min(...info.validLoss);
    assert.equal(info.validLoss[info.bestIteration - 1], best);
  });

  it("respects maxDepth (depth-wise) and maxLeaves (leaf-wise)", () => {
    const depthOf = (t: GbdtModel["trees"][number]) => {
      const walk = (n: number): number =>
        (t.feature[n] as number) < 0
          ? 0
          : 1 + Math.max(walk(t.left[n] as number), walk(t.right[n] as number));
      return walk(0);
    };
    const d = trainGbdt({
      ...train,
      params: { numRounds: 5, growth: "depthwise", maxDepth: 3, maxLeaves: 64 },
    });
    for (const t of d.trees) assert.ok(depthOf(t) <= 3);
    const l = trainGbdt({ ...train, params: { numRounds: 5, maxLeaves: 5, maxDepth: 20 } });
    for (const t of l.trees) assert.ok(t.feature.filter((f) => f < 0).length <= 5);
  });

  it("rejects impossible parameters", () => {
    assert.throws(() => resolveGbdtParams({ learningRate: 0 }), RangeError);
    assert.throws(() => resolveGbdtParams({ maxBins: 300 }), RangeError);
    assert.deepEqual(resolveGbdtParams({}), { ...DEFAULT_GBDT_PARAMS });
  });
});

describe("explain", () => {
  it("decomposes the raw score exactly (bias + contributions) and ranks by |contribution|", () => {
    const data = xorData(2000, 8);
    const model = trainGbdt({
      ...data,
      featureNames: ["x0", "x1", "n2", "n3", "n4"],
      params: { numRounds: 80 },
    });
    for (const r of data.x.slice(0, 50)) {
      const c = contributions(model, r);
      const sum = c.values.reduce((a, v) => a + v, c.bias);
      assert.ok(Math.abs(sum - predictRaw(model, r)) < 1e-9);
      const ex = explain(model, r);
      for (let k = 1; k < ex.length; k++) {
        assert.ok(Math.abs(ex[k - 1]?.contribution ?? 0) >= Math.abs(ex[k]?.contribution ?? 0));
      }
    }
    const top = explain(model, [0.8, 0.8, 0, 0, 0], 2);
    assert.equal(top.length, 2);
    assert.deepEqual(top.map((t) => t.feature).sort(), ["x0", "x1"]);
  });

  it("explains logistic models by weight × standardised value", () => {
    const data = xorData(500, 9);
    const lr = trainLogistic({ ...data, featureNames: ["a", "b", "c", "d", "e"] });
    const r = data.x[0] as Float64Array;
    const c = contributions(lr, r);
    assert.ok(Math.abs(c.values.reduce((a, v) => a + v, c.bias) - predictRaw(lr, r)) < 1e-12);
  });
});
