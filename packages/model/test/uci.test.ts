// The reference result on real data (docs/product/model.md#reference-results): 5-fold stratified CV
// on the UCI Online Shoppers Purchasing Intention data set. Published results: ROC-AUC ≈ 0.937
// (XGBoost), purchase F1 ≈ 0.66.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { crossValidate, readCsvTable } from "../src/index.ts";

const DATA = new URL(
  "../../../../shared/data/uci-online-shoppers/online_shoppers_intention.csv",
  import.meta.url,
);

describe("UCI Online Shoppers (5-fold CV)", () => {
  it("reaches ROC-AUC ≥ 0.93 and purchase F1 ≥ 0.65, beating the logistic baseline", () => {
    const table = readCsvTable(readFileSync(DATA, "utf8"));
    assert.equal(table.rows.length, 12330);
    assert.equal(table.skipped, 0);
    const r = crossValidate({
      rows: table.rows,
      label: "Revenue",
      folds: 5,
      seed: 1,
      // Integer codes that are really categories.
      categorical: ["OperatingSystems", "Browser", "Region", "TrafficType"],
    });
    const fmt = (m: { auc: number; prAuc: number; f1: number; accuracy: number; brier: number }) =>
      `AUC ${m.auc.toFixed(4)} PR-AUC ${m.prAuc.toFixed(4)} F1 ${m.f1.toFixed(4)} acc ${m.accuracy.toFixed(4)} Brier ${m.brier.toFixed(4)}`;
    console.log(`GBDT     ${fmt(r)}\nlogistic ${fmt(r.baseline)}`);
    assert.ok(r.auc >= 0.93, `AUC ${r.auc}`);
    assert.ok(r.f1 >= 0.65, `F1 ${r.f1}`);
    assert.ok(r.prAuc > r.baseline.prAuc && r.auc > r.baseline.auc);
  });
});
