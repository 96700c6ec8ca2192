import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fromJSON, predictProba, rocAuc, toJSON, trainLogistic } from "../src/index.ts";
import { predictRaw } from "../src/model.ts";
import { logisticData } from "./helpers.ts";

describe("logistic regression", () => {
  const w = [1.5, -1, 0, 0.5];
  const data = logisticData(20000, 1, w, -0.5);

  it("recovers the generating coefficients (IRLS converges)", () => {
    const model = trainLogistic({ ...data, params: { l2: 1e-6 } });
    assert.ok(model.training.converged);
    // Weights live on the standardised scale: divide by the scale to compare.
    model.weights.forEach((wj, j) => {
      const raw = wj / (model.scale[j] as number);
      assert.ok(Math.abs(raw - (w[j] as number)) < 0.1, `w${j} = ${raw}`);
    });
    const interceptRaw =
      model.intercept -
      model.weights.reduce(
        (a, wj, j) => a + (wj * (model.mean[j] as number)) / (model.scale[j] as number),
        0,
      );
    assert.ok(Math.abs(interceptRaw + 0.5) < 0.1);
    const auc = rocAuc(
      data.y,
      data.x.map((r) => predictRaw(model, r)),
    );
    assert.ok(auc > 0.75);
  });

  it("shrinks weights with a stronger L2 penalty, is deterministic, round-trips", () => {
    const small = trainLogistic({ ...data, params: { l2: 1 } });
    const big = trainLogistic({ ...data, params: { l2: 1e5 } });
    const norm = (v: number[]) => Math.hypot(...v);
    assert.ok(norm(big.weights) < norm(small.weights) / 2);
    assert.equal(
      JSON.stringify(toJSON(small)),
      JSON.stringify(toJSON(trainLogistic({ ...data, params: { l2: 1 } }))),
    );
    const back = fromJSON(JSON.parse(JSON.stringify(toJSON(small))));
    for (const r of data.x.slice(0, 100))
      assert.ok(Object.is(predictProba(back, r), predictProba(small, r)));
  });

  it("treats missing values as the feature mean and survives constant columns", () => {
    const x = [
      [1, 5],
      [2, 5],
      [3, 5],
      [4, 5],
    ];
    const model = trainLogistic({ x, y: [0, 1, 0, 1] });
    assert.equal(model.scale[1], 1);
    const p = predictProba(model, [Number.NaN, Number.NaN]);
    assert.ok(Number.isFinite(p) && p > 0 && p < 1);
  });
});
