/**
 * Page types from the URL layouts of the common shop platforms, as data (issue 19). The tag's core
 * has no byte left for them, so the server applies this table: a page view that arrives without a
 * type, or `other`, is typed from its URL; a confirmation URL of a platform also wins over the tag's
 * generic `checkout` / `cart` rule (Magento's `/checkout/onepage/success/`, WooCommerce's
 * `/checkout/order-received/N/`), so a buyer is not left in Committing. Each platform's documented
 * URL structure is cited in docs/install.md#page-types.
 *
 * Rules are tried in order on the path and query (case-insensitive); the first match wins. A rule
 * marked `own` is only safe when the site's platform is known (Magento's `.html` products share the
 * suffix with categories): it is skipped when trying every platform (`auto`). The site's platform
 * setting (store SiteSettings.platform) picks one platform's rules, `auto` (the default) every
 * platform's safe ones, and `custom` none: such a site types its pages itself.
 */
import type { PageType } from "../schema/events.ts";

export const PLATFORMS = ["shopify", "woocommerce", "magento", "bigcommerce", "sfcc"] as const;
export type Platform = (typeof PLATFORMS)[number];
/** A site's platform setting: one platform, every platform's safe rules, or none. */
export const PLATFORM_SETTINGS = ["auto", ...PLATFORMS, "custom"] as const;
export type PlatformSetting = (typeof PLATFORM_SETTINGS)[number];

interface Rule {
  platform: Platform;
  pattern: RegExp;
  type: PageType;
  own?: boolean;
}

const rule = (platform: Platform, pattern: string, type: PageType, own = false): Rule => ({
  platform,
  pattern: new RegExp(pattern, "i"),
  type,
  own,
});

/**
 * The one table. Confirmation rules and other paths under `/checkout/` first: they must win over
 * the platforms' plain `/checkout` rules when every platform is tried.
 */
export const PAGE_TYPE_RULES: readonly Rule[] = [
  // Shopify: checkout thank-you and order status pages.
  rule("shopify", "^/checkouts/(c/)?[^/]+/thank[-_]you", "confirmation"),
  rule("shopify", "^/\\d+/orders/[^/]+", "confirmation"),
  // WooCommerce: the order-received endpoint of the checkout page.
  rule("woocommerce", "^/checkout/order-received(/|$)", "confirmation"),
  // Magento / Adobe Commerce: the one-page checkout's success page.
  rule("magento", "^/checkout/onepage/success", "confirmation"),
  rule("magento", "^/multishipping/checkout/success", "confirmation"),
  rule("magento", "^/checkout/cart(/|$)", "cart"),
  // BigCommerce: Optimized One-Page Checkout's confirmation, and the legacy finish page.
  rule("bigcommerce", "^/checkout/order-confirmation", "confirmation"),
  rule("bigcommerce", "^/finishorder\\.php", "confirmation"),
  // Salesforce Commerce Cloud (SFRA): pipeline URLs name the controller.
  rule("sfcc", "/on/demandware\\.store/[^?]*/order-confirm", "confirmation"),
  rule("sfcc", "/on/demandware\\.store/[^?]*/checkout(services)?-(begin|submit)", "checkout"),
  rule("sfcc", "/on/demandware\\.store/[^?]*/cart-show", "cart"),
  rule("sfcc", "/on/demandware\\.store/[^?]*/product-show", "product"),
  rule("sfcc", "/on/demandware\\.store/[^?]*/search-show\\?(.*&)?cgid=", "category"),
  rule("sfcc", "/on/demandware\\.store/[^?]*/search-show", "search"),
  rule("sfcc", "/on/demandware\\.store/[^?]*/(account|login)-show", "account"),
  rule("sfcc", "/on/demandware\\.store/[^?]*/home-show", "home"),

  rule("shopify", "^/checkouts?(/|$)", "checkout"),
  rule("shopify", "^/(collections/[^/]+/)?products/[^/]+", "product"),
  rule("shopify", "^/collections(/|$)", "category"),
  rule("shopify", "^/cart(/|$|\\?)", "cart"),
  rule("shopify", "^/search(/|$|\\?)", "search"),
  rule("shopify", "^/account(/|$)", "account"),
  rule("shopify", "^/(pages|blogs|policies)/", "content"),

  rule("woocommerce", "^/product/[^/]+", "product"),
  rule("woocommerce", "^/(product-category|product-tag|shop)(/|$)", "category"),
  rule("woocommerce", "^/cart(/|$)", "cart"),
  rule("woocommerce", "^/checkout(/|$)", "checkout"),
  rule("woocommerce", "^/my-account(/|$)", "account"),
  rule("woocommerce", "^/?\\?(.*&)?s=", "search"),

  rule("magento", "^/catalog/product/view/", "product"),
  rule("magento", "^/catalog/category/view/", "category"),
  rule("magento", "^/catalogsearch/result", "search"),
  rule("magento", "^/checkout(/|$|#)", "checkout"),
  rule("magento", "^/customer/account(/|$)", "account"),
  rule("magento", "^/[^?]+\\.html(\\?|$)", "product", true),

  rule("bigcommerce", "^/cart\\.php", "cart"),
  rule("bigcommerce", "^/checkout(/|$|\\?)", "checkout"),
  rule("bigcommerce", "^/search\\.php", "search"),
  rule("bigcommerce", "^/(account|login)\\.php", "account"),
  rule("bigcommerce", "^/brands/[^/]+", "category"),
];

/** The path and query of a URL (absolute or not), without its fragment. */
export function pathAndQuery(url: string): string {
  const noHash = url.split("#", 1)[0]!;
  const rest = noHash.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?]*/i, "");
  return rest.startsWith("/") || rest.startsWith("?") ? rest : `/${rest}`;
}

/**
 * The page type the platform table gives a URL, or undefined. `auto`: every platform's safe rules;
 * `custom`: none.
 */
export function platformPageType(
  url: string,
  platform: PlatformSetting = "auto",
): PageType | undefined {
  if (platform === "custom") return undefined;
  const p = pathAndQuery(url);
  for (const r of PAGE_TYPE_RULES) {
    if (platform === "auto" ? r.own : r.platform !== platform) continue;
    if (r.pattern.test(p)) return r.type;
  }
  return undefined;
}

/**
 * The type a page view is folded with: the tag's own when it gave one (a platform's confirmation
 * URL wins over a generic checkout or cart), else the platform table's.
 */
export function typedPage(
  url: string,
  type: PageType | undefined,
  platform: PlatformSetting = "auto",
): PageType | undefined {
  if (type && type !== "other" && type !== "checkout" && type !== "cart") return type;
  const found = platformPageType(url, platform);
  if (!type || type === "other") return found ?? type;
  return found === "confirmation" ? found : type;
}
