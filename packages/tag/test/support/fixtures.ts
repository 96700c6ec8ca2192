/**
 * dataLayer pushes per source format, written from each vendor's published documentation
 * (the shapes and field names of their examples; values are ours), with the events the tag
 * must send for them. Replayed in Node through the adapters (formats.test.ts) and in Chromium
 * through the built tag (formats-browser.test.ts). `{gtag: [...]}` stands for a gtag() call.
 *
 * Sources (also listed in docs/install.md):
 * - GA4 via Tag Manager and gtag.js: "Measure ecommerce", Google Analytics developer docs,
 *   https://developers.google.com/analytics/devguides/collection/ga4/ecommerce?client_type=gtm
 *   and ?client_type=gtag; refunds: …/ga4/ecommerce#refund (in the same guide).
 * - Universal Analytics Enhanced Ecommerce for Tag Manager, developer guide,
 *   https://developers.google.com/analytics/devguides/collection/ua/gtm/enhanced-ecommerce
 * - Elevar data layer (non-Shopify and headless implementations, checkout funnel events),
 *   https://docs.getelevar.com/docs/part-2-implementing-the-data-layer-1 and
 *   https://docs.getelevar.com/docs/part-4-implementing-the-checkout-funnel-events-data-layer-1
 * - Orders pushed without an `event` (Magento / Adobe Commerce modules): the UA guide's
 *   "Measuring Purchases" push (`ecommerce.purchase` read with the page view, no event), and
 *   GTM's classic ecommerce keys (`transactionId`, `transactionTotal`, `transactionProducts`)
 *   as MagePal's Magento 2 GTM module lists them
 *   (https://github.com/magepal/magento2-google-tag-manager, README, "Order").
 */
import assert from "node:assert/strict";

export interface Fixture {
  name: string;
  pushes: unknown[];
  /** Each sent event contains these fields (a subset match), in this order. */
  expected: Record<string, unknown>[];
}

const ga4Item = {
  item_id: "SKU_12345",
  item_name: "Stan and Friends Tee",
  affiliation: "Google Merchandise Store",
  coupon: "SUMMER_FUN",
  discount: 2.22,
  index: 0,
  item_brand: "Google",
  item_category: "Apparel",
  item_list_name: "Related Products",
  item_variant: "green",
  price: 10.01,
  quantity: 3,
};
const ga4Wire = {
  id: "SKU_12345",
  name: "Stan and Friends Tee",
  brand: "Google",
  category: "Apparel",
  variant: "green",
  price: 10.01,
  quantity: 3,
  coupon: "SUMMER_FUN",
  discount: 2.22,
  list: "Related Products",
};
const order = {
  transaction_id: "T_12345",
  value: 72.05,
  tax: 3.6,
  shipping: 5.99,
  currency: "USD",
  coupon: "SUMMER_SALE",
  items: [ga4Item],
};

export const GA4_GTM: Fixture = {
  name: "GA4 through Tag Manager",
  pushes: [
    { ecommerce: null },
    { event: "view_item", ecommerce: { currency: "USD", value: 30.03, items: [ga4Item] } },
    { ecommerce: null },
    { event: "add_to_wishlist", ecommerce: { currency: "USD", value: 30.03, items: [ga4Item] } },
    { ecommerce: null },
    {
      event: "view_promotion",
      ecommerce: {
        creative_name: "Summer Banner",
        creative_slot: "featured_app_1",
        promotion_id: "P_12345",
        promotion_name: "Summer Sale",
        items: [ga4Item],
      },
    },
    { ecommerce: null },
    { event: "purchase", ecommerce: order },
    { ecommerce: null },
    // A partial refund names the items; a full refund only the transaction.
    {
      event: "refund",
      ecommerce: { currency: "USD", transaction_id: "T_12345", value: 30.03, items: [ga4Item] },
    },
  ],
  expected: [
    { type: "view_item", source: "ga4", value: 30.03, currency: "USD", items: [ga4Wire] },
    { type: "add_to_wishlist", source: "ga4", value: 30.03 },
    {
      type: "view_promotion",
      promotions: [
        { id: "P_12345", name: "Summer Sale", creative: "Summer Banner", slot: "featured_app_1" },
      ],
    },
    {
      type: "purchase",
      transaction_id: "T_12345",
      value: 72.05,
      tax: 3.6,
      shipping: 5.99,
      coupon: "SUMMER_SALE",
      items: [ga4Wire],
    },
    { type: "refund", transaction_id: "T_12345", value: 30.03 },
  ],
};

export const GA4_GTAG: Fixture = {
  name: "GA4 through gtag.js",
  pushes: [
    { gtag: ["event", "add_to_cart", { currency: "USD", value: 30.03, items: [ga4Item] }] },
    {
      gtag: [
        "event",
        "select_promotion",
        { promotion_id: "P_12345", promotion_name: "Summer Sale", items: [ga4Item] },
      ],
    },
    { gtag: ["event", "begin_checkout", { currency: "USD", value: 30.03, items: [ga4Item] }] },
    { gtag: ["event", "purchase", { ...order, transaction_id: "T_67890" }] },
  ],
  expected: [
    { type: "add_to_cart", source: "gtag", value: 30.03, items: [ga4Wire] },
    { type: "select_promotion", promotions: [{ id: "P_12345", name: "Summer Sale" }] },
    { type: "begin_checkout", source: "gtag" },
    { type: "purchase", source: "gtag", transaction_id: "T_67890", value: 72.05 },
  ],
};

const uaProduct = {
  name: "Triblend Android T-Shirt",
  id: "12345",
  price: "15.25",
  brand: "Google",
  category: "Apparel",
  variant: "Gray",
  quantity: 1,
};
const uaWire = {
  id: "12345",
  name: "Triblend Android T-Shirt",
  price: 15.25,
  brand: "Google",
  category: "Apparel",
  variant: "Gray",
  quantity: 1,
};

export const UA_EE: Fixture = {
  name: "Universal Analytics Enhanced Ecommerce",
  pushes: [
    {
      ecommerce: {
        currencyCode: "EUR",
        impressions: [
          { ...uaProduct, list: "Search Results", position: 1, quantity: undefined },
          {
            name: "Donut Friday Scented T-Shirt",
            id: "67890",
            price: "33.75",
            list: "Search Results",
          },
        ],
      },
    },
    {
      event: "productClick",
      ecommerce: { click: { actionField: { list: "Search Results" }, products: [uaProduct] } },
    },
    { ecommerce: { detail: { actionField: { list: "Apparel Gallery" }, products: [uaProduct] } } },
    { event: "addToCart", ecommerce: { currencyCode: "EUR", add: { products: [uaProduct] } } },
    { event: "removeFromCart", ecommerce: { remove: { products: [uaProduct] } } },
    {
      ecommerce: {
        promoView: {
          promotions: [
            { id: "JUNE_PROMO13", name: "June Sale", creative: "banner1", position: "slot1" },
          ],
        },
      },
    },
    {
      event: "promotionClick",
      ecommerce: {
        promoClick: {
          promotions: [
            { id: "JUNE_PROMO13", name: "June Sale", creative: "banner1", position: "slot1" },
          ],
        },
      },
    },
    {
      event: "checkout",
      ecommerce: { checkout: { actionField: { step: 1, option: "Visa" }, products: [uaProduct] } },
    },
    {
      ecommerce: {
        purchase: {
          actionField: {
            id: "T12345",
            affiliation: "Online Store",
            revenue: "35.43",
            tax: "4.90",
            shipping: "5.99",
            coupon: "SUMMER_SALE",
          },
          products: [uaProduct],
        },
      },
    },
    { ecommerce: { refund: { actionField: { id: "T12345" } } } },
  ],
  expected: [
    {
      type: "view_item_list",
      source: "ua",
      currency: "EUR",
      item_list_name: "Search Results",
      items: [
        { id: "12345", list: "Search Results" },
        { id: "67890", price: 33.75 },
      ],
    },
    { type: "select_item", item_list_name: "Search Results", items: [uaWire] },
    { type: "view_item", item_list_name: "Apparel Gallery", items: [uaWire] },
    { type: "add_to_cart", currency: "EUR", items: [uaWire] },
    { type: "remove_from_cart", items: [uaWire] },
    {
      type: "view_promotion",
      promotions: [{ id: "JUNE_PROMO13", name: "June Sale", creative: "banner1", slot: "slot1" }],
    },
    { type: "select_promotion", promotions: [{ id: "JUNE_PROMO13" }] },
    { type: "begin_checkout", items: [uaWire] },
    {
      type: "purchase",
      source: "ua",
      transaction_id: "T12345",
      value: 35.43,
      tax: 4.9,
      shipping: 5.99,
      coupon: "SUMMER_SALE",
      items: [uaWire],
    },
    { type: "refund", transaction_id: "T12345" },
  ],
};

const dlProduct = {
  id: "LB00161-34689553170476",
  name: "Lovebird - Cream",
  brand: "Elevar Shop",
  category: "Women's Shoes",
  variant: "7",
  price: "44.0",
  quantity: "1",
  list: "/collections/womens",
  product_id: "6987195908140",
  variant_id: "40981215723564",
};
const dlWire = {
  id: "LB00161-34689553170476",
  name: "Lovebird - Cream",
  brand: "Elevar Shop",
  category: "Women's Shoes",
  variant: "7",
  price: 44,
  quantity: 1,
  list: "/collections/womens",
};

export const ELEVAR: Fixture = {
  name: "Elevar-style dl_* events",
  pushes: [
    { event: "dl_user_data", user_properties: { visitor_type: "guest" } },
    {
      event: "dl_view_item_list",
      ecommerce: { currencyCode: "USD", impressions: [{ ...dlProduct, position: 1 }] },
    },
    {
      event: "dl_view_item",
      ecommerce: {
        currencyCode: "USD",
        detail: {
          actionField: { list: "/collections/womens", action: "detail" },
          products: [dlProduct],
        },
      },
    },
    {
      event: "dl_add_to_cart",
      ecommerce: {
        currencyCode: "USD",
        add: { actionField: { list: "/collections/womens" }, products: [dlProduct] },
      },
    },
    {
      event: "dl_view_cart",
      ecommerce: {
        currencyCode: "USD",
        actionField: { list: "Shopping Cart" },
        impressions: [dlProduct],
      },
    },
    {
      event: "dl_begin_checkout",
      ecommerce: {
        currencyCode: "USD",
        checkout: { actionField: { step: "1" }, products: [dlProduct] },
      },
    },
    {
      event: "dl_add_shipping_info",
      ecommerce: {
        currencyCode: "USD",
        checkout: { actionField: { step: "2" }, products: [dlProduct] },
      },
    },
    {
      event: "dl_purchase",
      ecommerce: {
        currencyCode: "USD",
        purchase: {
          actionField: {
            action: "purchase",
            id: "1001",
            affiliation: "Elevar Shop",
            revenue: "53.99",
            tax: "4.00",
            shipping: "5.99",
            sub_total: "44.0",
            coupon: "WELCOME",
          },
          products: [dlProduct],
        },
      },
    },
  ],
  expected: [
    { type: "view_item_list", source: "elevar", currency: "USD", items: [dlWire] },
    { type: "view_item", source: "elevar", item_list_name: "/collections/womens", items: [dlWire] },
    { type: "add_to_cart", source: "elevar", items: [dlWire] },
    { type: "view_cart", item_list_name: "Shopping Cart", items: [dlWire] },
    { type: "begin_checkout", items: [dlWire] },
    { type: "add_shipping_info", items: [dlWire] },
    {
      type: "purchase",
      source: "elevar",
      transaction_id: "1001",
      value: 53.99,
      tax: 4,
      shipping: 5.99,
      coupon: "WELCOME",
      currency: "USD",
      items: [dlWire],
    },
  ],
};

export const NO_EVENT_ORDERS: Fixture = {
  name: "Orders pushed without an event (Magento modules)",
  pushes: [
    {
      ecommerce: {
        currencyCode: "EUR",
        purchase: {
          actionField: { id: "000000042", revenue: 129.9, tax: 20.74, shipping: 5 },
          products: [{ id: "MH01", name: "Chaz Kangeroo Hoodie", price: 52.45, quantity: 2 }],
        },
      },
    },
    {
      transactionId: "000000043",
      transactionAffiliation: "Main Website Store",
      transactionTotal: "64.00",
      transactionTax: 0,
      transactionShipping: 10,
      transactionProducts: [{ sku: "WJ12", name: "Olivia 1/4 Zip", price: "54.00", quantity: 1 }],
    },
  ],
  expected: [
    {
      type: "purchase",
      source: "ua",
      transaction_id: "000000042",
      value: 129.9,
      currency: "EUR",
      items: [{ id: "MH01", name: "Chaz Kangeroo Hoodie", price: 52.45, quantity: 2 }],
    },
    {
      type: "purchase",
      source: "ua",
      transaction_id: "000000043",
      value: 64,
      shipping: 10,
      items: [{ id: "WJ12", name: "Olivia 1/4 Zip", price: 54, quantity: 1 }],
    },
  ],
};

export const FIXTURES = [GA4_GTM, GA4_GTAG, UA_EE, ELEVAR, NO_EVENT_ORDERS];

/** `actual` contains `expected` (objects by key, arrays element by element, same length). */
export function contains(actual: unknown, expected: unknown, path = "$"): void {
  if (Array.isArray(expected)) {
    assert.ok(Array.isArray(actual), `${path}: array expected`);
    assert.equal(actual.length, expected.length, `${path}: length`);
    for (const [i, x] of expected.entries()) contains(actual[i], x, `${path}[${i}]`);
  } else if (expected && typeof expected === "object") {
    assert.ok(actual && typeof actual === "object", `${path}: object expected`);
    for (const [k, v] of Object.entries(expected))
      contains((actual as Record<string, unknown>)[k], v, `${path}.${k}`);
  } else assert.equal(actual, expected, path);
}
