/**
 * GA4 e-commerce and experiment events, as Google documents them for Tag Manager
 * (`{event, ecommerce: {…}}`) and gtag.js (`gtag("event", name, params)`), and the same shape
 * through `intently.push`. `get` reads a field from the event's parameters (for the dataLayer,
 * the GTM data model's `ecommerce`, then its top level).
 */
import type { Draft } from "../../types.ts";
import {
  COMMERCE,
  commerce,
  type Get,
  int,
  obj,
  promotion,
  type Source,
  str,
} from "../commerce.ts";

const MAX_ID = 128;
/** Where a results count may be given (view_search_results). */
const RESULT_KEYS = ["results", "search_results", "results_count", "number_of_results"];

export function toEvent(name: unknown, get: Get, source: Source = "ga4"): Draft | undefined {
  if (typeof name !== "string") return;
  if (COMMERCE.includes(name)) {
    const e = commerce(name, source, get);
    const results = int(
      RESULT_KEYS.map(get).find((x) => x != null),
      1e9,
    );
    e.results = name === "view_search_results" ? (results ?? e.items?.length) : results;
    if (name.endsWith("_promotion")) {
      // Event-level promotion fields, else those of the first item that has them.
      const list = get("items");
      const p = promotion({ ...obj(Array.isArray(list) && list[0]), ...own(get) });
      if (p.id || p.name || p.creative || p.slot) e.promotions = [p];
    }
    return e;
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

type Obj = Record<string, unknown>;

/** The event's own promotion fields (those it sets). */
function own(get: Get): Obj {
  const o: Obj = {};
  for (const k of ["promotion_id", "promotion_name", "creative_name", "creative_slot"]) {
    if (get(k) != null) o[k] = get(k);
  }
  return o;
}
