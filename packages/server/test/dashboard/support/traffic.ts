/** Shopper traffic for the live view: batches posted to /v1/collect as the tag sends them. */
import { SITE } from "./server.ts";

const UA =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
const SHOP = "http://127.0.0.1:9/shop";
let n = 0;

export const page = (t: number, path: string, type: string) => ({
  type: "page_view",
  t,
  page: { url: `${SHOP}${path}`, type },
});

export const addToCart = (t: number) => ({
  type: "add_to_cart",
  t,
  items: [{ id: "SKU-1", name: "Trail shoe", price: 89, quantity: 1, category: "Shoes" }],
});

export const beginCheckout = (t: number) => ({
  type: "begin_checkout",
  t,
  items: [{ id: "SKU-1", price: 89, quantity: 1 }],
});

/** Posts one batch of `events` for the session; returns the collector's answer. */
export async function sendBatch(
  url: string,
  ids: { visitor: string; session: string },
  events: object[],
): Promise<Record<string, unknown>> {
  const res = await fetch(`${url}/v1/collect`, {
    method: "POST",
    headers: { "content-type": "application/json", "user-agent": UA },
    body: JSON.stringify({
      site: SITE.publicKey,
      batch: `b_dash_${process.pid}_${++n}`,
      ...ids,
      sentAt: Date.now(),
      context: {
        url: `${SHOP}/`,
        lang: "en-GB",
        viewport: [1440, 900],
        tz: "Europe/London",
        ua: UA,
      },
      events,
    }),
  });
  const body = (await res.json()) as Record<string, unknown>;
  if (res.status !== 200)
    throw new Error(`collect answered ${res.status}: ${JSON.stringify(body)}`);
  return body;
}
