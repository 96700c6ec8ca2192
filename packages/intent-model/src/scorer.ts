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
  return {
    name: `model:${bundle.id}`,
    score(x: Float64Array, out: Scores): void {
      const purchased = x[STAGE]! >= POST_PURCHASE;
      out.xC = purchased ? 1 : pC(x);
      out.xATC = x[CART_ADDS]! > 0 ? 1 : pATC(x);
      out.xE = purchased ? 0 : pE(x);
    },
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
    priorBands: bundle.priorBands,
  };
}
