/**
 * Folds one event into a session's accumulators: counts, cart, signals, affinities, and the
 * least stage the event implies. O(1), no allocation on the common paths.
 */
import { type SiteMoney, siteAmount } from "../context/money.ts";
import { type PlatformSetting, typedPage } from "../context/page-types.ts";
import type { Event, Item, PageType } from "../schema/events.ts";
import { BRAND_SLOTS, bumpSlot, CATEGORY_SLOTS } from "./affinity.ts";
import { fnv1a, pathOf } from "./hash.ts";
import { itemsValue, orderKey, orderValue } from "./orders.ts";
import { SIGNAL_INDEX, type Signal } from "./signals.ts";
import {
  C,
  F,
  MAX_CATEGORIES,
  type SessionState,
  sigCount,
  sigLastIdx,
  sigLastT,
} from "./state.ts";

export const MAX_EXPERIMENTS = 8;
/** Transaction ids kept per session to count each order once. */
export const MAX_ORDERS = 32;
const MAX_PROPS = 32;

/** Stage indices (see STAGES). */
enum S {
  Browsing = 0,
  Refining = 1,
  Evaluating = 2,
  Deciding = 3,
  Committing = 4,
  PostPurchase = 5,
}

const PAGE_STAGE: Partial<Record<PageType, S>> = {
  search: S.Refining,
  product: S.Evaluating,
  cart: S.Deciding,
  checkout: S.Committing,
  confirmation: S.PostPurchase,
};

/** Events that show a person is at the page: they end idle and hidden-tab conditions. */
const PASSIVE = new Set([
  "tab_hidden",
  "idle",
  "exit_intent",
  "page_engagement",
  "identify",
  "set",
]);

export function recordSignal(s: SessionState, signal: Signal, t: number): void {
  const i = SIGNAL_INDEX[signal];
  const n = s.f;
  const o = s.o;
  n[o + sigCount(i)]! += 1;
  n[o + sigLastT(i)] = Math.max(n[o + sigLastT(i)]!, t);
  s.set(sigLastIdx(i), n[o + F.Events]!);
}

/**
 * Identity of an event for duplicate detection: type, time, page and the fields that tell two
 * same-millisecond events apart (target, first item, item count, value, search term).
 */
function eventHash(e: Event): number {
  let h = fnv1a(e.type, e.t >>> 0) ^ Math.floor(e.t / 4294967296);
  h = fnv1a(e.page?.url ?? "", h);
  if ("target" in e && e.target) h = fnv1a(e.target, h);
  if ("items" in e && e.items)
    h = fnv1a(`${e.items.length}:${e.items[0]?.id ?? ""}:${e.items[0]?.quantity ?? ""}`, h);
  if ("value" in e && e.value !== undefined) h = fnv1a(String(e.value), h);
  if ("search_term" in e && e.search_term) h = fnv1a(e.search_term, h);
  return h >>> 0;
}

/**
 * Applies `e` to `s`. Returns false (and changes nothing) for an exact duplicate of the
 * previous event, which retried sends can produce.
 */
export function applyEvent(
  s: SessionState,
  e: Event,
  platform: PlatformSetting = "auto",
  money?: SiteMoney,
): boolean {
  const n = s.f;
  const o = s.o;
  const h = eventHash(e);
  if (n[o + F.Events]! > 0 && h === s.get(C.LastEventHash)) return false;
  s.set(C.LastEventHash, h);
  const t = e.t;
  if (n[o + F.Events] === 0) {
    n[o + F.StartT] = t;
    n[o + F.LastActivityT] = t;
  }
  n[o + F.Events]! += 1;
  // Out-of-order events count, but time only moves forward.
  if (t > n[o + F.LastT]!) n[o + F.LastT] = t;
  const now = n[o + F.LastT]!;
  if (!PASSIVE.has(e.type)) {
    n[o + F.LastActivityT] = Math.max(n[o + F.LastActivityT]!, t);
    // A late-arriving older event does not undo a newer idle or hidden-tab signal.
    if (t >= n[o + sigLastT(SIGNAL_INDEX.idle)]!) s.set(C.Idle, 0);
    if (t >= n[o + sigLastT(SIGNAL_INDEX.tab_hidden)]!) s.set(C.TabHidden, 0);
  }

  let stage = S.Browsing;
  switch (e.type) {
    case "page_view": {
      // Untyped pages typed from the platforms' URL layouts (context/page-types.ts), on the event
      // too, so that what is stored is the type the engine used.
      const typed = typedPage(e.page.url, e.page.type, platform);
      if (typed !== e.page.type) e.page.type = typed;
      stage = pageView(s, e.page.url, e.page.type, e.page.category, now);
      break;
    }
    case "view_item_list":
      if (s.pageType !== "category") listing(s, e.items?.[0]?.category ?? e.page?.category);
      if (s.get(C.ListingViews) >= 2 && anyCategoryListedTwice(s)) stage = S.Refining;
      break;
    case "select_item":
      s.add(C.Clicks, 1);
      break;
    case "view_item":
      if (s.pageType !== "product") n[o + F.ProductViews]! += 1;
      viewItems(s, e.items);
      stage = S.Evaluating;
      break;
    case "add_to_cart":
      n[o + F.CartAdds]! += 1;
      cartChange(s, e.items, e.value, +1);
      stage = S.Deciding;
      break;
    case "remove_from_cart": {
      s.add(C.CartRemoves, 1);
      const before = n[o + F.CartQty]!;
      cartChange(s, e.items, e.value, -1);
      if (before > 0 && n[o + F.CartQty] === 0) recordSignal(s, "cart_emptied", t);
      break;
    }
    case "view_cart":
      stage = S.Deciding;
      break;
    case "begin_checkout":
      s.set(C.CheckoutStep, Math.max(s.get(C.CheckoutStep), 1));
      stage = S.Committing;
      break;
    case "add_shipping_info":
      s.set(C.CheckoutStep, Math.max(s.get(C.CheckoutStep), 2));
      stage = S.Committing;
      break;
    case "add_payment_info":
      s.set(C.CheckoutStep, Math.max(s.get(C.CheckoutStep), 3));
      stage = S.Committing;
      break;
    case "purchase":
      stage = S.PostPurchase;
      // One order counts once (a reload, or the same order sent through dataLayer and gtag).
      if (!once(s, e)) break;
      n[o + F.Purchases]! += 1;
      // In the site's currency: converted with its rate, or kept apart (0) without one.
      n[o + F.Revenue]! += siteAmount(orderValue(e), e.currency, money).value;
      n[o + F.CartQty] = 0;
      n[o + F.CartValue] = 0;
      break;
    case "refund":
      // A refund lowers the session's revenue (a full refund without a value cannot), once.
      if (!once(s, e)) break;
      n[o + F.Revenue] = Math.max(
        0,
        n[o + F.Revenue]! - siteAmount(orderValue(e), e.currency, money).value,
      );
      break;
    case "search":
      n[o + F.Searches]! += 1;
      if (e.results === 0) recordSignal(s, "zero_result_search", t);
      stage = S.Refining;
      break;
    case "view_search_results":
      if (e.results === 0) recordSignal(s, "zero_result_search", t);
      stage = S.Refining;
      break;
    case "filter":
    case "sort":
      s.add(C.FilterSorts, 1);
      stage = S.Refining;
      break;
    case "click":
      s.add(C.Clicks, 1);
      if (e.hesitationMs !== undefined) {
        n[o + F.HesitationSum]! += e.hesitationMs;
        s.add(C.HesitationCount, 1);
      }
      break;
    case "scroll":
      s.add(C.Scrolls, 1);
      if (e.depth !== undefined && e.depth > n[o + F.MaxScroll]!) n[o + F.MaxScroll] = e.depth;
      break;
    case "page_engagement":
      if (e.depth !== undefined && e.depth > n[o + F.MaxScroll]!) n[o + F.MaxScroll] = e.depth;
      break;
    case "tab_hidden":
      s.set(C.TabHidden, 1);
      recordSignal(s, "tab_hidden", t);
      break;
    case "tab_visible":
      s.set(C.TabHidden, 0);
      break;
    case "idle":
      s.set(C.Idle, 1);
      recordSignal(s, "idle", t);
      break;
    case "exit_intent":
      recordSignal(s, "exit_intent", t);
      break;
    case "rage_click":
    case "dead_click":
    case "error_click":
    case "js_error":
    case "form_error":
    case "thrashed_cursor":
    case "u_turn":
      recordSignal(s, e.type, t);
      break;
    case "experience_impression": {
      const key = `${e.experiment}:${e.variant}`;
      s.experiments ??= [];
      if (!s.experiments.includes(key) && s.experiments.length < MAX_EXPERIMENTS)
        s.experiments.push(key);
      break;
    }
    case "identify":
      s.identified = e.id;
      break;
    case "set": {
      s.props ??= {};
      for (const [k, v] of Object.entries(e.props)) {
        if (k in s.props || Object.keys(s.props).length < MAX_PROPS) s.props[k] = v;
      }
      break;
    }
  }
  if (stage > n[o + F.Stage]!) n[o + F.Stage] = stage;
  return true;
}

function pageView(
  s: SessionState,
  url: string,
  type: PageType | undefined,
  category: string | undefined,
  now: number,
): S {
  const n = s.f;
  const o = s.o;
  n[o + F.PageViews]! += 1;
  const path = pathOf(url);
  s.pagePath = path;
  s.pageType = type ?? "";
  if (!s.landingPath) {
    s.landingPath = path;
    s.landingType = type ?? "";
  }
  // Page identity history for back-and-forth (A, B, A, B).
  s.set(C.PageHash3, s.get(C.PageHash2));
  s.set(C.PageHash2, s.get(C.PageHash1));
  s.set(C.PageHash1, s.get(C.PageHash0));
  s.set(C.PageHash0, fnv1a(path));
  if (
    n[o + F.PageViews]! >= 4 &&
    s.get(C.PageHash0) === s.get(C.PageHash2) &&
    s.get(C.PageHash1) === s.get(C.PageHash3) &&
    s.get(C.PageHash0) !== s.get(C.PageHash1)
  ) {
    recordSignal(s, "back_and_forth", now);
  }
  // Tumbling one-minute window of page views, for bot speed checks.
  if (now - n[o + F.MinuteStartT]! >= 60_000) {
    n[o + F.MinuteStartT] = now;
    s.set(C.MinuteViews, 0);
  }
  s.add(C.MinuteViews, 1);

  if (type === "not_found") recordSignal(s, "not_found", now);
  if (type === "product") n[o + F.ProductViews]! += 1;
  if (type === "category") {
    listing(s, category);
    if (anyCategoryListedTwice(s)) return S.Refining;
  }
  return type ? (PAGE_STAGE[type] ?? S.Browsing) : S.Browsing;
}

function listing(s: SessionState, category: string | undefined): void {
  s.add(C.ListingViews, 1);
  if (category) {
    const slot = bumpSlot(s, CATEGORY_SLOTS, category, 0);
    s.add(C.Cat0Listings + slot, 1);
  }
}

function anyCategoryListedTwice(s: SessionState): boolean {
  for (let i = 0; i < MAX_CATEGORIES; i++) if (s.get(C.Cat0Listings + i) >= 2) return true;
  return false;
}

function viewItems(s: SessionState, items: Item[] | undefined): void {
  if (!items) return;
  const n = s.f;
  const o = s.o;
  for (const it of items) {
    if (it.category) bumpSlot(s, CATEGORY_SLOTS, it.category);
    if (it.brand) bumpSlot(s, BRAND_SLOTS, it.brand);
    if (it.price !== undefined) {
      n[o + F.ItemPriceSum]! += it.price;
      s.add(C.ItemPriceCount, 1);
    }
  }
}

/** False when the session already counted this order event (orders.ts); remembers it. */
function once(s: SessionState, e: Event): boolean {
  const key = orderKey(e as Parameters<typeof orderKey>[0]);
  if (!key) return true;
  s.orders ??= [];
  if (s.orders.includes(key)) return false;
  if (s.orders.length < MAX_ORDERS) s.orders.push(key);
  return true;
}

function cartChange(
  s: SessionState,
  items: Item[] | undefined,
  value: number | undefined,
  sign: 1 | -1,
): void {
  const n = s.f;
  const o = s.o;
  let qty = 0;
  if (items) for (const it of items) qty += it.quantity ?? 1;
  if (!items || items.length === 0) qty = 1;
  const v = value ?? itemsValue(items);
  n[o + F.CartQty] = Math.max(0, n[o + F.CartQty]! + sign * qty);
  n[o + F.CartValue] = n[o + F.CartQty] === 0 ? 0 : Math.max(0, n[o + F.CartValue]! + sign * v);
  if (sign > 0) viewItems(s, items);
}
