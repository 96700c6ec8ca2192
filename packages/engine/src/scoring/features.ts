/**
 * The model's feature vector, derived from a session's accumulators. Shared by the heuristic
 * scorer, the tree models and training-set construction, so a model sees in training exactly
 * what it sees live. Written into a caller-owned Float64Array: no allocation per event.
 */
import { TRAFFIC_SOURCES } from "../context/traffic-source.ts";
import { countSlots } from "../session/affinity.ts";
import {
  RECENT_WINDOW_EVENTS,
  RECENT_WINDOW_MS,
  SIGNAL_INDEX,
  STRUGGLE_SIGNALS,
} from "../session/signals.ts";
import {
  F,
  MAX_CATEGORIES,
  type SessionState,
  sigCount,
  sigLastIdx,
  sigLastT,
} from "../session/state.ts";

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
  const n = s.n;
  if (n[sigCount(signalIndex)] === 0) return false;
  return (
    now - n[sigLastT(signalIndex)]! <= RECENT_WINDOW_MS ||
    n[F.Events]! - n[sigLastIdx(signalIndex)]! <= RECENT_WINDOW_EVENTS
  );
}

const STRUGGLE_IDX = STRUGGLE_SIGNALS.map((sig) => SIGNAL_INDEX[sig]);

export function frustrationTotal(s: SessionState): number {
  let c = 0;
  for (const i of STRUGGLE_IDX) c += s.n[sigCount(i)]!;
  return c;
}

export function frustrationRecent(s: SessionState, now: number): number {
  let c = 0;
  for (const i of STRUGGLE_IDX) if (isRecent(s, i, now)) c++;
  return c;
}

/** Fills `out` (length ≥ FEATURE_COUNT) with the features of `s` at time `now`. */
export function extractFeatures(s: SessionState, now: number, out: Float64Array): Float64Array {
  const n = s.n;
  const exitIdx = SIGNAL_INDEX.exit_intent;
  out[0] = n[F.Events]!;
  out[1] = n[F.PageViews]!;
  out[2] = n[F.ProductViews]!;
  out[3] = n[F.ListingViews]!;
  out[4] = n[F.Searches]!;
  out[5] = n[sigCount(SIGNAL_INDEX.zero_result_search)]!;
  out[6] = n[F.FilterSorts]!;
  out[7] = n[F.Clicks]!;
  out[8] = n[F.MaxScroll]!;
  out[9] = n[F.CartAdds]!;
  out[10] = n[F.CartRemoves]!;
  out[11] = n[F.CartQty]!;
  out[12] = n[F.CartValue]!;
  out[13] = n[F.CheckoutStep]!;
  out[14] = n[F.Stage]!;
  out[15] = Math.max(0, now - n[F.StartT]!) / 1000;
  out[16] = Math.max(0, now - n[F.LastActivityT]!) / 1000;
  out[17] = frustrationTotal(s);
  out[18] = frustrationRecent(s, now);
  out[19] = n[sigCount(exitIdx)]!;
  out[20] = isRecent(s, exitIdx, now) ? 1 : 0;
  out[21] = n[F.TabHidden]!;
  out[22] = n[sigCount(SIGNAL_INDEX.tab_hidden)]!;
  out[23] = n[F.Idle]!;
  out[24] = n[sigCount(SIGNAL_INDEX.cart_emptied)]!;
  out[25] = n[F.HesitationCount]! > 0 ? n[F.HesitationSum]! / n[F.HesitationCount]! : Number.NaN;
  out[26] = countSlots(s.categories, MAX_CATEGORIES);
  out[27] = n[F.ItemPriceCount]! > 0 ? n[F.ItemPriceSum]! / n[F.ItemPriceCount]! : Number.NaN;
  out[28] = DEVICE_CODE[s.device] ?? 5;
  out[29] = SOURCE_CODE[s.source] ?? 9;
  out[30] = s.returning ? 1 : 0;
  out[31] = s.previousSessions;
  out[32] = s.previousPurchases;
  out[33] = LANDING_CODE[s.landingType] ?? 8;
  return out;
}
