/**
 * What every dataLayer adapter (adapters/*) shares: the wire schema's commerce types and the
 * coercion of fields to it, each capped so that a batch always validates. Amounts go through
 * amount.ts: a value that cannot be read unambiguously is left out and its text kept
 * (`value_raw`, `price_raw`), never guessed.
 */
import type { CommerceEvent, SourceFormat } from "@intently/engine";
import type { Item } from "../types.ts";
import { amount, decimalOf } from "./amount.ts";

/** The wire schema's commerce types (kept equal to the engine's COMMERCE_TYPES by a test). */
export const COMMERCE =
  "view_item_list select_item view_item add_to_cart remove_from_cart view_cart begin_checkout add_shipping_info add_payment_info purchase refund view_promotion select_promotion add_to_wishlist search view_search_results".split(
    " ",
  );
const MAX_ITEMS = 50;
const MAX_ID = 128;

export type Obj = Record<string, unknown>;
export type Get = (k: string) => unknown;
export type Commerce = Omit<CommerceEvent, "t">;
/** Where the event was read from (the wire's `source`). */
export type Source = SourceFormat;

/**
 * Hints for amounts (amount.ts), set when the dataLayer capture starts: the site's locale and
 * currency (the per-site loader's `locale` and `currency`). The locale's decimal separator
 * (`dec`; null until looked up) is looked up at the first amount written as text: the page's
 * first Intl object loads ICU's data, 300–600 ms of one task on a 4× throttled CPU (issue 21),
 * and amounts given as numbers never need it.
 */
export const locale: { tag?: unknown; dec?: string | null; cur?: string } = {};

/** The decimal separator hint for reading `x` (only text needs one). */
const dec = (x: unknown): string | undefined => {
  if (typeof x !== "string") return;
  if (locale.dec === null) locale.dec = decimalOf(locale.tag);
  return locale.dec;
};

export const obj = (x: unknown): Obj | undefined =>
  x && typeof x === "object" ? (x as Obj) : undefined;

export const str = (x: unknown, max = 256): string | undefined =>
  typeof x === "string" || typeof x === "number" ? String(x).slice(0, max) : undefined;

const num = (x: unknown, max: number, cur?: string): number | undefined =>
  amount(x, dec(x), max, cur ?? locale.cur).v;

export const int = (x: unknown, max: number): number | undefined => {
  const n = num(x, max);
  return n === undefined ? n : Math.round(n);
};

/** First of `keys` set on `o`. */
const pick = (o: Obj, ...keys: string[]): unknown => o[keys.find((k) => o[k] != null) ?? ""];

/** GA4 items or UA products (`id`, `name`, `variant`, `list` …), priced in `cur` when known. */
export function items(list: unknown, cur?: string): Item[] | undefined {
  if (!Array.isArray(list)) return;
  return list
    .filter(obj)
    .slice(0, MAX_ITEMS)
    .map((i: Obj) => {
      const price = amount(i.price, dec(i.price), 1e9, cur ?? locale.cur);
      return {
        id: str(pick(i, "item_id", "id", "sku", "item_name", "name"), MAX_ID) ?? "",
        name: str(pick(i, "item_name", "name")),
        category: str(pick(i, "item_category", "category")),
        brand: str(pick(i, "item_brand", "brand")),
        variant: str(pick(i, "item_variant", "variant")),
        price: price.v,
        price_raw: price.raw,
        quantity: int(i.quantity, 1e4),
        coupon: str(i.coupon),
        discount: num(i.discount, 1e9, cur),
        list: str(pick(i, "item_list_name", "list")),
      };
    });
}

/** GA4 promotion fields (`promotion_id` …) or a UA promotion (`id`, `creative`, `position`). */
export const promotion = (p: Obj) => ({
  id: str(pick(p, "promotion_id", "id"), MAX_ID),
  name: str(pick(p, "promotion_name", "name")),
  creative: str(pick(p, "creative_name", "creative")),
  slot: str(pick(p, "creative_slot", "position")),
});

/** Order fields named as in GA4 (`value`, `transaction_id`, `tax` …), read through `get`. */
export function commerce(type: string, source: Source, get: Get, list?: unknown): Commerce {
  const given = str(get("currency"), 3);
  const v = get("value");
  const value = amount(v, dec(v), 1e10, given ?? locale.cur);
  const cur = given ?? value.cur;
  return {
    type: type as Commerce["type"],
    source,
    items: items(list ?? get("items"), cur),
    value: value.v,
    value_raw: value.raw,
    currency: cur,
    transaction_id: str(get("transaction_id"), MAX_ID),
    tax: num(get("tax"), 1e10, cur),
    shipping: num(get("shipping"), 1e10, cur),
    coupon: str(get("coupon")),
    search_term: str(get("search_term")),
    item_list_name: str(get("item_list_name")),
  };
}
