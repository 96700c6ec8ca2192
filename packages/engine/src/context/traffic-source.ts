/**
 * Traffic-source classification from the landing URL's UTM parameters and the referrer,
 * following the channel definitions analytics teams already use (GA4 default channel groups,
 * simplified to the ten channels of docs/product/engine.md#data-points). UTM tags win over the
 * referrer.
 */

export const TRAFFIC_SOURCES = [
  "direct",
  "organic-search",
  "paid-search",
  "organic-social",
  "paid-social",
  "email",
  "affiliate",
  "referral",
  "display",
  "other",
] as const;
export type TrafficSource = (typeof TRAFFIC_SOURCES)[number];

export interface TrafficInfo {
  source: TrafficSource;
  /** utm_source or the referrer's host (without www.), "" for direct. */
  sourceName: string;
  medium: string;
  campaign: string;
}

const SEARCH_ENGINES =
  /(^|\.)(google|bing|yahoo|duckduckgo|baidu|yandex|ecosia|qwant|naver|seznam|startpage|search\.brave|ask)\./;
/** Social networks by host (any subdomain) and the short hosts they use for links. */
const SOCIAL_HOSTS =
  /(^|\.)(facebook|instagram|twitter|linkedin|pinterest|reddit|tiktok|youtube|snapchat|threads|whatsapp|telegram|weibo|tumblr|quora)\.[a-z.]+$|^(t\.co|x\.com|lnkd\.in|fb\.me|fb\.com|vk\.com|youtu\.be)$/;
/** utm_source values that name a social network. */
const SOCIAL_NAMES = new Set([
  "facebook",
  "fb",
  "meta",
  "instagram",
  "ig",
  "twitter",
  "x",
  "linkedin",
  "pinterest",
  "reddit",
  "tiktok",
  "youtube",
  "snapchat",
  "threads",
  "whatsapp",
  "telegram",
  "vk",
  "weibo",
  "tumblr",
  "quora",
]);
const EMAIL_HOSTS = /(^|\.)(mail\.google|outlook\.live|mail\.yahoo|webmail|mail)\./;

/** GA4's paid-medium pattern: anything with "cp", ppc, retargeting, or starting with "paid". */
const PAID_MEDIA = /^(.*cp.*|ppc|retargeting|paid.*|sem)$/;
const SOCIAL_MEDIA = /^(social|social-network|social-media|sm|social_network|social_media)$/;
const DISPLAY_MEDIA = /^(display|banner|cpm|interstitial|expandable)$/;

function hostOf(url: string | undefined): string {
  if (!url) return "";
  try {
    return new URL(url).hostname.toLowerCase().replace(/^www\./, "");
  } catch {
    return "";
  }
}

function utmOf(url: string | undefined): URLSearchParams | null {
  if (!url?.includes("?")) return null;
  try {
    return new URL(url).searchParams;
  } catch {
    return null;
  }
}

/**
 * @param landingUrl the first page's URL with its query string (scrubbed of PII: parameters stay,
 *   only values may be "redacted", and only the presence of click ids is read)
 * @param referrer document.referrer of the first page
 */
export function classifyTraffic(
  landingUrl: string | undefined,
  referrer: string | undefined,
): TrafficInfo {
  const params = utmOf(landingUrl);
  const utmSource = (params?.get("utm_source") ?? "").toLowerCase().slice(0, 100);
  const utmMedium = (params?.get("utm_medium") ?? "").toLowerCase().slice(0, 100);
  const campaign = (params?.get("utm_campaign") ?? "").slice(0, 100);
  const gclid = params?.has("gclid") || params?.has("msclkid") || params?.has("gbraid");
  const fbclid = params?.has("fbclid") || params?.has("ttclid");
  const refHost = hostOf(referrer);
  const landingHost = hostOf(landingUrl);
  const internal = refHost !== "" && refHost === landingHost;

  const sourceName = utmSource || (internal ? "" : refHost);
  const isSearchName = SEARCH_ENGINES.test(`${utmSource}.`) || SEARCH_ENGINES.test(`${refHost}.`);
  const isSocialName =
    SOCIAL_NAMES.has(utmSource) || SOCIAL_HOSTS.test(utmSource) || SOCIAL_HOSTS.test(refHost);

  let source: TrafficSource;
  if (utmMedium) {
    if (utmMedium === "email" || utmMedium === "e-mail" || utmMedium === "newsletter")
      source = "email";
    else if (utmMedium === "affiliate" || utmMedium === "affiliates" || utmMedium === "partner")
      source = "affiliate";
    else if (DISPLAY_MEDIA.test(utmMedium) && !isSocialName) source = "display";
    else if (PAID_MEDIA.test(utmMedium)) source = isSocialName ? "paid-social" : "paid-search";
    else if (SOCIAL_MEDIA.test(utmMedium)) source = "organic-social";
    else if (utmMedium === "organic") source = isSocialName ? "organic-social" : "organic-search";
    else if (utmMedium === "referral") source = "referral";
    else if (utmMedium === "(none)" || utmMedium === "none") source = "direct";
    else source = "other";
  } else if (gclid) source = "paid-search";
  else if (fbclid) source = "paid-social";
  else if (utmSource)
    source = isSearchName ? "organic-search" : isSocialName ? "organic-social" : "other";
  else if (!refHost || internal) source = "direct";
  // Webmail before search engines: mail.google.com is Google, but the visit came from an e-mail.
  else if (EMAIL_HOSTS.test(`${refHost}.`)) source = "email";
  else if (isSearchName) source = "organic-search";
  else if (isSocialName) source = "organic-social";
  else source = "referral";

  return { source, sourceName, medium: utmMedium, campaign };
}
