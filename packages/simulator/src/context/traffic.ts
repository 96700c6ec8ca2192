/**
 * How a session arrives: the landing URL's query string (utm_* parameters, click ids) and the
 * referrer, for the traffic sources shops see. The engine classifies them back into channels.
 */
import { TRAFFIC_SOURCES, type TrafficSource } from "@intently/engine";
import type { Random } from "../random.ts";

/** The engine's channels that arrivals are made for ("other" is what it cannot classify). */
export type SourceKind = Exclude<TrafficSource, "other">;
export const SOURCE_KINDS: readonly SourceKind[] = TRAFFIC_SOURCES.filter(
  (s): s is SourceKind => s !== "other",
);
export type SourceMix = Partial<Record<SourceKind, number>>;

export interface Arrival {
  kind: SourceKind;
  /** Query string to append to the landing path ("" or "?…"). */
  query: string;
  referrer?: string;
}

const SEARCH_REFERRERS = [
  "https://www.google.com/",
  "https://www.google.com/",
  "https://www.google.co.uk/",
  "https://www.bing.com/",
  "https://duckduckgo.com/",
];
const SOCIAL_REFERRERS = [
  "https://l.facebook.com/",
  "https://www.instagram.com/",
  "https://www.pinterest.com/",
  "https://www.tiktok.com/",
];
const REFERRAL_SITES = [
  "https://www.vogue.co.uk/fashion/shopping",
  "https://www.theguardian.com/fashion",
  "https://www.whowhatwear.co.uk/",
  "https://stylebloggers.example/best-autumn-buys",
  "https://www.hotukdeals.com/deals",
];
const AFFILIATES = ["awin", "rakuten", "impact", "cj"];
const CAMPAIGNS = [
  "autumn-edit",
  "black-friday",
  "new-season",
  "brand",
  "bestsellers",
  "clearance",
];

const qs = (params: Record<string, string>) =>
  `?${Object.entries(params)
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join("&")}`;

export function arrive(rng: Random, kind: SourceKind): Arrival {
  switch (kind) {
    case "direct":
      return { kind, query: "" };
    case "organic-search":
      return { kind, query: "", referrer: rng.pick(SEARCH_REFERRERS) };
    case "paid-search": {
      const bing = rng.chance(0.12);
      return {
        kind,
        query: qs({
          utm_source: bing ? "bing" : "google",
          utm_medium: "cpc",
          utm_campaign: rng.pick(CAMPAIGNS),
          [bing ? "msclkid" : "gclid"]: `Cj0K${rng.token(24)}`,
        }),
        referrer: bing ? "https://www.bing.com/" : "https://www.google.com/",
      };
    }
    case "organic-social":
      return { kind, query: "", referrer: rng.pick(SOCIAL_REFERRERS) };
    case "paid-social": {
      const source = rng.chance(0.55) ? "facebook" : "instagram";
      return {
        kind,
        query: qs({
          utm_source: source,
          utm_medium: "paid",
          utm_campaign: rng.pick(CAMPAIGNS),
          fbclid: `IwAR${rng.token(24)}`,
        }),
        referrer: source === "facebook" ? "https://m.facebook.com/" : "https://www.instagram.com/",
      };
    }
    case "email":
      return {
        kind,
        query: qs({
          utm_source: "newsletter",
          utm_medium: "email",
          utm_campaign: `weekly-${rng.range(1, 52)}`,
        }),
      };
    case "affiliate":
      return {
        kind,
        query: qs({
          utm_source: rng.pick(AFFILIATES),
          utm_medium: "affiliate",
          utm_campaign: "vouchers",
        }),
        referrer: "https://www.vouchercodes.co.uk/",
      };
    case "display":
      return {
        kind,
        query: qs({ utm_source: "criteo", utm_medium: "display", utm_campaign: "retargeting" }),
      };
    case "referral":
      return { kind, query: "", referrer: rng.pick(REFERRAL_SITES) };
  }
}
