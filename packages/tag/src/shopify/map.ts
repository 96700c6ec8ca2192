/**
 * Maps Shopify's standard checkout events to the wire schema (@intently/engine's CommerceEvent):
 * checkout_started → begin_checkout, checkout_shipping_info_submitted → add_shipping_info,
 * payment_info_submitted → add_payment_info, checkout_completed → purchase (transaction_id =
 * the order id). Pure: every field is checked, anything malformed is left out.
 */
import type { CommerceEvent, Item } from "@intently/engine";
import type { Checkout, CheckoutLineItem, Money, PixelEvent } from "./types.ts";

export const CHECKOUT_EVENTS: Readonly<Record<string, CommerceEvent["type"]>> = {
  checkout_started: "begin_checkout",
  checkout_shipping_info_submitted: "add_shipping_info",
  payment_info_submitted: "add_payment_info",
  checkout_completed: "purchase",
};

/** Text within `max` characters, no NUL, no half surrogate pair left by the cut. */
export function text(x: unknown, max = 256): string | undefined {
  if (typeof x !== "string" && typeof x !== "number") return;
  const s = String(x)
    .replace(/\0/g, "")
    .slice(0, max)
    .replace(/[\uD800-\uDBFF]$/, "");
  return s || undefined;
}

const amount = (m: Money | undefined, max: number): number | undefined => {
  const n = m?.amount;
  return typeof n === "number" && n >= 0 && n <= max ? n : undefined;
};

function item(li: CheckoutLineItem): Item | undefined {
  const v = li?.variant;
  const id = text(v?.product?.id ?? v?.id ?? li?.id, 128);
  if (!id) return;
  const q = li.quantity;
  return {
    id,
    name: text(v?.product?.title ?? li.title),
    variant: text(v?.title),
    brand: text(v?.product?.vendor),
    category: text(v?.product?.type),
    price: amount(v?.price, 1e9),
    quantity: typeof q === "number" && Number.isInteger(q) && q >= 0 && q <= 1e4 ? q : undefined,
  };
}

/** The page the event happened on, without its query or hash (checkout tokens). */
export const pageUrl = (href: unknown): string =>
  typeof href === "string" ? href.split(/[?#]/)[0]!.slice(0, 2048) : "";

/** The wire event for a Shopify event, or undefined for one that is not a checkout step. */
export function toEvent(e: PixelEvent, now: number): CommerceEvent | undefined {
  const type = CHECKOUT_EVENTS[String(e?.name)];
  const c: Checkout | undefined = e?.data?.checkout;
  if (!type || !c || typeof c !== "object") return;
  const t = typeof e.timestamp === "string" ? Date.parse(e.timestamp) : Number.NaN;
  const cur = c.currencyCode ?? c.totalPrice?.currencyCode;
  const items = Array.isArray(c.lineItems)
    ? (c.lineItems as CheckoutLineItem[])
        .slice(0, 50)
        .map(item)
        .filter((i) => i !== undefined)
    : undefined;
  const url = pageUrl(e.context?.document?.location?.href);
  const ev: CommerceEvent = {
    type,
    t: t >= 0 ? t : now,
    page: url ? { url, type: type === "purchase" ? "confirmation" : "checkout" } : undefined,
    value: amount(c.totalPrice, 1e10),
    currency: typeof cur === "string" && /^[A-Z]{3}$/.test(cur) ? cur : undefined,
    tax: amount(c.totalTax, 1e10),
    shipping: amount(c.shippingLine?.price, 1e10),
    transaction_id: type === "purchase" ? text(c.order?.id, 128) : undefined,
    items,
  };
  // Absent, not undefined: JSON drops undefined anyway, but the batch id's content stays stable.
  return JSON.parse(JSON.stringify(ev)) as CommerceEvent;
}
