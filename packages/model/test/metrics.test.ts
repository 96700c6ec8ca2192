import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { averagePrecision, brierScore, reliabilityTable, rocAuc } from "../src/index.ts";
import {
  accuracy,
  bestF1Threshold,
  confusionMatrix,
  f1Score,
  precision,
  recall,
} from "../src/metrics/classification.ts";
import { logLoss } from "../src/metrics/probabilistic.ts";
import { expectedCalibrationError } from "../src/metrics/reliability.ts";

const close = (actual: number, expected: number, eps = 1e-12) =>
  assert.ok(Math.abs(actual - expected) <= eps, `${actual} ≠ ${expected}`);

describe("rocAuc", () => {
  it("matches a hand-computed example", () => {
    close(rocAuc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]), 0.75);
  });

  it("counts a tied positive/negative pair as one half (midranks)", () => {
    // Pairs (pos, neg): (.5,.5) tie → ½, (.5,.2) 1, (.9,.5) 1, (.9,.2) 1 → 3.5 / 4.
    close(rocAuc([0, 1, 0, 1], [0.5, 0.5, 0.2, 0.9]), 0.875);
    close(rocAuc([0, 1, 0, 1, 1], [0.3, 0.3, 0.3, 0.3, 0.3]), 0.5);
  });

  it("is NaN with a single class and 1 / 0 for perfect / reversed ranking", () => {
    assert.ok(Number.isNaN(rocAuc([1, 1], [0.2, 0.4])));
    close(rocAuc([0, 0, 1], [0.1, 0.2, 0.3]), 1);
    close(rocAuc([0, 0, 1], [0.3, 0.2, 0.1]), 0);
  });

  const labelsAndScores = fc
    .array(fc.tuple(fc.boolean(), fc.integer({ min: -20, max: 20 })), {
      minLength: 2,
      maxLength: 60,
    })
    .filter((rows) => rows.some((r) => r[0]) && rows.some((r) => !r[0]));

  it("is invariant under strictly increasing transforms of the scores (ties included)", () => {
    fc.assert(
      fc.property(labelsAndScores, (rows) => {
        const y = rows.map((r) => (r[0] ? 1 : 0));
        const s = rows.map((r) => r[1]);
        const auc = rocAuc(y, s);
        for (const g of [
          (v: number) => 3 * v + 1,
          (v: number) => Math.exp(v / 5),
          (v: number) => v ** 3,
        ]) {
          close(rocAuc(y, s.map(g)), auc, 1e-12);
        }
        // And reversing the order mirrors it.
        close(
          rocAuc(
            y,
            s.map((v) => -v),
          ),
          1 - auc,
          1e-12,
        );
      }),
    );
  });

  it("equals the brute-force pair count", () => {
    fc.assert(
      fc.property(labelsAndScores, (rows) => {
        let wins = 0;
        let pairs = 0;
        for (const [pa, sa] of rows) {
          if (!pa) continue;
          for (const [pb, sb] of rows) {
            if (pb) continue;
            pairs++;
            wins += sa > sb ? 1 : sa === sb ? 0.5 : 0;
          }
        }
        close(
          rocAuc(
            rows.map((r) => (r[0] ? 1 : 0)),
            rows.map((r) => r[1]),
          ),
          wins / pairs,
          1e-12,
        );
      }),
    );
  });
});

describe("averagePrecision (PR-AUC)", () => {
  it("matches a hand-computed example", () => {
    // Cut points: .8 → P 1, R ½; .4 → R unchanged; .35 → P ⅔, R 1.  AP = ½·1 + ½·⅔.
    close(averagePrecision([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]), 0.5 + 1 / 3);
  });

  it("enters tied scores together", () => {
    // Group .5: tp 1 fp 1 → P ½, R ½; then .1: P ⅔, R 1.
    close(averagePrecision([1, 0, 1], [0.5, 0.5, 0.1]), 0.25 + 1 / 3);
  });

  it("is NaN without positives and 1 for a perfect ranking", () => {
    assert.ok(Number.isNaN(averagePrecision([0, 0], [0.1, 0.2])));
    close(averagePrecision([1, 0, 1, 0], [0.9, 0.1, 0.8, 0.2]), 1);
  });
});

describe("probabilistic scores", () => {
  it("Brier score and log-loss by hand", () => {
    close(brierScore([1, 0], [0.8, 0.3]), (0.04 + 0.09) / 2);
    close(logLoss([1, 0], [0.8, 0.3]), -(Math.log(0.8) + Math.log(0.7)) / 2);
    assert.ok(Number.isFinite(logLoss([1], [0])), "a confident miss is clipped, not infinite");
  });
});

describe("threshold metrics", () => {
  const y = [1, 1, 0, 0, 1];
  const s = [0.9, 0.6, 0.7, 0.2, 0.3];

  it("confusion matrix, accuracy, precision, recall and F1 at a threshold", () => {
    assert.deepEqual(confusionMatrix(y, s, 0.5), { tp: 2, fp: 1, tn: 1, fn: 1 });
    close(accuracy(y, s, 0.5), 3 / 5);
    close(precision(y, s, 0.5), 2 / 3);
    close(recall(y, s, 0.5), 2 / 3);
    close(f1Score(y, s, 0.5), 2 / 3);
    assert.equal(f1Score([1, 0], [0.1, 0.2], 0.5), 0);
  });

  it("bestF1Threshold scans every cut and returns a midpoint threshold", () => {
    // Cuts: .9 → ½, .7 → ⅖, .6 → ⅔, .3 → 6/7 (best), .2 → ¾.
    const best = bestF1Threshold(y, s);
    close(best.f1, 6 / 7);
    close(best.threshold, 0.25);
    close(best.precision, 3 / 4);
    close(best.recall, 1);
    close(f1Score(y, s, best.threshold), best.f1);
  });

  it("bestF1Threshold agrees with a brute-force search over cut points", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 30 })), {
          minLength: 1,
          maxLength: 50,
        }),
        (rows) => {
          const yy = rows.map((r) => (r[0] ? 1 : 0));
          const ss = rows.map((r) => r[1] / 30);
          let brute = 0;
          for (const t of ss) brute = Math.max(brute, f1Score(yy, ss, t));
          const best = bestF1Threshold(yy, ss);
          close(best.f1, brute, 1e-12);
          if (brute > 0) close(f1Score(yy, ss, best.threshold), brute, 1e-12);
        },
      ),
    );
  });
});

describe("reliabilityTable", () => {
  it("bins by predicted probability with mean prediction, observed rate and count", () => {
    const table = reliabilityTable([0, 1, 1, 0, 1], [0.05, 0.15, 0.12, 0.95, 1]);
    assert.equal(table.length, 10);
    assert.equal(table[0]?.count, 1);
    close(table[0]?.meanPredicted ?? Number.NaN, 0.05);
    assert.equal(table[0]?.observedRate, 0);
    assert.equal(table[1]?.count, 2);
    close(table[1]?.meanPredicted ?? Number.NaN, 0.135);
    assert.equal(table[1]?.observedRate, 1);
    assert.equal(table[9]?.count, 2, "p = 1 falls in the last bin");
    close(table[9]?.observedRate ?? Number.NaN, 0.5);
    assert.equal(table[5]?.count, 0);
    assert.ok(Number.isNaN(table[5]?.meanPredicted ?? 0));
    // ECE = (1·.05 + 2·.865 + 2·.475) / 5
    close(
      expectedCalibrationError([0, 1, 1, 0, 1], [0.05, 0.15, 0.12, 0.95, 1]),
      (0.05 + 1.73 + 0.95) / 5,
      1e-12,
    );
  });
});
