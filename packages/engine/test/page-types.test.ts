/**
 * Page types per platform (issue 19): the one table of context/page-types.ts on each platform's
 * documented URL layouts (docs/install.md#page-types), and the engine folding an untyped page
 * view with it — a buyer on Magento's success page reaches Post Purchase, never Abandon.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  PAGE_TYPE_RULES,
  PLATFORMS,
  type Platform,
  platformPageType,
  typedPage,
} from "../src/context/page-types.ts";
import { Engine, type Event } from "../src/index.ts";
import { PAGE_TYPES, type PageType } from "../src/schema/events.ts";
import { DESKTOP_UA, T0 } from "./helpers.ts";

const CASES: Record<Platform, [string, PageType | undefined][]> = {
  shopify: [
    ["https://shop.example/products/blue-shirt", "product"],
    ["https://shop.example/collections/summer/products/blue-shirt?variant=1", "product"],
    ["https://shop.example/collections/summer", "category"],
    ["https://shop.example/collections/all?page=2", "category"],
    ["https://shop.example/cart", "cart"],
    ["https://shop.example/search?q=shirt", "search"],
    ["https://shop.example/checkouts/c/abc123/information", "checkout"],
    ["https://shop.example/checkouts/c/abc123/thank-you", "confirmation"],
    ["https://shop.example/checkouts/abc123/thank_you", "confirmation"],
    ["https://shop.example/1234567/orders/0a1b2c3d", "confirmation"],
    ["https://shop.example/account/login", "account"],
    ["https://shop.example/pages/about-us", "content"],
    ["https://shop.example/blogs/news/new-season", "content"],
  ],
  woocommerce: [
    ["https://shop.example/product/hoodie-with-logo/", "product"],
    ["https://shop.example/product-category/clothing/hoodies/", "category"],
    ["https://shop.example/product-tag/winter/", "category"],
    ["https://shop.example/shop/page/2/", "category"],
    ["https://shop.example/cart/", "cart"],
    ["https://shop.example/checkout/", "checkout"],
    ["https://shop.example/checkout/order-received/1234/?key=wc_order_abc", "confirmation"],
    ["https://shop.example/my-account/orders/", "account"],
    ["https://shop.example/?s=hoodie&post_type=product", "search"],
  ],
  magento: [
    ["https://shop.example/catalog/product/view/id/42/", "product"],
    ["https://shop.example/catalog/category/view/id/7/", "category"],
    ["https://shop.example/catalogsearch/result/?q=bag", "search"],
    ["https://shop.example/checkout/cart/", "cart"],
    ["https://shop.example/checkout/#shipping", "checkout"],
    ["https://shop.example/checkout/onepage/success/", "confirmation"],
    ["https://shop.example/multishipping/checkout/success/", "confirmation"],
    ["https://shop.example/customer/account/login/", "account"],
  ],
  bigcommerce: [
    ["https://shop.example/cart.php", "cart"],
    ["https://shop.example/checkout", "checkout"],
    ["https://shop.example/checkout/order-confirmation", "confirmation"],
    ["https://shop.example/finishorder.php", "confirmation"],
    ["https://shop.example/search.php?search_query=mug", "search"],
    ["https://shop.example/login.php?action=create_account", "account"],
    ["https://shop.example/brands/OFS.html", "category"],
  ],
  sfcc: [
    [
      "https://shop.example/on/demandware.store/Sites-RefArch-Site/en_US/Product-Show?pid=25",
      "product",
    ],
    [
      "https://shop.example/on/demandware.store/Sites-RefArch-Site/en_US/Search-Show?cgid=womens",
      "category",
    ],
    [
      "https://shop.example/on/demandware.store/Sites-RefArch-Site/en_US/Search-Show?q=dress",
      "search",
    ],
    ["https://shop.example/on/demandware.store/Sites-RefArch-Site/en_US/Cart-Show", "cart"],
    [
      "https://shop.example/on/demandware.store/Sites-RefArch-Site/en_US/Checkout-Begin",
      "checkout",
    ],
    [
      "https://shop.example/on/demandware.store/Sites-RefArch-Site/en_US/Order-Confirm?ID=00001",
      "confirmation",
    ],
    ["https://shop.example/on/demandware.store/Sites-RefArch-Site/en_US/Login-Show", "account"],
    ["https://shop.example/on/demandware.store/Sites-RefArch-Site/en_US/Home-Show", "home"],
  ],
};

describe("page types per platform, from the one table", () => {
  for (const platform of PLATFORMS) {
    test(platform, () => {
      for (const [url, type] of CASES[platform]) {
        assert.equal(platformPageType(url, platform), type, `${platform} ${url}`);
        assert.equal(platformPageType(url), type, `auto ${url}`);
      }
    });
  }

  test("every rule gives a wire page type and is exercised by a case of its platform", () => {
    for (const r of PAGE_TYPE_RULES) {
      assert.ok((PAGE_TYPES as readonly string[]).includes(r.type));
      if (r.own) continue;
      const hit = CASES[r.platform].some(([url]) => platformPageType(url, r.platform) === r.type);
      assert.ok(hit, `${r.platform} ${r.pattern} has no case`);
    }
  });

  test("Magento .html pages are products only when the site's platform is Magento", () => {
    assert.equal(
      platformPageType("https://shop.example/fusion-backpack.html", "magento"),
      "product",
    );
    assert.equal(platformPageType("https://shop.example/fusion-backpack.html"), undefined);
  });

  test("custom: no platform rule; one platform: only its rules", () => {
    assert.equal(platformPageType("https://shop.example/products/a", "custom"), undefined);
    assert.equal(
      typedPage("https://shop.example/checkout/onepage/success/", "checkout", "custom"),
      "checkout",
    );
    // A WooCommerce URL on a Shopify site is not typed by WooCommerce's rules.
    assert.equal(platformPageType("https://shop.example/product/hoodie/", "shopify"), undefined);
    assert.equal(platformPageType("https://shop.example/product/hoodie/"), "product");
  });

  test("unknown layouts stay untyped; the tag's type wins but for a platform confirmation", () => {
    assert.equal(platformPageType("https://shop.example/about"), undefined);
    assert.equal(typedPage("https://shop.example/x", "other"), "other");
    assert.equal(typedPage("https://shop.example/products/a", "other"), "product");
    assert.equal(typedPage("https://shop.example/products/a", "landing"), "landing");
    // The tag's generic "/checkout" rule typed these as checkout: the platform table knows better.
    assert.equal(
      typedPage("https://shop.example/checkout/onepage/success/", "checkout"),
      "confirmation",
    );
    assert.equal(
      typedPage("https://shop.example/checkout/order-received/9/?key=k", "checkout"),
      "confirmation",
    );
    assert.equal(typedPage("https://shop.example/checkout/", "checkout"), "checkout");
  });
});

test("the engine types an untyped page view: a Magento buyer reaches Post Purchase", () => {
  const engine = new Engine();
  const ref = { site: "m", visitor: "v", session: "s", context: { ua: DESKTOP_UA } };
  const pv = (sec: number, path: string, type?: PageType): Event => ({
    type: "page_view",
    t: T0 + sec * 1000,
    page: { url: `https://shop.example${path}`, ...(type ? { type } : {}) },
  });
  const events = [
    pv(0, "/catalog/product/view/id/42/"),
    pv(20, "/checkout/cart/"),
    pv(40, "/checkout/", "checkout"),
    pv(60, "/checkout/onepage/success/", "checkout"),
  ];
  const updates = events.map((e) => engine.process(ref, e));
  assert.deepEqual(
    updates.map((u) => u.stage),
    ["evaluating", "deciding", "committing", "post-purchase"],
  );
  // The event carries the type the engine used (what the store records).
  assert.equal((events[3] as { page: { type?: string } }).page.type, "confirmation");
  const idle = engine.advance(T0 + 60_000 + 120_000).updates.find((u) => u.session === "s");
  assert.notEqual(idle?.state ?? updates[3]!.state, "abandon");
  assert.equal(updates[3]!.segment, "converted");
});

test("the engine types page views by the site's platform setting", () => {
  const engine = new Engine();
  engine.setPlatform("mag", "magento");
  engine.setPlatform("own", "custom");
  const typeOf = (site: string, path: string) => {
    const e: Event = { type: "page_view", t: T0, page: { url: `https://shop.example${path}` } };
    engine.process({ site, visitor: "v", session: `s-${path}`, context: { ua: DESKTOP_UA } }, e);
    return (e as { page: { type?: string } }).page.type;
  };
  assert.equal(typeOf("mag", "/fusion-backpack.html"), "product");
  assert.equal(typeOf("auto", "/fusion-backpack.html"), undefined, "auto: .html is not safe");
  assert.equal(typeOf("own", "/products/blue-shirt"), undefined, "custom: no platform rule");
  assert.equal(typeOf("auto", "/products/blue-shirt"), "product");
  engine.setPlatform("mag", "auto");
  assert.equal(typeOf("mag", "/other-backpack.html"), undefined, "back to auto");
});
