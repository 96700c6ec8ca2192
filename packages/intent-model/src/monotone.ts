/**
 * The direction each score must move in for the features whose direction a shopper's actions
 * make plain (docs/product/model.md#monotone-scores): the trees are trained with these as
 * monotone constraints, so adding to the cart or reaching a later checkout step never lowers
 * purchase confidence, and a later checkout step never raises exit risk. Add-to-cart readiness
 * has none: its rows all come before the first add to cart.
 */
import type { FEATURE_NAMES } from "@intently/engine";
import type { ScoreKey } from "./dataset.ts";

export const MONOTONE: Readonly<
  Record<ScoreKey, Partial<Record<(typeof FEATURE_NAMES)[number], 1 | -1>>>
> = {
  xC: { cartAdds: 1, checkoutStep: 1 },
  xATC: {},
  xE: { checkoutStep: -1 },
};
