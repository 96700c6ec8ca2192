/**
 * The model's features (scoring/features.ts) in the catalogue's words, for the live view's
 * reasons ("+8 pts: Add-to-carts 0 → 1"): each feature names the data point it reads, whose
 * label and unit are used; the three features no data point shows carry their own label.
 */
import { STAGES } from "../framework/types.ts";
import type { FeatureName } from "../scoring/features.ts";
import { dataPoint } from "./data-points.ts";

const POINT_OF: Record<FeatureName, string | { label: string; unit?: string }> = {
  events: { label: "Events" },
  pageViews: "pageViews",
  productViews: "productViews",
  listingViews: "listingViews",
  searches: "searches",
  zeroResultSearches: "zeroResultSearches",
  filterSorts: "filterSorts",
  clicks: "clicks",
  maxScroll: "maxScrollDepth",
  cartAdds: "cartAdds",
  cartRemoves: "cartRemoves",
  cartQty: "cartItems",
  cartValue: "cartValue",
  checkoutStep: "checkoutStep",
  stage: "stage",
  secondsOnSite: "timeOnSiteSec",
  secondsSinceActivity: { label: "Seconds since last activity", unit: "s" },
  frustrationTotal: "frustrationCount",
  frustrationRecent: "frustrationRecent",
  exitIntents: "exitIntents",
  exitIntentRecent: { label: "Recent exit intent" },
  tabHidden: "tabHidden",
  tabHiddenCount: "tabHides",
  idle: { label: "Idle now" },
  cartEmptied: "cartEmptied",
  meanHesitationMs: "avgHesitationMs",
  categoriesViewed: "categoryCount",
  meanItemPrice: "avgItemPrice",
  device: "deviceType",
  source: "trafficSource",
  returning: "visitorType",
  previousSessions: "previousSessions",
  previousPurchases: "previousPurchases",
  landingType: "landingPageType",
};

export interface FeatureLabel {
  label: string;
  /** The data point's unit ("s", "ms", "%", "currency"), when it has one. */
  unit?: string;
}

/** A feature's label and unit; "Other changes" for a name that is not a feature ("other"). */
export function featureLabel(feature: string): FeatureLabel {
  const p = POINT_OF[feature as FeatureName];
  if (p === undefined) return { label: "Other changes" };
  if (typeof p !== "string") return p;
  const d = dataPoint(p);
  if (!d) return { label: feature };
  return d.unit ? { label: d.label, unit: d.unit } : { label: d.label };
}

/** A feature's value as people read it: a stage's name, a yes/no flag, "–" when missing. */
export function featureValueText(feature: string, v: number): string {
  if (Number.isNaN(v)) return "–";
  if (feature === "stage") return STAGES[v] ?? String(v);
  if (feature === "idle" || feature === "tabHidden" || feature === "exitIntentRecent")
    return v > 0 ? "yes" : "no";
  if (feature === "returning") return v > 0 ? "returning" : "new";
  const r = Math.round(v * 100) / 100;
  const unit = featureLabel(feature).unit;
  return unit === "s" || unit === "ms" || unit === "%" ? `${r} ${unit}` : String(r);
}
