/**
 * Cart abandoner: browses, adds one to three items, looks at the cart, sometimes starts the
 * checkout or empties the cart, then leaves: exit intent, a hidden tab or idleness.
 */
import { type Product, pickProduct } from "../catalogue.ts";
import type { SessionBuilder } from "../session/builder.ts";
import {
  addToCart,
  beginCheckout,
  browseListing,
  DWELL,
  fillShipping,
  goToCart,
  type Leave,
  leave,
  openProduct,
  pushTier,
  randomCategory,
  read,
} from "../session/flows.ts";
import type { Persona, VisitorView } from "./types.ts";

const ITEMS = [1, 3] as const;
const VIEW_CART = 0.8;
const BEGIN_CHECKOUT = 0.35;
const EMPTY_CART = 0.2;
/** Comes back to the tab once before leaving for good. */
const COME_BACK = 0.2;
const LEAVE: Record<Exclude<Leave, "none">, number> = { exit: 40, hide: 35, idle: 25 };

function shop(b: SessionBuilder, v: VisitorView): Product[] {
  const category = randomCategory(b);
  if (b.rng.chance(0.4)) {
    b.home();
    read(b, DWELL.home, 1);
  }
  browseListing(b, category, { filter: b.rng.chance(0.3) });
  pushTier(b, v);
  const added: Product[] = [];
  const items = b.rng.range(ITEMS[0], ITEMS[1]);
  for (let i = 0; i < items; i++) {
    const p = pickProduct(b.rng, b.cat, category, added);
    if (b.rng.chance(0.5))
      openProduct(b, pickProduct(b.rng, b.cat, category, [...added, p]), category);
    openProduct(b, p, category);
    addToCart(b, p, 1800);
    added.push(p);
    if (i < items - 1) b.click("button.continue-shopping", 500).beat().listing(category);
  }
  return added;
}

export const cartAbandoner: Persona = {
  id: "cart-abandoner",
  sources: { "organic-search": 25, "paid-social": 25, "paid-search": 20, direct: 15, email: 15 },
  returning: 0.3,
  run(b, v) {
    const added = shop(b, v);
    if (b.rng.chance(VIEW_CART)) {
      goToCart(b);
      if (b.rng.chance(BEGIN_CHECKOUT)) {
        beginCheckout(b);
        if (b.rng.chance(0.4)) fillShipping(b);
      } else if (b.rng.chance(EMPTY_CART)) {
        for (const p of added) b.dwell(3000).click("button.remove", 900).beat().removeFromCart(p);
      }
    }
    if (b.rng.chance(COME_BACK)) {
      b.dwell(5000).hide().dwell(120_000).show().beat().scroll(b.rng.uniform(20, 60));
      b.dwell(10_000);
    }
    leave(b, b.rng.weighted(LEAVE));
  },
};
