import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { Engine, extractFeatures, FEATURE_COUNT } from "@intently/engine";
import { predictProba } from "@intently/model";
import { simulate } from "@intently/simulator";
import {
  buildDataset,
  decidePromotion,
  groupSessions,
  loadBundle,
  modelScorer,
  trainBundle,
} from "../src/index.ts";

const FAST = { numRounds: 40, earlyStoppingRounds: 10 };
const NOW = new Date("2026-11-29T00:00:00Z");

describe("training the three score models", async () => {
  const sessions = await groupSessions(simulate({ sessions: 900, seed: 21, days: 5 }));
  const d = buildDataset(sessions);
  const bundle = trainBundle(d, { site: "t", seed: 3, params: FAST, now: NOW });

  test("deterministic by seed; another seed gives another model", () => {
    const again = trainBundle(d, { site: "t", seed: 3, params: FAST, now: NOW });
    assert.equal(JSON.stringify(again), JSON.stringify(bundle));
    const other = trainBundle(d, { site: "t", seed: 4, params: FAST, now: NOW });
    assert.notEqual(JSON.stringify(other.models), JSON.stringify(bundle.models));
  });

  test("the card reports held-out metrics beside the baseline, better than chance", () => {
    for (const k of ["xC", "xATC", "xE"] as const) {
      const s = bundle.card.scores[k];
      assert.ok(s.model.auc > 0.7, `${k} AUC ${s.model.auc}`);
      assert.ok(s.model.brier < 0.25);
      assert.ok(Number.isFinite(s.baseline.auc));
      assert.equal(s.model.calibration.length, 10);
    }
    assert.ok(
      bundle.card.data.heldOutSessions > 0 &&
        bundle.card.data.trainSessions > bundle.card.data.heldOutSessions,
    );
    assert.ok(bundle.card.data.heldOutFrom > bundle.card.data.from);
    for (const k of ["1", "2", "3", "5", "10"])
      assert.ok(k in bundle.card.scores.xC.model.aucByPrefix);
  });

  test("round-trips through JSON exactly and scores live in the engine", () => {
    const loaded = loadBundle(JSON.parse(JSON.stringify(bundle)));
    const direct = loadBundle(bundle);
    const scorer = modelScorer(loaded);
    const engine = new Engine({ scorerFor: () => scorer });
    const x = new Float64Array(FEATURE_COUNT);
    let n = 0;
    for (const line of simulate({ sessions: 50, seed: 99, days: 1 })) {
      const u = engine.process(line, line.event);
      const s = engine.get(line.site, line.session);
      if (!s || u.bot || u.stage === "post-purchase") continue;
      extractFeatures(s, line.event.t, x);
      assert.ok(Object.is(predictProba(loaded.xC, x), predictProba(direct.xC, x)));
      assert.ok(Object.is(u.scores.xC.value, predictProba(direct.xC, x)));
      n++;
    }
    assert.ok(n > 100);
  });

  test("a bundle for another feature set is refused with a clear message", () => {
    assert.throws(() => loadBundle({ ...bundle, features: ["a", "b"] }), /different feature set/);
    assert.throws(() => loadBundle({ format: "x" }), /not an Intently model bundle/);
  });

  test("promotion only when not worse on the held-out period", () => {
    const m = bundle.card.scores.xC.model;
    assert.equal(decidePromotion(null, m).promote, true);
    assert.equal(decidePromotion(m, m).promote, true);
    assert.equal(decidePromotion(m, { ...m, auc: m.auc - 0.02 }).promote, false);
    assert.equal(decidePromotion(m, { ...m, brier: m.brier + 0.01 }).promote, false);
  });
});

describe("explanations", () => {
  test("the engine explains a live session's score with the model's top features", async () => {
    const { priorScorer } = await import("../src/index.ts");
    const engine = new Engine({ scorerFor: () => priorScorer() });
    let last: { site: string; session: string } | undefined;
    for (const line of simulate({ sessions: 20, seed: 7, days: 1 })) {
      const u = engine.process(line, line.event);
      if (!u.bot && u.stage === "deciding") last = { site: line.site, session: line.session };
    }
    assert.ok(last, "a session reached deciding");
    const ex = engine.explain(last.site, last.session, "xC", 3);
    assert.ok(ex.length > 0 && ex.length <= 3);
    for (let i = 1; i < ex.length; i++)
      assert.ok(Math.abs(ex[i - 1]!.contribution) >= Math.abs(ex[i]!.contribution));
  });
});
