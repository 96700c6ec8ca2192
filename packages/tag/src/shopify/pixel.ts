/**
 * The Shopify checkout custom pixel (docs/install.md#shopify-checkout-custom-pixel). Shopify
 * runs checkout events only in its Customer Events sandbox, so the theme's tag never sees them:
 * this snippet, pasted as a custom pixel, reads the theme tag's visitor and session ids from the
 * storefront's storage (`browser.localStorage`, else `browser.cookie`), maps each checkout step
 * to the wire schema and sends it to the collector by keepalive fetch. The batch id comes from
 * Shopify's event id, so an event delivered twice is stored once. Without ids it sends under ids
 * of its own and stores them where the theme tag will find its visitor. It never throws.
 *
 * Built by ./build.ts with the site key and the collector endpoint filled in (esbuild `define`).
 */
import { KEY, rid } from "../core/ids.ts";
import { CHECKOUT_EVENTS, pageUrl, toEvent } from "./map.ts";
import type { PixelAnalytics, PixelBrowser, PixelEvent, PixelInit } from "./types.ts";

declare const analytics: PixelAnalytics;
declare const browser: PixelBrowser;
declare const init: PixelInit;
declare const __INTENTLY_SITE__: string;
declare const __INTENTLY_ENDPOINT__: string;

interface Ids {
  v: string;
  s: string;
}

const ok = (x: unknown): x is string => typeof x === "string" && x.length > 0 && x.length <= 128;

async function readIds(): Promise<Ids> {
  let raw: string | null | undefined;
  let r: Partial<Ids> & Record<string, unknown> = {};
  try {
    raw = await browser.localStorage.getItem(KEY);
  } catch {}
  try {
    // The theme tag's cookie fallback holds the record URI-encoded.
    raw ||= decodeURIComponent((await browser.cookie.get(KEY)) || "");
  } catch {}
  try {
    r = JSON.parse(raw as string) || {};
  } catch {}
  if (!ok(r.v) || !ok(r.s)) {
    // Own ids, stored without a session day: the theme tag keeps the visitor, starts a session.
    r = { v: ok(r.v) ? r.v : rid("v_"), s: rid("s_") };
  }
  // Checkout is activity: the theme tag keeps the session when the buyer comes back.
  r.t = Date.now();
  try {
    await browser.localStorage.setItem(KEY, JSON.stringify(r));
  } catch {}
  return r as Ids;
}

let ids: Promise<Ids> | undefined;

async function send(e: PixelEvent): Promise<void> {
  const now = Date.now();
  const ev = toEvent(e, now);
  if (!ev || !ok(e.id)) return;
  ids ||= readIds();
  const { v, s } = await ids;
  const body: Record<string, unknown> = {
    site: __INTENTLY_SITE__,
    batch: `b_shp_${e.id.slice(0, 120)}`,
    visitor: v,
    session: s,
    sentAt: now,
    events: [ev],
  };
  // The visitor's choice in Shopify's consent banner (init.customerPrivacy).
  if (init?.customerPrivacy?.analyticsProcessingAllowed === true) body.consent = true;
  const url = pageUrl(init?.context?.document?.location?.href);
  if (url) body.context = { url };
  await fetch(`${__INTENTLY_ENDPOINT__}/v1/collect`, {
    method: "POST",
    keepalive: true,
    body: JSON.stringify(body),
  });
}

for (const name of Object.keys(CHECKOUT_EVENTS)) {
  try {
    analytics.subscribe(name, (e) => {
      try {
        send(e).catch(() => {});
      } catch {}
    });
  } catch {}
}
