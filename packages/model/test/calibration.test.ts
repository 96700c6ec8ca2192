import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { applyCalibrator } from "../src/calibration/apply.ts";
import { applyIsotonic, fitIsotonic, ISOTONIC_EPSILON } from "../src/calibration/isotonic.ts";
import { fitPlatt } from "../src/calibration/platt.ts";
import {
  brierScore,
  fromJSON,
  predictProba,
  toJSON,
  trainGbdt,
  withCalibration,
} from "../src/index.ts";
import { predictRaw } from "../src/model.ts";
import { createRng } from "../src/random.ts";
import { logisticData } from "./helpers.ts";

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
const logit = (p: number) => Math.log(p / (1 - p));

/**
 * True probabilities q, outcomes ~ Bernoulli(q), and an overconfident, shifted forecast of q:
 * raw score s = 3·logit(q) + 1, probability p = σ(s).
 */
function miscalibrated(n: number, seed: number) {
  const rng = createRng(seed);
  const q = Array.from({ length: n }, () => sigmoid((rng.next() - 0.5) * 4));
  const y = q.map((p) => (rng.next() < p ? 1 : 0));
  const s = q.map((v) => 3 * logit(v) + 1);
  return { y, s, p: s.map(sigmoid) };
}

describe("isotonic regression (PAV)", () => {
  it("pools adjacent violators", () => {
    const cal = fitIsotonic([1, 2, 3, 4], [1, 0, 1, 1]);
    assert.deepEqual(cal.x, [1, 2, 3, 4]);
    assert.deepEqual(cal.y, [0.5, 0.5, 1 - ISOTONIC_EPSILON, 1 - ISOTONIC_EPSILON]);
    assert.equal(applyIsotonic(cal, 1.5), 0.5);
    assert.equal(applyIsotonic(cal, 0), 0.5, "clamped below the first knot");
    const mid = applyIsotonic(cal, 2.5);
    assert.ok(
      Math.abs(mid - (0.5 + (0.5 - ISOTONIC_EPSILON) / 2)) < 1e-12,
      "interpolated between blocks",
    );
  });

  it("pools tied scores before fitting", () => {
    const cal = fitIsotonic([0.2, 0.2, 0.2, 0.7], [1, 0, 0, 1]);
    assert.equal(applyIsotonic(cal, 0.2), 1 / 3);
  });

  it("always yields a non-decreasing map inside [0, 1]", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: -10, max: 10, noNaN: true }), fc.boolean()), {
          minLength: 1,
          maxLength: 80,
        }),
        fc.array(fc.double({ min: -12, max: 12, noNaN: true }), { minLength: 2, maxLength: 30 }),
        (data, probes) => {
          const cal = fitIsotonic(
            data.map((d) => d[0]),
            data.map((d) => (d[1] ? 1 : 0)),
          );
          const sorted = [...probes].sort((a, b) => a - b);
          let prev = Number.NEGATIVE_INFINITY;
          for (const p of sorted) {
            const v = applyIsotonic(cal, p);
            assert.ok(v >= prev - 1e-15, `not monotone at ${p}`);
            assert.ok(v >= 0 && v <= 1);
            prev = v;
          }
        },
      ),
    );
  });
});

describe("calibration improves a mis-calibrated forecast", () => {
  const fit = miscalibrated(4000, 1);
  const test = miscalibrated(4000, 2);
  const raw = brierScore(test.y, test.p);

  it("Platt scaling recovers the distortion and lowers the Brier score", () => {
    const cal = fitPlatt(fit.s, fit.y);
    // s = 3·logit(q) + 1  ⇒  q = σ(s/3 − 1/3).
    assert.ok(Math.abs(cal.a - 1 / 3) < 0.05, `a = ${cal.a}`);
    assert.ok(Math.abs(cal.b + 1 / 3) < 0.1, `b = ${cal.b}`);
    const calibrated = brierScore(
      test.y,
      test.s.map((s) => applyCalibrator(cal, s)),
    );
    assert.ok(calibrated < raw - 0.01, `${calibrated} vs ${raw}`);
  });

  it("isotonic calibration lowers the Brier score", () => {
    const cal = fitIsotonic(fit.s, fit.y);
    const calibrated = brierScore(
      test.y,
      test.s.map((s) => applyCalibrator(cal, s)),
    );
    assert.ok(calibrated < raw - 0.01, `${calibrated} vs ${raw}`);
  });

  it("is carried by the model, applied in predictProba, and serialised exactly", () => {
    // Deliberately mis-calibrated: trained on data with every positive repeated 4×, a common
    // rebalancing step that inflates the predicted probabilities.
    const data = logisticData(3000, 3, [1, -1, 0.5], -1.5);
    const x = [...data.x];
    const y = [...data.y];
    data.x.forEach((r, i) => {
      if (data.y[i] !== 1) return;
      for (let k = 0; k < 3; k++) {
        x.push(r);
        y.push(1);
      }
    });
    const model = trainGbdt({ x, y, params: { numRounds: 100 } });
    const hold = logisticData(2000, 4, [1, -1, 0.5], -1.5);
    const test2 = logisticData(2000, 5, [1, -1, 0.5], -1.5);
    const holdRaw = hold.x.map((r) => predictRaw(model, r));
    const before = brierScore(
      test2.y,
      test2.x.map((r) => predictProba(model, r)),
    );
    for (const cal of [fitPlatt(holdRaw, hold.y), fitIsotonic(holdRaw, hold.y)]) {
      const calibrated = withCalibration(model, cal);
      const after = brierScore(
        test2.y,
        test2.x.map((r) => predictProba(calibrated, r)),
      );
      assert.ok(after < before - 0.01, `${cal.kind}: ${after} vs ${before}`);
      const back = fromJSON(JSON.parse(JSON.stringify(toJSON(calibrated))));
      for (const r of test2.x.slice(0, 100)) {
        assert.ok(Object.is(predictProba(back, r), predictProba(calibrated, r)));
      }
    }
  });
});
