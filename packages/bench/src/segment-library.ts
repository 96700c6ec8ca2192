/**
 * Fifty realistic custom segments, as a CRO team would build them on the data-point catalogue.
 * Used by `bench segments` (same logic in GrowthBook conditions and JsonLogic) and by tests.
 */
export const SEGMENT_LIBRARY: { id: string; condition: Record<string, unknown> }[] = [
  {
    id: "sb-mobile-paid-social-100",
    condition: {
      segment: "struggling-buyers",
      deviceType: "mobile",
      trafficSource: "paid-social",
      cartValue: { $gte: 100 },
    },
  },
  {
    id: "abandoning-high-value",
    condition: { segment: "abandoning-buyers", cartValue: { $gte: 150 } },
  },
  {
    id: "wavering-returning",
    condition: { segment: "wavering-considerers", visitorType: "returning" },
  },
  {
    id: "new-mobile-browsers",
    condition: { phase: "engage", visitorType: "new", deviceType: "mobile" },
  },
  { id: "email-high-intent", condition: { trafficSource: "email", intentLevel: "high" } },
  {
    id: "paid-search-bouncers",
    condition: { trafficSource: "paid-search", pageViews: { $lte: 1 }, state: "abandon" },
  },
  { id: "zero-result-searchers", condition: { zeroResultSearches: { $gte: 1 } } },
  { id: "rage-at-checkout", condition: { stage: "committing", rageClicks: { $gte: 1 } } },
  { id: "form-errors-checkout", condition: { stage: "committing", formErrors: { $gte: 2 } } },
  { id: "js-errors-any", condition: { jsErrors: { $gt: 0 } } },
  { id: "luxury-browsers", condition: { priceBand: "luxury", productViews: { $gte: 2 } } },
  {
    id: "budget-deal-hunters",
    condition: {
      priceBand: { $in: ["budget", "mid"] },
      trafficSource: { $in: ["affiliate", "display"] },
    },
  },
  { id: "shoe-lovers", condition: { topCategory: "Shoes", productViews: { $gte: 3 } } },
  { id: "multi-category", condition: { categoryCount: { $gte: 3 } } },
  { id: "high-xc-not-carted", condition: { xCBand: { $in: ["high", "very-high"] }, cartItems: 0 } },
  { id: "rising-intent", condition: { xCTrend: "rising", phase: "build-intent" } },
  { id: "exit-risk-cart", condition: { xEBand: "very-high", cartItems: { $gt: 0 } } },
  {
    id: "long-researchers",
    condition: { timeOnSiteSec: { $gte: 600 }, productViews: { $gte: 8 }, cartAdds: 0 },
  },
  {
    id: "quick-deciders",
    condition: { timeOnSiteSec: { $lt: 120 }, stage: { $in: ["deciding", "committing"] } },
  },
  {
    id: "returning-buyers",
    condition: { previousPurchases: { $gte: 1 }, phase: { $in: ["maintain-intent", "convert"] } },
  },
  { id: "loyal-gold", condition: { "props.customer_tier": "gold" } },
  {
    id: "gold-or-silver-carted",
    condition: { "props.customer_tier": { $in: ["gold", "silver"] }, cartItems: { $gte: 1 } },
  },
  {
    id: "treatment-exposed",
    condition: { experiments: { $in: ["exp-checkout-trust:treatment"] } },
  },
  {
    id: "control-struggling",
    condition: { experiments: { $in: ["exp-checkout-trust:control"] }, state: "struggle" },
  },
  {
    id: "desktop-windows-chrome",
    condition: { deviceType: "desktop", os: "Windows", browser: "Chrome" },
  },
  { id: "ios-safari-checkout", condition: { os: "iOS", browser: "Safari", stage: "committing" } },
  { id: "uk-english", condition: { country: "GB", language: { $regex: "^en" } } },
  { id: "non-english", condition: { language: { $not: { $regex: "^en" } } } },
  { id: "sale-landing", condition: { landingPage: { $regex: "^/sale" } } },
  {
    id: "landed-on-product",
    condition: { landingPageType: "product", phase: { $ne: "converted" } },
  },
  { id: "campaign-bf", condition: { campaign: { $regexi: "black.?friday" } } },
  {
    id: "organic-engaged",
    condition: {
      trafficSource: { $in: ["organic-search", "organic-social"] },
      pageViews: { $gte: 5 },
    },
  },
  {
    id: "social-struggling",
    condition: { trafficSource: { $in: ["organic-social", "paid-social"] }, state: "struggle" },
  },
  { id: "dead-clickers", condition: { deadClicks: { $gte: 2 } } },
  { id: "thrashers", condition: { thrashedCursor: { $gte: 1 }, deviceType: "desktop" } },
  { id: "u-turners", condition: { uTurns: { $gte: 2 } } },
  { id: "back-and-forth-deciders", condition: { backAndForth: { $gte: 1 }, stage: "deciding" } },
  { id: "not-found-victims", condition: { notFoundPages: { $gte: 1 } } },
  { id: "exit-intent-recent", condition: { exitIntentsSecondsAgo: { $lte: 30 } } },
  { id: "cart-emptiers", condition: { cartEmptied: { $gte: 1 } } },
  { id: "hidden-tab-cart", condition: { tabHidden: true, cartItems: { $gt: 0 } } },
  { id: "many-searches-no-cart", condition: { searches: { $gte: 3 }, cartAdds: 0 } },
  { id: "filter-heavy", condition: { filterSorts: { $gte: 4 } } },
  {
    id: "big-basket",
    condition: { $or: [{ cartItems: { $gte: 4 } }, { cartValue: { $gte: 300 } }] },
  },
  {
    id: "small-basket-committing",
    condition: {
      $and: [{ cartValue: { $gt: 0 } }, { cartValue: { $lt: 30 } }, { stage: "committing" }],
    },
  },
  { id: "not-mobile-not-bot", condition: { $nor: [{ deviceType: "mobile" }, { isBot: true }] } },
  {
    id: "focused-considerers-tablet",
    condition: { segment: "focused-considerers", deviceType: "tablet" },
  },
  {
    id: "struggling-explorers-search",
    condition: { segment: "struggling-explorers", searches: { $gte: 1 } },
  },
  {
    id: "drifting-explorers-returning",
    condition: { segment: "drifting-explorers", previousSessions: { $gte: 2 } },
  },
  { id: "hesitant-clickers", condition: { avgHesitationMs: { $gte: 1500 }, clicks: { $gte: 3 } } },
];
