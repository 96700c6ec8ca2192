/**
 * Page views (docs/product/tag.md#capture): scrubbed URL and referrer, page type from the dataLayer
 * (`page_type`) or the config's URL rules; starts a new session on landing after inactivity, at
 * midnight or with a new campaign (utm_source / utm_campaign). In-page (history API) navigations
 * and back/forward-cache restores are handled by the lazy `spa` module.
 */
import { expired, rec, rotate } from "../core/ids.ts";
import type { Ctx, Draft, Module, PageType } from "../types.ts";
import { scrub } from "./url.ts";

/** Default URL rules: regex source (case-insensitive) on path + query → type; first wins. */
export const PAGE_RULES: [string, PageType][] = [
  ["^/?$", "home"],
  ["/(confirm|thank)", "confirmation"],
  ["/checkout", "checkout"],
  ["/(cart|basket)", "cart"],
  ["/search|[?&]q=", "search"],
  ["/products?/", "product"],
  ["/(categor|collection)", "category"],
];
const TYPES =
  "home category search product cart checkout confirmation content landing account not_found other";
const CAMPAIGN = ["utm_source", "utm_campaign"];

let ctx: Ctx | undefined;
let t0 = 0;

/** `page_type` / `page_category` declared in the dataLayer (last one wins). */
function declared(key: string): string | undefined {
  let v: unknown;
  const dl = (window as unknown as Record<string, unknown>)[ctx?.cfg.dataLayer ?? ""];
  if (Array.isArray(dl)) for (const x of dl) v = x?.[key] ?? v;
  return v == null ? undefined : String(v).slice(0, 256);
}

function pageType(): PageType | undefined {
  const t = declared("page_type");
  if (t) return (TYPES.split(" ").includes(t) ? t : "other") as PageType;
  const path = location.pathname + location.search;
  return ctx?.cfg.pageTypes.find(([re]) => new RegExp(re, "i").test(path))?.[1];
}

/** Emits a page view of the current location (`referrer` is a raw URL, scrubbed here). */
export function view(referrer = ""): void {
  t0 = Date.now();
  ctx?.emit({
    type: "page_view",
    page: { url: scrub(location.href), type: pageType(), category: declared("page_category") },
    referrer: scrub(referrer),
  });
}

/** Time on page and scroll depth, sent at page hide. */
export const engagement = (): Draft => ({
  type: "page_engagement",
  ms: Math.min(Date.now() - t0, 8.64e7),
  depth: ctx?.maxDepth?.(),
});

export const page: Module = {
  start(c) {
    ctx = c;
    const q = new URLSearchParams(location.search);
    const camp = CAMPAIGN.map((k) => q.get(k) ?? "").join("|");
    const now = Date.now();
    if (expired(now, c.cfg.sessionMs) || (camp !== "|" && camp !== rec.c)) {
      rotate(now, scrub(location.href), scrub(document.referrer), camp === "|" ? rec.c : camp);
    }
    view(document.referrer);
  },
  stop() {
    ctx = undefined;
  },
};
