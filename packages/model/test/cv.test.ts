import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { crossValidate } from "../src/index.ts";
import { createRng } from "../src/random.ts";
import { stratifiedFolds, stratifiedSplit } from "../src/tabular/folds.ts";
import type { Row } from "../src/tabular/table.ts";

describe("stratified resampling", () => {
  const y = Array.from({ length: 1003 }, (_, i) => (i % 7 === 0 ? 1 : 0));

  it("gives every fold about the same size and positive rate", () => {
    const folds = stratifiedFolds(y, 5, 1);
    for (let k = 0; k < 5; k++) {
      const idx = [...folds.keys()].filter((i) => folds[i] === k);
      const pos = idx.filter((i) => y[i] === 1).length;
      assert.ok(Math.abs(idx.length - 1003 / 5) <= 1);
      assert.ok(Math.abs(pos - 144 / 5) <= 1);
    }
    assert.deepEqual(stratifiedFolds(y, 5, 1), folds, "deterministic by seed");
    assert.notDeepEqual(stratifiedFolds(y, 5, 2), folds);
  });

  it("splits a subset by class with the requested fraction", () => {
    const subset = Array.from({ length: 500 }, (_, i) => i * 2);
    const { first, second } = stratifiedSplit(y, subset, 0.2, 3);
    assert.equal(first.length + second.length, 500);
    assert.deepEqual(
      [...first, ...second].sort((a, b) => a - b),
      subset,
    );
    const rate = (s: number[]) => s.filter((i) => y[i] === 1).length / s.length;
    assert.ok(Math.abs(rate(second) - rate(first)) < 0.02);
  });
});

describe("crossValidate", () => {
  // A shop-like table: a strong numeric signal, a categorical interaction, noise and a
  // boolean, with labels written as yes/no and a few unreadable labels.
  const rng = createRng(9);
  const rows: Row[] = Array.from({ length: 1500 }, (_, i) => {
    const value = rng.next() < 0.7 ? 0 : rng.next() * 100;
    const channel = ["ads", "mail", "direct", "social"][rng.nextInt(4)] as string;
    const z = value / 15 - 2 + (channel === "mail" ? 1.5 : 0) + (rng.next() - 0.5);
    const label = rng.next() < 1 / (1 + Math.exp(-2 * z)) ? "yes" : "no";
    return {
      value,
      channel,
      region: 1 + rng.nextInt(5),
      weekend: rng.next() < 0.3,
      bought: i % 500 === 7 ? "??" : label,
    };
  });

  it("returns out-of-fold metrics for the GBDT and the logistic baseline, deterministically", () => {
    const opts = {
      rows,
      label: "bought",
      folds: 3,
      seed: 4,
      categorical: ["region"],
      params: { numRounds: 80 },
    };
    const r = crossValidate(opts);
    assert.equal(r.droppedRows, 3);
    assert.equal(r.oof.length, 1497);
    assert.equal(r.folds.length, 3);
    for (const m of [r, r.baseline]) {
      for (const k of ["auc", "prAuc", "f1", "accuracy", "brier"] as const) {
        assert.ok(m[k] > 0 && m[k] < 1, `${k} = ${m[k]}`);
      }
    }
    assert.ok(r.auc > 0.85, `auc ${r.auc}`);
    for (const f of r.folds) assert.ok(f.threshold > 0 && f.threshold < 1);
    const again = crossValidate(opts);
    assert.deepEqual(Array.from(again.oof), Array.from(r.oof));
    assert.equal(again.f1, r.f1);
  });

  it("supports calibration inside the folds", () => {
    const r = crossValidate({
      rows,
      label: "bought",
      folds: 3,
      calibration: "platt",
      params: { numRounds: 40 },
    });
    assert.ok(r.brier > 0 && r.brier < 0.25);
  });
});
