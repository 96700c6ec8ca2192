/**
 * Returning loyal customer: known to the shop (previous sessions and purchases), comes direct
 * or from the newsletter, heads to a favourite category and buys more often than not.
 */
import { pickProduct } from "../catalogue.ts";
import type { SessionBuilder } from "../session/builder.ts";
import {
  addToCart,
  browseListing,
  browseProducts,
  checkout,
  DWELL,
  goToCart,
  type Leave,
  leave,
  randomCategory,
  read,
} from "../session/flows.ts";
import type { Persona, VisitorView } from "./types.ts";

const BUY = 0.6;
/** Sends its loyalty tier through the dataLayer (`set`). */
const SET_TIER = 0.7;
/** Logs in (`identify`). */
const IDENTIFY = 0.25;
const ADD_WITHOUT_BUYING = 0.4;
const LEAVE: Record<Leave, number> = { hide: 45, exit: 20, idle: 15, none: 20 };

function arrive(b: SessionBuilder, v: VisitorView): void {
  if (b.arrival.kind === "email" && b.rng.chance(0.5)) {
    const p = pickProduct(b.rng, b.cat);
    b.product(p);
    read(b, DWELL.product * 0.7);
  } else {
    b.home();
    read(b, DWELL.home * 0.6, 1);
  }
  if (v.tier !== "none" && b.rng.chance(SET_TIER)) b.beat().set({ customer_tier: v.tier });
  if (b.rng.chance(IDENTIFY)) {
    b.click("a.account", 500)
      .dwell(6000)
      .identify(`cust-${v.id.slice(2)}`);
  }
}

export const returningLoyalCustomer: Persona = {
  id: "returning-loyal-customer",
  sources: { direct: 50, email: 40, "organic-search": 10 },
  returning: 1,
  run(b, v) {
    const buys = b.rng.chance(BUY);
    arrive(b, v);
    const category = randomCategory(b);
    browseListing(b, category, { sort: b.rng.chance(0.3) ? "newest" : undefined });
    const seen = browseProducts(b, category, b.rng.range(1, 4));
    const p = seen[seen.length - 1]!;
    if (buys) {
      addToCart(b, p, 500);
      if (b.rng.chance(0.3)) addToCart(b, pickProduct(b.rng, b.cat, category, seen), 500);
      checkout(b);
      leave(b, b.rng.chance(0.5) ? "hide" : "none");
      return;
    }
    if (b.rng.chance(ADD_WITHOUT_BUYING)) {
      addToCart(b, p, 900);
      if (b.rng.chance(0.5)) goToCart(b);
    }
    leave(b, b.rng.weighted(LEAVE));
  },
};
