/**
 * A Scorer backed by trained models: the three calibrated tree models score every event, with
 * the same certainties as the heuristic scorer (after a purchase xC = 1 and xE = 0; after an
 * add-to-cart xATC = 1).
 */
import { ELAPSED_FEATURES, FEATURE_NAMES, type Scorer, type Scores } from "@intently/engine";
import {
  compileGbdtProba,
  explain,
  type Model,
  nextChangeAlong,
  predictProba,
} from "@intently/model";
import type { LoadedBundle } from "./bundle.ts";
import { changeReasons } from "./reasons.ts";

const STAGE = FEATURE_NAMES.indexOf("stage");
const CART_ADDS = FEATURE_NAMES.indexOf("cartAdds");
const POST_PURCHASE = 5;

/** Tree models compiled to code for the per-event hot path (bit-identical to predictProba). */
function fast(m: Model): (x: Float64Array) => number {
  return m.kind === "gbdt" ? compileGbdtProba(m) : (x) => predictProba(m, x);
}

export function modelScorer(loaded: LoadedBundle): Scorer {
  const { xC, xATC, xE, bundle } = loaded;
  const models = { xC, xATC, xE };
  const pC = fast(xC);
  const pATC = fast(xATC);
  const pE = fast(xE);
  function score(x: Float64Array, out: Scores): void {
    const purchased = x[STAGE]! >= POST_PURCHASE;
    out.xC = purchased ? 1 : pC(x);
    out.xATC = x[CART_ADDS]! > 0 ? 1 : pATC(x);
    out.xE = purchased ? 0 : pE(x);
  }
  const one: Scores = { xC: 0, xATC: 0, xE: 0 };
  return {
    name: `model:${bundle.id}`,
    score,
    // Only the models not overridden by a certainty can move with time.
    nextChange(x: Float64Array): number {
      const purchased = x[STAGE]! >= POST_PURCHASE;
      let d = Number.POSITIVE_INFINITY;
      if (!purchased) {
        d = Math.min(
          nextChangeAlong(xC, x, ELAPSED_FEATURES),
          nextChangeAlong(xE, x, ELAPSED_FEATURES),
        );
      }
      if (!(x[CART_ADDS]! > 0)) d = Math.min(d, nextChangeAlong(xATC, x, ELAPSED_FEATURES));
      return d;
    },
    explain(x, score, top = 5) {
      return explain(models[score], x, top).map((c) => ({
        feature: c.feature,
        contribution: c.contribution,
      }));
    },
    // The certainties (purchase, first add to cart) are part of the scored function, so the
    // reasons sum to the score the live view shows; stage and cartAdds carry them.
    explainChange(x0, x1, key) {
      return changeReasons(models[key], [STAGE, CART_ADDS], x0, x1, (x) => {
        score(x, one);
        return one[key];
      });
    },
    priorBands: bundle.priorBands,
  };
}
