/**
 * The model's feature vector, derived from a session's accumulators. Shared by the heuristic
 * scorer, the tree models and training-set construction, so a model sees in training exactly
 * what it sees live. Written into a caller-owned Float64Array: no allocation per event.
 */
import { TRAFFIC_SOURCES } from "../context/traffic-source.ts";
import { CATEGORY_SLOTS, countSlots } from "../session/affinity.ts";
import {
  RECENT_WINDOW_EVENTS,
  RECENT_WINDOW_MS,
  SIGNAL_INDEX,
  STRUGGLE_SIGNALS,
} from "../session/signals.ts";
import { C, F, type SessionState, sigCount, sigLastIdx, sigLastT } from "../session/state.ts";

export const FEATURE_NAMES = [
  "events",
  "pageViews",
  "productViews",
  "listingViews",
  "searches",
  "zeroResultSearches",
  "filterSorts",
  "clicks",
  "maxScroll",
  "cartAdds",
  "cartRemoves",
  "cartQty",
  "cartValue",
  "checkoutStep",
  "stage",
  "secondsOnSite",
  "secondsSinceActivity",
  "frustrationTotal",
  "frustrationRecent",
  "exitIntents",
  "exitIntentRecent",
  "tabHidden",
  "tabHiddenCount",
  "idle",
  "cartEmptied",
  "meanHesitationMs",
  "categoriesViewed",
  "meanItemPrice",
  "device",
  "source",
  "returning",
  "previousSessions",
  "previousPurchases",
  "landingType",
] as const;
export type FeatureName = (typeof FEATURE_NAMES)[number];
/**
 * The features that grow with the clock between events, one per second (Scorer.nextChange):
 * secondsOnSite and secondsSinceActivity.
 */
export const ELAPSED_FEATURES: readonly number[] = [
  FEATURE_NAMES.indexOf("secondsOnSite"),
  FEATURE_NAMES.indexOf("secondsSinceActivity"),
];
export const FEATURE_COUNT = FEATURE_NAMES.length;
/** Features whose values are category codes rather than quantities. */
export const CATEGORICAL_FEATURES: readonly FeatureName[] = ["device", "source", "landingType"];

const DEVICE_CODE: Record<string, number> = {
  desktop: 0,
  mobile: 1,
  tablet: 2,
  tv: 3,
  bot: 4,
  other: 5,
};
const SOURCE_CODE: Record<string, number> = Object.fromEntries(
  TRAFFIC_SOURCES.map((s, i) => [s, i]),
);
const LANDING_CODE: Record<string, number> = {
  home: 0,
  category: 1,
  search: 2,
  product: 3,
  cart: 4,
  checkout: 5,
  content: 6,
  landing: 7,
};

export function isRecent(s: SessionState, signalIndex: number, now: number): boolean {
  const n = s.f;
  const o = s.o;
  if (n[o + sigCount(signalIndex)] === 0) return false;
  return (
    now - n[o + sigLastT(signalIndex)]! <= RECENT_WINDOW_MS ||
    n[o + F.Events]! - s.get(sigLastIdx(signalIndex)) <= RECENT_WINDOW_EVENTS
  );
}

const STRUGGLE_IDX = STRUGGLE_SIGNALS.map((sig) => SIGNAL_INDEX[sig]);

export function frustrationTotal(s: SessionState): number {
  let c = 0;
  for (const i of STRUGGLE_IDX) c += s.num(sigCount(i));
  return c;
}

export function frustrationRecent(s: SessionState, now: number): number {
  let c = 0;
  for (const i of STRUGGLE_IDX) if (isRecent(s, i, now)) c++;
  return c;
}

/** Fills `out` (length ≥ FEATURE_COUNT) with the features of `s` at time `now`. */
export function extractFeatures(s: SessionState, now: number, out: Float64Array): Float64Array {
  const n = s.f;
  const o = s.o;
  const exitIdx = SIGNAL_INDEX.exit_intent;
  out[0] = n[o + F.Events]!;
  out[1] = n[o + F.PageViews]!;
  out[2] = n[o + F.ProductViews]!;
  out[3] = s.get(C.ListingViews);
  out[4] = n[o + F.Searches]!;
  out[5] = n[o + sigCount(SIGNAL_INDEX.zero_result_search)]!;
  out[6] = s.get(C.FilterSorts);
  out[7] = s.get(C.Clicks);
  out[8] = n[o + F.MaxScroll]!;
  out[9] = n[o + F.CartAdds]!;
  out[10] = s.get(C.CartRemoves);
  out[11] = n[o + F.CartQty]!;
  out[12] = n[o + F.CartValue]!;
  out[13] = s.get(C.CheckoutStep);
  out[14] = n[o + F.Stage]!;
  out[15] = Math.max(0, now - n[o + F.StartT]!) / 1000;
  out[16] = Math.max(0, now - n[o + F.LastActivityT]!) / 1000;
  out[17] = frustrationTotal(s);
  out[18] = frustrationRecent(s, now);
  out[19] = n[o + sigCount(exitIdx)]!;
  out[20] = isRecent(s, exitIdx, now) ? 1 : 0;
  out[21] = s.get(C.TabHidden);
  out[22] = n[o + sigCount(SIGNAL_INDEX.tab_hidden)]!;
  out[23] = s.get(C.Idle);
  out[24] = n[o + sigCount(SIGNAL_INDEX.cart_emptied)]!;
  out[25] =
    s.get(C.HesitationCount) > 0 ? n[o + F.HesitationSum]! / s.get(C.HesitationCount) : Number.NaN;
  out[26] = countSlots(s, CATEGORY_SLOTS);
  out[27] =
    s.get(C.ItemPriceCount) > 0 ? n[o + F.ItemPriceSum]! / s.get(C.ItemPriceCount) : Number.NaN;
  out[28] = DEVICE_CODE[s.device] ?? 5;
  out[29] = SOURCE_CODE[s.source] ?? 9;
  out[30] = s.returning ? 1 : 0;
  out[31] = s.previousSessions;
  out[32] = s.previousPurchases;
  out[33] = LANDING_CODE[s.landingType] ?? 8;
  return out;
}
