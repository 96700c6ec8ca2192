/**
 * Maps GA4 e-commerce and experiment events (dataLayer objects, gtag arguments or
 * `intently.push`) to the wire schema, coercing and capping every field so that a batch always
 * validates.
 */
import type { Draft, Item } from "../types.ts";

/** The wire schema's commerce types (kept equal to the engine's COMMERCE_TYPES by a test). */
export const COMMERCE =
  "view_item_list select_item view_item add_to_cart remove_from_cart view_cart begin_checkout add_shipping_info add_payment_info purchase search view_search_results".split(
    " ",
  );
const MAX_ITEMS = 50;
const MAX_ID = 128;
/** Where a results count may be given (view_search_results). */
const RESULT_KEYS = ["results", "search_results", "results_count", "number_of_results"];

type Get = (k: string) => unknown;

export const str = (x: unknown, max = 256): string | undefined =>
  typeof x === "string" || typeof x === "number" ? String(x).slice(0, max) : undefined;

const num = (x: unknown, max = 1e9): number | undefined => {
  const n = typeof x === "number" || typeof x === "string" ? +x : Number.NaN;
  return n >= 0 && n <= max ? n : undefined;
};

const int = (x: unknown, max: number): number | undefined => {
  const n = num(x, max);
  return n === undefined ? n : Math.round(n);
};

function items(list: unknown): Item[] | undefined {
  if (!Array.isArray(list)) return;
  return list
    .filter((i) => i && typeof i === "object")
    .slice(0, MAX_ITEMS)
    .map((i: Record<string, unknown>) => ({
      id: str(i.item_id ?? i.id ?? i.item_name, MAX_ID) ?? "",
      name: str(i.item_name ?? i.name),
      category: str(i.item_category ?? i.category),
      brand: str(i.item_brand ?? i.brand),
      price: num(i.price),
      quantity: int(i.quantity, 1e4),
    }));
}

export function toEvent(name: unknown, get: Get): Draft | undefined {
  if (typeof name !== "string") return;
  if (COMMERCE.includes(name)) {
    const list = items(get("items"));
    const results = int(
      RESULT_KEYS.map(get).find((x) => x != null),
      1e9,
    );
    return {
      type: name as "purchase",
      items: list,
      value: num(get("value"), 1e10),
      currency: str(get("currency"), 3),
      transaction_id: str(get("transaction_id"), MAX_ID),
      search_term: str(get("search_term")),
      item_list_name: str(get("item_list_name")),
      results: name === "view_search_results" ? (results ?? list?.length) : results,
    };
  }
  if (name === "experience_impression") {
    // GA4 convention: exp_variant_string "<tool>-<experiment>-<variant>"; or explicit ids.
    const parts = str(get("exp_variant_string"))?.split("-") ?? [];
    const v = str(get("variant") ?? get("variant_id"), MAX_ID) ?? parts.pop();
    const x = str(get("experiment") ?? get("experiment_id"), MAX_ID) ?? parts.join("-");
    return x && v ? { type: name, experiment: x.slice(0, MAX_ID), variant: v } : undefined;
  }
  if (name === "filter" || name === "sort") {
    return { type: name, name: str(get("name")), value: str(get("value")) };
  }
}
