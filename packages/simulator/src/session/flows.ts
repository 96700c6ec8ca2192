/**
 * Behaviour snippets the personas share: reading a page, browsing a listing, opening a product,
 * the cart and checkout steps, leaving, and the small noise every persona carries.
 */
import { CATEGORIES, type Category, type Product, pickProduct } from "../catalogue.ts";
import type { VisitorView } from "../personas/types.ts";
import type { SessionBuilder } from "./builder.ts";

export const EXPERIMENT_ID = "exp-checkout-trust";

/** Median time on a page, ms. */
export const DWELL = {
  home: 12_000,
  listing: 18_000,
  product: 30_000,
  content: 40_000,
  cart: 12_000,
  form: 45_000,
} as const;

/** Share of returning visitors' sessions where the site pushes their loyalty tier (`set`). */
export const TIER_PUSH = 0.3;

/** Per-page noise rates: a 404, a stray dead click, a quick bounce back (u-turn), a long pause. */
export const NOISE = { notFound: 0.012, deadClick: 0.015, uTurn: 0.008, pause: 0.02 } as const;

/** Share of navigation clicks the tag reports as clicks (the rest only as page views). */
export const CLICK_TRACKED = 0.4;

export type Leave = "hide" | "idle" | "exit" | "none";

const SIZES = ["XS", "S", "M", "L", "XL", "6", "7", "8", "9", "10"];
const FIELDS = ["email", "name", "address", "postcode", "phone"];

/** Time on the current page: pauses with scrolls at increasing depth. */
export function read(b: SessionBuilder, medianMs: number, scrolls = b.rng.range(0, 2)): void {
  const slice = medianMs / (scrolls + 1);
  let depth = 0;
  for (let i = 0; i < scrolls; i++) {
    b.dwell(slice, 0.6);
    depth = Math.min(100, depth + b.rng.uniform(15, 45));
    b.scroll(depth);
  }
  b.dwell(slice, 0.6);
}

export function randomCategory(b: SessionBuilder): Category {
  return b.rng.pick(CATEGORIES);
}

/** For a returning visitor, sometimes the site's dataLayer sends the customer tier. */
export function pushTier(b: SessionBuilder, v: VisitorView): void {
  if (v.previousSessions > 0 && b.rng.chance(TIER_PUSH)) b.beat().set({ customer_tier: v.tier });
}

/** Navigates to a category listing and looks at it; optionally filters and sorts. */
export function browseListing(
  b: SessionBuilder,
  category: string,
  opts: { filter?: boolean; sort?: string } = {},
): void {
  if (b.landingUrl !== undefined && b.rng.chance(CLICK_TRACKED))
    b.click("nav a.category", 500).beat();
  b.listing(category);
  read(b, DWELL.listing);
  if (opts.filter) {
    b.click("button.filters", 600).dwell(2500);
    b.filter(b.rng.pick(["size", "colour", "brand", "price"]), b.rng.pick(SIZES)).beat();
    b.listing(category);
    read(b, DWELL.listing * 0.7, 1);
  }
  if (opts.sort) {
    b.sort(opts.sort).beat();
    read(b, DWELL.listing * 0.6, 1);
  }
  noise(b);
}

/** Opens a product page, from a listing (select_item) or directly, and reads it. */
export function openProduct(b: SessionBuilder, p: Product, fromList?: string): void {
  if (fromList !== undefined) {
    if (b.rng.chance(CLICK_TRACKED)) b.click("a.product-card", 650).beat();
    b.selectItem(p, fromList).beat();
  }
  b.product(p);
  read(b, DWELL.product, b.rng.range(1, 2));
  if (b.rng.chance(0.2)) b.click("button.gallery-next", 400).dwell(3000);
  noise(b);
}

/** Picks a size and adds the product to the cart. */
export function addToCart(b: SessionBuilder, p: Product, hesitationMs = 1200, quantity = 1): void {
  if (b.rng.chance(0.5)) b.click("button.size", 900).dwell(2500, 0.5);
  b.click("button.add-to-cart", hesitationMs).beat();
  b.addToCart(p, quantity);
  b.dwell(3500, 0.5);
}

/** Opens `count` different products of a category from its listing; returns them in order. */
export function browseProducts(b: SessionBuilder, category: Category, count: number): Product[] {
  const seen: Product[] = [];
  for (let i = 0; i < count; i++) {
    const p = pickProduct(b.rng, b.cat, category, seen);
    openProduct(b, p, category);
    seen.push(p);
    if (i < count - 1 && b.rng.chance(0.4)) {
      b.listing(category);
      read(b, DWELL.listing * 0.5, 1);
    }
  }
  return seen;
}

export function goToCart(b: SessionBuilder): void {
  if (b.rng.chance(CLICK_TRACKED)) b.click("a.mini-cart", 600).beat();
  b.cartPage();
  read(b, DWELL.cart, 1);
}

/** The checkout page and begin_checkout (with the experiment impression when enrolled). */
export function beginCheckout(b: SessionBuilder): void {
  b.click("button.checkout", 800).beat();
  b.page("checkout", "/checkout");
  if (b.variant !== null) b.beat().impression(EXPERIMENT_ID, b.variant);
  b.beat().checkoutStep("begin_checkout");
}

/** Fills the delivery form and continues (add_shipping_info). */
export function fillShipping(b: SessionBuilder, fields = b.rng.range(1, 3)): void {
  for (let i = 0; i < fields; i++) {
    b.dwell(DWELL.form / fields, 0.5);
    b.click(`input#${FIELDS[i]}`, 300);
  }
  b.dwell(3000, 0.5);
  b.click("button.continue", 700).beat();
  b.checkoutStep("add_shipping_info");
}

/** The payment page: card details entered (add_payment_info). */
export function fillPayment(b: SessionBuilder): void {
  b.beat().page("checkout", "/checkout/payment");
  b.dwell(4000).click("input#card-number", 400);
  b.dwell(DWELL.form * 0.6, 0.5);
  b.checkoutStep("add_payment_info");
}

/** Pays: the pay button, then the confirmation page and the purchase. */
export function pay(b: SessionBuilder, hesitationMs = 1500): void {
  b.dwell(4000, 0.5).click("button.pay", hesitationMs);
  b.dwell(2500, 0.4);
  b.purchase();
  read(b, 10_000, 1);
}

/** The whole checkout from the cart page to the confirmation page. */
export function checkout(b: SessionBuilder): void {
  goToCart(b);
  beginCheckout(b);
  fillShipping(b);
  fillPayment(b);
  pay(b);
}

/** How the session ends: tab hidden, idle, exit intent (often followed by a hidden tab), or not. */
export function leave(b: SessionBuilder, how: Leave): void {
  switch (how) {
    case "hide":
      b.dwell(4000).hide();
      break;
    case "idle":
      b.idle();
      if (b.rng.chance(0.4)) b.dwell(60_000).hide();
      break;
    case "exit":
      b.dwell(3000).exitIntent();
      if (b.rng.chance(0.5)) b.dwell(1500).hide();
      break;
    case "none":
      break;
  }
}

/**
 * Occasional noise after a page: a broken link (404) and back, a stray dead click, a quick
 * look at a page and straight back (u-turn), or a long pause (idle, tab switched and back).
 */
export function noise(b: SessionBuilder): void {
  const r = b.rng.next();
  let edge = NOISE.notFound;
  if (r < edge) {
    const back = b.path;
    const type = b.pageType ?? "home";
    b.click("a.promo", 500).beat().notFound().dwell(4000);
    b.page(type, back).dwell(5000);
    return;
  }
  edge += NOISE.deadClick;
  if (r < edge) {
    b.frustration("dead_click", b.rng.pick(["img.hero", "span.price", "div.badge", "p.usp"]));
    b.dwell(2000);
    return;
  }
  edge += NOISE.uTurn;
  if (r < edge) {
    const back = b.path;
    const type = b.pageType ?? "home";
    b.click("a.banner", 400).beat().content().dwell(2500, 0.3);
    b.frustration("u_turn").beat().page(type, back).dwell(6000);
    return;
  }
  edge += NOISE.pause;
  if (r < edge) {
    b.idle().dwell(20_000);
    if (b.rng.chance(0.5)) b.hide().dwell(90_000).show();
    b.beat().scroll(b.rng.uniform(30, 80));
  }
}
