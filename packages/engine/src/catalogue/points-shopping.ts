/** Catalogue entries: pages, products, search and cart. */
import {
  BRAND_SLOTS,
  CATEGORY_SLOTS,
  countSlots,
  slotNames,
  topSlot,
} from "../session/affinity.ts";
import { C, F, MAX_BRANDS, MAX_CATEGORIES } from "../session/state.ts";
import { type AttributeSource, count, type DataPoint, num } from "./types.ts";

/** Price bands by mean viewed item price (site currency); editable per site later. */
export const PRICE_BANDS = ["none", "budget", "mid", "premium", "luxury"] as const;
const PRICE_BAND_EDGES = [25, 75, 200] as const;

function priceBand(a: AttributeSource): string {
  const n = a.s.f;
  const o = a.s.o;
  if (a.s.get(C.ItemPriceCount) === 0) return "none";
  const mean = n[o + F.ItemPriceSum]! / a.s.get(C.ItemPriceCount);
  const [budget, mid, premium] = PRICE_BAND_EDGES;
  return mean < budget ? "budget" : mean < mid ? "mid" : mean < premium ? "premium" : "luxury";
}

export const shoppingPoints: DataPoint[] = [
  // Pages and products
  {
    id: "pageViews",
    label: "Pages viewed",
    type: "number",
    group: "pages",
    description: "Page views this session.",
    get: num(F.PageViews),
  },
  {
    id: "timeOnSiteSec",
    label: "Time on site",
    type: "number",
    unit: "s",
    group: "pages",
    description: "Seconds since the session's first event.",
    get: (a) => Math.max(0, a.now - a.s.num(F.StartT)) / 1000,
  },
  {
    id: "secondsSinceLastEvent",
    label: "Seconds since last event",
    type: "number",
    unit: "s",
    group: "pages",
    description: "Seconds since the latest event.",
    get: (a) => Math.max(0, a.now - a.s.num(F.LastT)) / 1000,
  },
  {
    id: "maxScrollDepth",
    label: "Max scroll depth",
    type: "number",
    unit: "%",
    group: "pages",
    description: "Deepest scroll on any page, 0–100.",
    get: num(F.MaxScroll),
  },
  {
    id: "clicks",
    label: "Clicks",
    type: "number",
    group: "pages",
    description: "Clicks this session.",
    get: count(C.Clicks),
  },
  {
    id: "avgHesitationMs",
    label: "Average hesitation before a click",
    type: "number",
    unit: "ms",
    group: "pages",
    description: "Mean time from hovering a target to clicking it; null when unknown.",
    get: (a) =>
      a.s.get(C.HesitationCount) === 0
        ? null
        : a.s.num(F.HesitationSum) / a.s.get(C.HesitationCount),
  },
  {
    id: "productViews",
    label: "Products viewed",
    type: "number",
    group: "products",
    description: "Product detail views this session.",
    get: num(F.ProductViews),
  },
  {
    id: "listingViews",
    label: "Listing pages viewed",
    type: "number",
    group: "products",
    description: "Category/listing page views.",
    get: count(C.ListingViews),
  },
  {
    id: "categoriesViewed",
    label: "Categories viewed",
    type: "string[]",
    group: "products",
    description: `Categories of viewed products and listings (up to ${MAX_CATEGORIES}).`,
    get: (a) => slotNames(a.s, CATEGORY_SLOTS),
  },
  {
    id: "categoryCount",
    label: "Distinct categories",
    type: "number",
    group: "products",
    description: "Number of distinct categories viewed.",
    get: (a) => countSlots(a.s, CATEGORY_SLOTS),
  },
  {
    id: "topCategory",
    label: "Top category",
    type: "string",
    group: "products",
    description: "Most-viewed category (affinity).",
    get: (a) => topSlot(a.s, CATEGORY_SLOTS),
  },
  {
    id: "brandsViewed",
    label: "Brands viewed",
    type: "string[]",
    group: "products",
    description: `Brands of viewed products (up to ${MAX_BRANDS}).`,
    get: (a) => slotNames(a.s, BRAND_SLOTS),
  },
  {
    id: "topBrand",
    label: "Top brand",
    type: "string",
    group: "products",
    description: "Most-viewed brand (affinity).",
    get: (a) => topSlot(a.s, BRAND_SLOTS),
  },
  {
    id: "avgItemPrice",
    label: "Mean viewed price",
    type: "number",
    unit: "currency",
    group: "products",
    description: "Mean price of viewed items; null when none.",
    get: (a) =>
      a.s.get(C.ItemPriceCount) === 0 ? null : a.s.num(F.ItemPriceSum) / a.s.get(C.ItemPriceCount),
  },
  {
    id: "priceBand",
    label: "Price band",
    type: "enum",
    values: PRICE_BANDS,
    group: "products",
    description: `Band of the mean viewed price (edges ${PRICE_BAND_EDGES.join(", ")}).`,
    get: priceBand,
  },
  // Search
  {
    id: "searches",
    label: "Searches",
    type: "number",
    group: "search",
    description: "Site searches this session.",
    get: num(F.Searches),
  },
  {
    id: "filterSorts",
    label: "Filters and sorts",
    type: "number",
    group: "search",
    description: "Filter or sort changes on listings.",
    get: count(C.FilterSorts),
  },
  // Cart
  {
    id: "cartItems",
    label: "Cart items",
    type: "number",
    group: "cart",
    description: "Items in the cart now (quantities summed).",
    get: num(F.CartQty),
  },
  {
    id: "cartValue",
    label: "Cart value",
    type: "number",
    unit: "currency",
    group: "cart",
    description: "Value of the cart now.",
    get: num(F.CartValue),
  },
  {
    id: "cartAdds",
    label: "Add-to-carts",
    type: "number",
    group: "cart",
    description: "add_to_cart events this session.",
    get: num(F.CartAdds),
  },
  {
    id: "cartRemoves",
    label: "Removals from cart",
    type: "number",
    group: "cart",
    description: "remove_from_cart events this session.",
    get: count(C.CartRemoves),
  },
  {
    id: "checkoutStep",
    label: "Checkout step",
    type: "number",
    group: "cart",
    description: "0 none, 1 checkout begun, 2 shipping given, 3 payment given.",
    get: count(C.CheckoutStep),
  },
  {
    id: "purchases",
    label: "Purchases",
    type: "number",
    group: "cart",
    description: "Purchases this session.",
    get: num(F.Purchases),
  },
  {
    id: "revenue",
    label: "Revenue",
    type: "number",
    unit: "currency",
    group: "cart",
    description: "Purchase value this session.",
    get: num(F.Revenue),
  },
];
