/**
 * Researcher: searches, filters and sorts, opens many products and goes back to compare them;
 * sometimes adds the favourite to the cart, rarely buys.
 */
import type { Product } from "../catalogue.ts";
import type { SessionBuilder } from "../session/builder.ts";
import {
  addToCart,
  checkout,
  DWELL,
  goToCart,
  type Leave,
  leave,
  noise,
  openProduct,
  pushTier,
  read,
} from "../session/flows.ts";
import type { Persona } from "./types.ts";

const SEARCHES = [1, 2] as const;
const PRODUCTS_PER_SEARCH = [2, 4] as const;
/** A misspelt query that finds nothing, then the corrected one. */
const ZERO_RESULTS = 0.12;
const FILTER = 0.6;
const SORT = 0.5;
const COMPARE = 0.45;
const ADD_TO_CART = 0.25;
/** Share of those who added to cart that go on to buy. */
const BUY_AFTER_ADD = 0.22;
const SORTS = ["price_asc", "price_desc", "newest", "rating"];
const LEAVE: Record<Leave, number> = { hide: 40, exit: 25, idle: 20, none: 15 };

function misspell(term: string): string {
  const i = Math.max(1, term.length - 3);
  return `${term.slice(0, i)}${term[i + 1] ?? ""}${term[i] ?? ""}${term.slice(i + 2)}x`;
}

function searchRound(b: SessionBuilder, seen: Product[]): void {
  const term = b.rng.pick(b.cat.termList);
  const found = b.cat.terms.get(term) ?? [];
  b.click("input#search", 500).dwell(4000, 0.5);
  if (b.rng.chance(ZERO_RESULTS)) {
    b.search(misspell(term), 0);
    read(b, 6000, 1);
    b.click("input#search", 400).dwell(3500, 0.5);
  }
  b.search(term, found.length);
  read(b, DWELL.listing);
  if (b.rng.chance(FILTER)) b.click("button.filters", 600).dwell(2000).filter("size", "M").beat();
  if (b.rng.chance(SORT)) b.sort(b.rng.pick(SORTS)).beat();
  const views = Math.min(found.length, b.rng.range(PRODUCTS_PER_SEARCH[0], PRODUCTS_PER_SEARCH[1]));
  for (let i = 0; i < views; i++) {
    const p = b.rng.pick(found);
    openProduct(b, p, "search results");
    seen.push(p);
    if (i < views - 1) b.dwell(1500);
  }
}

export const researcher: Persona = {
  id: "researcher",
  sources: {
    "organic-search": 45,
    direct: 20,
    referral: 15,
    "paid-search": 10,
    "organic-social": 10,
  },
  returning: 0.35,
  run(b, v) {
    b.home();
    pushTier(b, v);
    read(b, DWELL.home, 1);
    noise(b);
    const seen: Product[] = [];
    const rounds = b.rng.range(SEARCHES[0], SEARCHES[1]);
    for (let i = 0; i < rounds; i++) searchRound(b, seen);
    if (seen.length >= 2 && b.rng.chance(COMPARE)) {
      // Back and forth between two favourites.
      const a = seen[0]!;
      const c = seen[seen.length - 1]!;
      openProduct(b, a);
      openProduct(b, c);
    }
    const favourite = seen.length > 0 ? b.rng.pick(seen) : undefined;
    if (favourite && b.rng.chance(ADD_TO_CART)) {
      addToCart(b, favourite, 2500);
      if (b.rng.chance(BUY_AFTER_ADD)) {
        checkout(b);
        leave(b, b.rng.chance(0.5) ? "hide" : "none");
        return;
      }
      if (b.rng.chance(0.5)) goToCart(b);
    }
    leave(b, b.rng.weighted(LEAVE));
  },
};
