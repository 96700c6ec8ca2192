/**
 * Universal Analytics Enhanced Ecommerce, as in Google's developer guide for Tag Manager
 * (`ecommerce.impressions / detail / click / add / remove / checkout / purchase / refund /
 * promoView / promoClick`, with `actionField` and `products`), which is also the shape of
 * Elevar-style `dl_*` events and of orders that shop modules (Magento) push without an `event`.
 * GTM's UA tag reads the `ecommerce` object of the push itself, so this adapter does too: the
 * action keys present in a push are what happened, whatever its `event` (or none).
 */
import type { Draft } from "../../types.ts";
import {
  COMMERCE,
  type Commerce,
  commerce,
  type Obj,
  obj,
  promotion,
  type Source,
} from "../commerce.ts";

/** UA actions, in the order a page's push lists them, and the wire types they become. */
const ACTIONS = {
  impressions: "view_item_list",
  promoView: "view_promotion",
  promoClick: "select_promotion",
  click: "select_item",
  detail: "view_item",
  add: "add_to_cart",
  remove: "remove_from_cart",
  checkout: "begin_checkout",
  purchase: "purchase",
  refund: "refund",
} as const;
type Action = keyof typeof ACTIONS;
const KEYS = Object.keys(ACTIONS) as Action[];

/** UA field names for the GA4 ones `commerce()` reads. */
const FIELDS: Obj = { transaction_id: "id", value: "revenue", item_list_name: "list" };

/** Whether `ec` (a push's `ecommerce`) carries a UA action. */
export const isUA = (ec: Obj): boolean => KEYS.some((k) => ec[k] != null);

/**
 * One event for action `k` of `ec`; `type` overrides the action's own type (Elevar's event
 * names), `top` is the push's top level (a `search_term` there).
 */
export function action(ec: Obj, k: Action | undefined, source: Source, type?: string, top?: Obj) {
  const a = (k && obj(ec[k])) || {};
  const list = k === "impressions" ? ec[k] : (a.products ?? a.items ?? ec.impressions);
  // An order without an actionField (GA4-shaped inside `purchase`) is read from `purchase`.
  const af =
    obj(a.actionField) ?? obj(ec.actionField) ?? (k === "purchase" || k === "refund" ? a : {});
  const first = (Array.isArray(list) && obj(list[0])) || {};
  let t: string = type ?? (k && ACTIONS[k]) ?? "";
  if (!type && k === "checkout") {
    const step = Number(af.step);
    t = step >= 3 ? "add_payment_info" : step === 2 ? "add_shipping_info" : t;
  }
  const get = (f: string): unknown =>
    af[FIELDS[f] as string] ??
    af[f] ??
    (f === "currency"
      ? (ec.currencyCode ?? ec.currency)
      : f === "item_list_name"
        ? first.list
        : undefined) ??
    top?.[f];
  const e: Commerce = commerce(t, source, get, list);
  const promos = obj(ec[k === "promoClick" ? "promoClick" : "promoView"])?.promotions;
  if (t.endsWith("_promotion") && Array.isArray(promos))
    e.promotions = promos.filter(obj).slice(0, 50).map(promotion);
  if (t === "view_search_results") e.results = e.items?.length ?? 0;
  return e;
}

/** Every UA action in one push's `ecommerce`, each as its event. */
export function ua(ec: Obj, source: Source = "ua"): Draft[] {
  return KEYS.filter((k) => ec[k] != null).map((k) => action(ec, k, source));
}

/**
 * An Elevar-style `dl_*` event: the name gives the type (`dl_add_to_cart` → add_to_cart,
 * `dl_search_results` → view_search_results), the UA-shaped `ecommerce` the items and order.
 */
export function elevar(name: string, ec: Obj, top: Obj): Draft | undefined {
  const base = name.slice(3);
  const type = base === "search_results" ? "view_search_results" : base;
  if (!COMMERCE.includes(type)) return;
  return action(
    ec,
    KEYS.find((k) => k !== "impressions" && ec[k] != null),
    "elevar",
    type,
    top,
  );
}

/** GTM's classic ecommerce keys, as order pages (Magento modules) push them without an event. */
const CLASSIC: Obj = {
  transaction_id: "transactionId",
  value: "transactionTotal",
  tax: "transactionTax",
  shipping: "transactionShipping",
  currency: "transactionCurrency",
  coupon: "transactionCouponCode",
};

export const classic = (o: Obj): Draft =>
  commerce("purchase", "ua", (f) => o[CLASSIC[f] as string], o.transactionProducts);
