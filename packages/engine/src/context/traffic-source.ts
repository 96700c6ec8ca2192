/**
 * Traffic-source classification from the landing URL's UTM parameters and the referrer,
 * following the channel definitions analytics teams already use (GA4 default channel groups,
 * simplified to SPEC §4.1's ten channels). UTM tags win over the referrer.
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
const SOCIAL_SITES =
  /(^|\.)(facebook|fb|instagram|t\.co|twitter|x|linkedin|lnkd|pinterest|reddit|tiktok|youtube|snapchat|threads|whatsapp|telegram|vk|weibo|tumblr|quora)\.|^t\.co$|^x\.com$|^lnkd\.in$/;
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
 * @param landingUrl the first page's URL (with its query string, before scrubbing of PII)
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
    SOCIAL_SITES.test(`${utmSource}.`) ||
    SOCIAL_SITES.test(utmSource) ||
    SOCIAL_SITES.test(`${refHost}.`) ||
    SOCIAL_SITES.test(refHost);

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
  else if (isSearchName) source = "organic-search";
  else if (isSocialName) source = "organic-social";
  else if (EMAIL_HOSTS.test(`${refHost}.`)) source = "email";
  else source = "referral";

  return { source, sourceName, medium: utmMedium, campaign };
}
