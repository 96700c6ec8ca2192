/**
 * Focused buyer: lands on a product (paid search, email) or searches for it, adds it to the
 * cart and checks out without fuss. Most of them buy; the rest drop out during checkout.
 */
import { pickProduct } from "../catalogue.ts";
import type { SessionBuilder } from "../session/builder.ts";
import {
  addToCart,
  beginCheckout,
  DWELL,
  fillPayment,
  fillShipping,
  goToCart,
  leave,
  noise,
  openProduct,
  pay,
  pushTier,
  randomCategory,
  read,
} from "../session/flows.ts";
import type { Persona } from "./types.ts";

/** Purchase rate outside the experiment / in each of its arms. */
const PURCHASE = { none: 0.7, control: 0.7, treatment: 0.76 } as const;
const LAND_ON_PRODUCT = 0.65;
const SECOND_ITEM = 0.2;
const ALTERNATIVE_LOOK = 0.3;

function findProduct(b: SessionBuilder) {
  const category = randomCategory(b);
  const p = pickProduct(b.rng, b.cat, category);
  if (b.rng.chance(LAND_ON_PRODUCT)) {
    b.product(p);
    read(b, DWELL.product * 0.6, b.rng.range(1, 2));
    noise(b);
    return p;
  }
  b.home().dwell(3000, 0.5).click("input#search", 300).dwell(3000, 0.5);
  b.search(p.term, b.cat.terms.get(p.term)?.length ?? 1);
  read(b, DWELL.listing * 0.5, 1);
  openProduct(b, p, "search results");
  return p;
}

export const focusedBuyer: Persona = {
  id: "focused-buyer",
  sources: { "paid-search": 45, email: 25, "organic-search": 15, direct: 15 },
  returning: 0.3,
  run(b, v) {
    const buys = b.rng.chance(PURCHASE[b.variant ?? "none"]);
    const p = findProduct(b);
    pushTier(b, v);
    if (b.rng.chance(ALTERNATIVE_LOOK)) {
      openProduct(b, pickProduct(b.rng, b.cat, p.category, [p]), p.category);
      b.click("a.back", 400).beat().product(p);
      read(b, 8000, 1);
    }
    addToCart(b, p, 600);
    if (b.rng.chance(SECOND_ITEM)) {
      const q = pickProduct(b.rng, b.cat, p.category, [p]);
      openProduct(b, q, "you may also like");
      addToCart(b, q, 700);
    }
    goToCart(b);
    if (!buys && b.rng.chance(0.25)) {
      leave(b, b.rng.pick(["exit", "hide", "idle"] as const));
      return;
    }
    beginCheckout(b);
    fillShipping(b);
    if (!buys) {
      if (b.rng.chance(0.5)) fillPayment(b);
      leave(b, b.rng.pick(["exit", "hide", "idle"] as const));
      return;
    }
    fillPayment(b);
    pay(b, 900);
    leave(b, b.rng.chance(0.6) ? "hide" : "none");
  },
};
