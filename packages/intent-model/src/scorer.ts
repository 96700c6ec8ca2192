/**
 * A Scorer backed by trained models: the three calibrated tree models score every event, with
 * the same certainties as the heuristic scorer (after a purchase xC = 1 and xE = 0; after an
 * add-to-cart xATC = 1).
 */
import { FEATURE_NAMES, type Scorer, type Scores } from "@intently/engine";
import { explain, predictProba } from "@intently/model";
import type { LoadedBundle } from "./bundle.ts";

const STAGE = FEATURE_NAMES.indexOf("stage");
const CART_ADDS = FEATURE_NAMES.indexOf("cartAdds");
const POST_PURCHASE = 5;

export function modelScorer(loaded: LoadedBundle): Scorer {
  const { xC, xATC, xE, bundle } = loaded;
  const models = { xC, xATC, xE };
  return {
    name: `model:${bundle.id}`,
    score(x: Float64Array, out: Scores): void {
      const purchased = x[STAGE]! >= POST_PURCHASE;
      out.xC = purchased ? 1 : predictProba(xC, x);
      out.xATC = x[CART_ADDS]! > 0 ? 1 : predictProba(xATC, x);
      out.xE = purchased ? 0 : predictProba(xE, x);
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
