/**
 * Builds one session's ordered events: a clock that only moves forward, the page the shopper
 * is on, the cart, and one method per event type the tag sends (docs/product/tag.md#capture).
 * Personas script sessions with it; it records the ground truth (added to cart, purchased,
 * struggled).
 */
import type { Context, Event, FrustrationType, Item, PageType } from "@intently/engine";
import { type Catalogue, categorySlug, type Product, toItem } from "../catalogue.ts";
import type { DeviceClass } from "../context/devices.ts";
import type { Arrival } from "../context/traffic.ts";
import type { Random } from "../random.ts";

/** No gap inside a session exceeds this (the engine ends sessions after 30 min). */
export const MAX_GAP_MS = 20 * 60_000;
export const CURRENCY = "GBP";
/** The tag reports `idle` after this long without input. */
export const IDLE_AFTER_MS = 60_000;
/** Items sent with a view_item_list (a listing's first row). */
export const LIST_ITEMS = 4;

export interface CartLine {
  product: Product;
  quantity: number;
}

export type Variant = "control" | "treatment";

const round2 = (v: number) => Math.round(v * 100) / 100;

export class SessionBuilder {
  readonly events: Event[] = [];
  /** The clock: the time the next event happens at. */
  t: number;
  landingUrl: string | undefined;
  pageType: PageType | undefined;
  path = "";
  readonly cart: CartLine[] = [];
  addedToCart = false;
  purchased = false;
  struggled = false;
  /** Context fields a persona overrides (a bot's user agent, webdriver flag…). */
  readonly overrides: Partial<Context> = {};
  private lastT = Number.NEGATIVE_INFINITY;

  constructor(
    readonly rng: Random,
    readonly cat: Catalogue,
    readonly origin: string,
    start: number,
    readonly device: DeviceClass,
    readonly arrival: Arrival,
    readonly orderId: string,
    /** The checkout experiment's variant, or null when the session is not in it. */
    readonly variant: Variant | null,
  ) {
    this.t = start;
  }

  get cartValue(): number {
    let v = 0;
    for (const l of this.cart) v += l.product.price * l.quantity;
    return round2(v);
  }

  get cartItems(): Item[] {
    return this.cart.map((l) => toItem(l.product, l.quantity));
  }

  // ---- the clock -------------------------------------------------------------------------

  wait(ms: number): this {
    this.t += Math.round(Math.min(MAX_GAP_MS, Math.max(1, ms)));
    return this;
  }

  /** A log-normal pause with the given median. */
  dwell(medianMs: number, sigma = 0.7): this {
    return this.wait(this.rng.logNormal(medianMs, sigma));
  }

  /** The short gap between a page view and the dataLayer events it fires. */
  beat(): this {
    return this.wait(this.rng.range(60, 700));
  }

  private emit(e: Event): void {
    // Strictly increasing times: the engine drops an event identical in type and time.
    const t = Math.max(Math.round(this.t), this.lastT + 1);
    e.t = t;
    this.t = t;
    this.lastT = t;
    this.events.push(e);
  }

  // ---- pages -----------------------------------------------------------------------------

  page(type: PageType, path: string, category?: string): this {
    let url = this.origin + path;
    const first = this.landingUrl === undefined;
    if (first && this.arrival.query) {
      url += path.includes("?") ? `&${this.arrival.query.slice(1)}` : this.arrival.query;
    }
    const e: Event = { type: "page_view", t: 0, page: { url, type } };
    if (category !== undefined) e.page.category = category;
    if (first) {
      this.landingUrl = url;
      if (this.arrival.referrer) e.referrer = this.arrival.referrer;
    }
    this.pageType = type;
    this.path = path;
    this.emit(e);
    if (type === "not_found") this.struggled = true;
    return this;
  }

  home(): this {
    return this.page("home", "/");
  }

  listing(category: string): this {
    this.page("category", `/c/${categorySlug(category)}`, category);
    this.beat();
    const items = this.listItems(category);
    this.emit({ type: "view_item_list", t: 0, items, item_list_name: category });
    return this;
  }

  product(p: Product): this {
    this.page("product", `/p/${p.id.toLowerCase()}`);
    this.beat();
    this.emit({ type: "view_item", t: 0, items: [toItem(p)], value: p.price, currency: CURRENCY });
    return this;
  }

  content(): this {
    const path = this.rng.pick([
      "/blog/autumn-trends",
      "/blog/how-to-style-trainers",
      "/help/delivery",
      "/help/returns",
      "/about",
      "/stores",
      "/size-guide",
    ]);
    return this.page("content", path);
  }

  notFound(): this {
    const path = this.rng.chance(0.5)
      ? `/p/sku-${this.rng.range(90000, 99999)}`
      : "/collections/summer-2019";
    return this.page("not_found", path);
  }

  /** A search and its results page; `results` 0 is a zero-result search. */
  search(term: string, results: number): this {
    this.emit({ type: "search", t: 0, search_term: term });
    this.beat();
    this.page("search", `/search?q=${encodeURIComponent(term).replace(/%20/g, "+")}`);
    this.beat();
    this.emit({ type: "view_search_results", t: 0, search_term: term, results });
    if (results === 0) this.struggled = true;
    return this;
  }

  cartPage(): this {
    this.page("cart", "/cart").beat();
    this.emit({
      type: "view_cart",
      t: 0,
      items: this.cartItems,
      value: this.cartValue,
      currency: CURRENCY,
    });
    return this;
  }

  // ---- commerce --------------------------------------------------------------------------

  selectItem(p: Product, list: string): this {
    this.emit({ type: "select_item", t: 0, items: [toItem(p)], item_list_name: list });
    return this;
  }

  addToCart(p: Product, quantity = 1): this {
    const line = this.cart.find((l) => l.product.id === p.id);
    if (line) line.quantity += quantity;
    else this.cart.push({ product: p, quantity });
    this.addedToCart = true;
    this.emit({
      type: "add_to_cart",
      t: 0,
      items: [toItem(p, quantity)],
      value: round2(p.price * quantity),
      currency: CURRENCY,
    });
    return this;
  }

  removeFromCart(p: Product): this {
    const i = this.cart.findIndex((l) => l.product.id === p.id);
    if (i < 0) return this;
    const [line] = this.cart.splice(i, 1);
    const q = line!.quantity;
    this.emit({
      type: "remove_from_cart",
      t: 0,
      items: [toItem(p, q)],
      value: round2(p.price * q),
      currency: CURRENCY,
    });
    return this;
  }

  /** A checkout step: begin_checkout, add_shipping_info or add_payment_info. */
  checkoutStep(type: "begin_checkout" | "add_shipping_info" | "add_payment_info"): this {
    this.emit({ type, t: 0, items: this.cartItems, value: this.cartValue, currency: CURRENCY });
    return this;
  }

  /** The confirmation page and the purchase event; empties the cart. */
  purchase(): this {
    const items = this.cartItems;
    const value = this.cartValue;
    this.page("confirmation", "/checkout/confirmation").beat();
    this.emit({
      type: "purchase",
      t: 0,
      items,
      value,
      currency: CURRENCY,
      transaction_id: this.orderId,
    });
    this.cart.length = 0;
    this.purchased = true;
    return this;
  }

  // ---- interaction -----------------------------------------------------------------------

  click(target: string, hesitationMedianMs = 700): this {
    const hesitationMs = Math.round(this.rng.logNormal(hesitationMedianMs, 0.8));
    this.emit({ type: "click", t: 0, target, hesitationMs });
    return this;
  }

  scroll(depth: number): this {
    this.emit({ type: "scroll", t: 0, depth: Math.min(100, Math.max(0, Math.round(depth))) });
    return this;
  }

  filter(name: string, value: string): this {
    this.emit({ type: "filter", t: 0, name, value });
    return this;
  }

  sort(value: string): this {
    this.emit({ type: "sort", t: 0, name: "sort", value });
    return this;
  }

  // ---- signals ---------------------------------------------------------------------------

  frustration(type: FrustrationType, target?: string): this {
    const e: Event = { type, t: 0 };
    if (target !== undefined) e.target = target;
    if (type === "js_error" || type === "error_click") e.hash = this.rng.token(8);
    this.emit(e);
    this.struggled = true;
    return this;
  }

  exitIntent(): this {
    this.emit({ type: "exit_intent", t: 0 });
    return this;
  }

  hide(): this {
    this.emit({ type: "tab_hidden", t: 0 });
    return this;
  }

  show(): this {
    this.emit({ type: "tab_visible", t: 0 });
    return this;
  }

  /** No input for a minute: the tag reports idle. */
  idle(): this {
    this.wait(IDLE_AFTER_MS);
    this.emit({ type: "idle", t: 0, ms: IDLE_AFTER_MS });
    return this;
  }

  impression(experiment: string, variant: string): this {
    this.emit({ type: "experience_impression", t: 0, experiment, variant });
    return this;
  }

  set(props: Record<string, string | number | boolean>): this {
    this.emit({ type: "set", t: 0, props });
    return this;
  }

  identify(id: string): this {
    this.emit({ type: "identify", t: 0, id });
    return this;
  }

  private listItems(category: string): Item[] {
    const list =
      category in this.cat.byCategory
        ? this.cat.byCategory[category as keyof Catalogue["byCategory"]]
        : this.cat.sale;
    const start = this.rng.int(Math.max(1, list.length - LIST_ITEMS));
    return list.slice(start, start + LIST_ITEMS).map((p) => toItem(p));
  }
}
