/**
 * The parts of Shopify's Web Pixels API the checkout pixel uses, as documented
 * (shopify.dev/docs/api/web-pixels-api): a custom pixel runs in a sandboxed iframe whose only
 * ways out are the `analytics`, `browser` and `init` globals. Everything in an event is outside
 * input: every field is optional here and checked before use.
 */

/** `MoneyV2`: `amount` is a number. */
export interface Money {
  amount?: unknown;
  currencyCode?: unknown;
}

export interface CheckoutLineItem {
  id?: unknown;
  quantity?: unknown;
  title?: unknown;
  variant?: {
    id?: unknown;
    title?: unknown;
    sku?: unknown;
    price?: Money;
    product?: { id?: unknown; title?: unknown; vendor?: unknown; type?: unknown };
  };
}

export interface Checkout {
  currencyCode?: unknown;
  totalPrice?: Money;
  totalTax?: Money;
  shippingLine?: { price?: Money };
  order?: { id?: unknown };
  lineItems?: unknown;
}

export interface Location {
  href?: unknown;
}

/** A standard event: `checkout_started`, `checkout_completed`, … */
export interface PixelEvent {
  id?: unknown;
  name?: unknown;
  timestamp?: unknown;
  context?: { document?: { location?: Location } };
  data?: { checkout?: Checkout };
}

export interface PixelAnalytics {
  subscribe(name: string, handler: (event: PixelEvent) => void): unknown;
}

/** `browser.localStorage` / `browser.cookie`: the storefront's storage, every call a Promise. */
export interface PixelBrowser {
  localStorage: {
    getItem(key: string): Promise<string | null>;
    setItem(key: string, value: string): Promise<void>;
  };
  cookie: { get(name: string): Promise<string> };
}

export interface PixelInit {
  context?: { document?: { location?: Location } };
  customerPrivacy?: { analyticsProcessingAllowed?: unknown };
}
