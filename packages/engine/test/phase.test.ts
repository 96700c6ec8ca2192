import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { Engine, type Scorer, type Scores } from "../src/index.ts";
import { ev, last, pv, run } from "./helpers.ts";

/** A scorer whose xC the test sets directly, so the phase rules are tested in isolation. */
function controlledScorer() {
  const ctl = { xC: 0.02, xE: 0.1 };
  const scorer: Scorer = {
    name: "controlled",
    score(_x: Float64Array, out: Scores) {
      out.xC = ctl.xC;
      out.xATC = 0.1;
      out.xE = ctl.xE;
    },
    priorBands: {
      xC: [0.01, 0.03, 0.2, 0.5],
      xATC: [0.1, 0.2, 0.3, 0.4],
      xE: [0.2, 0.3, 0.5, 0.8],
    },
  };
  return { ctl, scorer };
}

describe("phase and intent level (docs/product/engine.md#phase)", () => {
  test("Engage while the stage is Browsing, even with high intent", () => {
    const { ctl, scorer } = controlledScorer();
    const engine = run([pv(0, "/", "home")], { scorerFor: () => scorer });
    assert.equal(last(engine).phase, "engage");
    ctl.xC = 0.9;
    const u = run([pv(0, "/", "home"), pv(3, "/about", "content")], { scorerFor: () => scorer });
    assert.equal(last(u).phase, "engage");
  });

  test("Build Intent once past Browsing without built intent", () => {
    const { scorer } = controlledScorer();
    const u = run([pv(0, "/"), pv(3, "/p/1", "product")], { scorerFor: () => scorer });
    assert.equal(last(u).phase, "build-intent");
    assert.equal(last(u).intent, "low");
  });

  test("Building at 2× initial xC, High (Maintain Intent) at 5× initial xC", () => {
    const { ctl, scorer } = controlledScorer();
    const engine = new Engine({ scorerFor: () => scorer });
    const r = { site: "t", visitor: "v", session: "s" };
    engine.process(r, pv(0, "/p/1", "product")); // xC0 = 0.02 ... band medium? 0.02 < 0.03 → low
    ctl.xC = 0.041; // ≥ 2 × 0.02, band medium (≥ 0.03)
    let u = engine.process(r, pv(5, "/p/2", "product"));
    assert.equal(u.intent, "building");
    assert.equal(u.phase, "build-intent");
    ctl.xC = 0.1; // 5 × 0.02
    u = engine.process(r, pv(9, "/p/3", "product"));
    assert.equal(u.intent, "high");
    assert.equal(u.phase, "maintain-intent");
    assert.equal(u.segment, "focused-considerers");
  });

  test("intent is built by band ≥ High even below 5× initial", () => {
    const { ctl, scorer } = controlledScorer();
    ctl.xC = 0.15; // initial 0.15; band medium
    const engine = new Engine({ scorerFor: () => scorer });
    const r = { site: "t", visitor: "v", session: "s" };
    engine.process(r, pv(0, "/p/1", "product"));
    ctl.xC = 0.25; // < 5 × 0.15 but ≥ p66 (0.2) → High band
    const u = engine.process(r, pv(3, "/p/2", "product"));
    assert.equal(u.scores.xC.band, "high");
    assert.equal(u.intent, "high");
    assert.equal(u.phase, "maintain-intent");
  });

  test("intent level and phase never move backwards when xC falls", () => {
    const { ctl, scorer } = controlledScorer();
    const engine = new Engine({ scorerFor: () => scorer });
    const r = { site: "t", visitor: "v", session: "s" };
    engine.process(r, pv(0, "/p/1", "product"));
    ctl.xC = 0.5;
    engine.process(r, pv(3, "/p/2", "product"));
    ctl.xC = 0.001;
    const u = engine.process(r, pv(6, "/p/3", "product"));
    assert.equal(u.intent, "high");
    assert.equal(u.phase, "maintain-intent");
  });

  test("Convert when Committing, Converted after purchase", () => {
    const { scorer } = controlledScorer();
    const u = run([pv(0, "/"), ev(3, "begin_checkout")], { scorerFor: () => scorer });
    assert.equal(last(u).phase, "convert");
    assert.equal(last(u).segment, "focused-buyers");
    const v = run([pv(0, "/"), ev(3, "begin_checkout"), ev(9, "purchase", { value: 10 })], {
      scorerFor: () => scorer,
    });
    assert.equal(last(v).phase, "converted");
    assert.equal(last(v).segment, "converted");
  });

  test("Converted is one segment for every state", () => {
    const u = run([ev(0, "purchase", { value: 10 }), ev(2, "rage_click"), ev(3, "exit_intent")]);
    assert.deepEqual(
      u.map((x) => x.segment),
      ["converted", "converted", "converted"],
    );
    // A purchase wins over abandonment (issue 19): exit intent after it is not Abandon; the
    // recent rage click still says Struggle.
    assert.equal(last(u).state, "struggle");
  });
});
