/**
 * Deal hunter: comes from vouchers, display and social ads to the sale, sorts by price, looks
 * at many cheap items, adds the cheapest, drops the dearer ones, tries voucher codes, and buys
 * only sometimes.
 */

import type { Product } from "../catalogue.ts";
import { CATEGORIES, pickCheap, pickSale, SALE_CATEGORY } from "../catalogue.ts";
import type { SessionBuilder } from "../session/builder.ts";
import {
  addToCart,
  beginCheckout,
  DWELL,
  fillPayment,
  fillShipping,
  goToCart,
  type Leave,
  leave,
  noise,
  openProduct,
  pay,
  read,
} from "../session/flows.ts";
import type { Persona } from "./types.ts";

const BUY = 0.25;
const PRODUCT_VIEWS = [2, 6] as const;
const ITEMS = [1, 3] as const;
/** Removes the dearest item again. */
const DROP_DEAREST = 0.35;
/** Tries a voucher code that does not work (a form error). */
const BAD_VOUCHER = 0.3;
const LEAVE: Record<Leave, number> = { exit: 45, hide: 35, idle: 20, none: 0 };

function hunt(b: SessionBuilder): Product[] {
  b.listing(SALE_CATEGORY);
  read(b, DWELL.listing, 1);
  b.sort("price_asc").beat();
  if (b.rng.chance(0.5))
    b.click("button.filters", 500).dwell(2000).filter("discount", "30+").beat();
  read(b, DWELL.listing * 0.8, 1);
  const seen: Product[] = [];
  const views = b.rng.range(PRODUCT_VIEWS[0], PRODUCT_VIEWS[1]);
  for (let i = 0; i < views; i++) {
    const p = b.rng.chance(0.6)
      ? pickSale(b.rng, b.cat)
      : pickCheap(b.rng, b.cat, b.rng.pick(CATEGORIES));
    openProduct(b, p, SALE_CATEGORY);
    seen.push(p);
    if (i < views - 1 && b.rng.chance(0.4)) {
      b.listing(SALE_CATEGORY);
      read(b, DWELL.listing * 0.4, 1);
    }
  }
  return seen.sort((a, c) => a.price - c.price || a.id.localeCompare(c.id));
}

export const dealHunter: Persona = {
  id: "deal-hunter",
  sources: { affiliate: 35, "paid-social": 30, display: 20, "organic-social": 15 },
  returning: 0.3,
  run(b) {
    const buys = b.rng.chance(BUY);
    const seen = hunt(b);
    const items = Math.min(seen.length, b.rng.range(ITEMS[0], ITEMS[1]));
    for (let i = 0; i < items; i++) addToCart(b, seen[i]!, 3500);
    goToCart(b);
    noise(b);
    if (items > 1 && b.rng.chance(DROP_DEAREST)) {
      b.dwell(4000)
        .click("button.remove", 1500)
        .beat()
        .removeFromCart(seen[items - 1]!);
    }
    if (b.rng.chance(BAD_VOUCHER)) {
      b.dwell(5000).click("input#voucher", 400).dwell(6000).click("button.apply-voucher", 800);
      b.beat().frustration("form_error", "input#voucher").dwell(4000);
    }
    if (!buys) {
      leave(b, b.rng.weighted(LEAVE));
      return;
    }
    beginCheckout(b);
    fillShipping(b);
    fillPayment(b);
    pay(b, 3000);
    leave(b, b.rng.chance(0.5) ? "hide" : "none");
  },
};
