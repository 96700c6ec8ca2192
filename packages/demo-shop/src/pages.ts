/** The shop's pages: home, category, search, product, cart, checkout, confirmation. */
import type { Catalogue, Product } from "@intently/simulator";
import { esc, frame } from "./html.ts";

const CURRENCY = "GBP";
const money = (x: number) => `£${x.toFixed(2)}`;

export const ga4Item = (p: Product, quantity = 1) => ({
  item_id: p.id,
  item_name: p.name,
  item_category: p.category,
  item_brand: p.brand,
  price: p.price,
  quantity,
});

function card(p: Product): string {
  return `<li class="card"><a href="/shop/p/${esc(p.id)}" data-item="${esc(p.id)}">${esc(p.name)}</a> <span class="price">${money(p.price)}</span>${p.onSale ? ' <span class="sale">Sale</span>' : ""}</li>`;
}

export function home(c: Catalogue, site: string): string {
  const cats = Object.keys(c.byCategory);
  const featured = cats
    .map((k) => c.byCategory[k as keyof Catalogue["byCategory"]][0]!)
    .filter(Boolean);
  return frame({
    title: "Home",
    pageType: "home",
    site,
    dataLayer: [],
    body: `<h1>Welcome</h1><nav><ul class="cats">${cats.map((k) => `<li><a href="/shop/c/${encodeURIComponent(k)}">${esc(k)}</a></li>`).join("")}</ul></nav>
<h2>Popular now</h2><ul class="grid">${featured.map(card).join("")}</ul>`,
  });
}

export function category(c: Catalogue, site: string, name: string, sort: string): string | null {
  const list = c.byCategory[name as keyof Catalogue["byCategory"]];
  if (!list) return null;
  const items = sort === "price" ? [...list].sort((a, b) => a.price - b.price) : list.slice(0, 24);
  return frame({
    title: name,
    pageType: "category",
    site,
    dataLayer: [
      {
        event: "view_item_list",
        ecommerce: { item_list_name: name, items: items.slice(0, 12).map((p) => ga4Item(p)) },
      },
    ],
    body: `<h1>${esc(name)}</h1><label>Sort by <select id="sort"><option value="">Popular</option><option value="price"${sort === "price" ? " selected" : ""}>Price</option></select></label>
<ul class="grid">${items.slice(0, 24).map(card).join("")}</ul>`,
  });
}

export function search(c: Catalogue, site: string, q: string): string {
  const term = q.trim().toLowerCase().slice(0, 100);
  const hits = term
    ? c.products
        .filter((p) => p.name.toLowerCase().includes(term) || p.term.includes(term))
        .slice(0, 24)
    : [];
  return frame({
    title: `Search: ${term}`,
    pageType: "search",
    site,
    dataLayer: [
      { event: "search", ecommerce: { search_term: term } },
      {
        event: "view_search_results",
        search_term: term,
        results: hits.length,
        ecommerce: { search_term: term, items: hits.slice(0, 12).map((p) => ga4Item(p)) },
      },
    ],
    body: `<h1>Results for “${esc(term)}”</h1>${hits.length === 0 ? '<p class="empty">No products found.</p>' : `<ul class="grid">${hits.map(card).join("")}</ul>`}`,
  });
}

export function product(p: Product, site: string): string {
  return frame({
    title: p.name,
    pageType: "product",
    site,
    dataLayer: [
      {
        event: "view_item",
        ecommerce: { currency: CURRENCY, value: p.price, items: [ga4Item(p)] },
      },
    ],
    body: `<article class="product" data-product='${esc(JSON.stringify(ga4Item(p)))}'><h1>${esc(p.name)}</h1>
<p>${esc(p.brand)} · ${esc(p.category)}</p><p class="price">${money(p.price)}</p>
<button id="add-to-cart" type="button">Add to cart</button> <a href="/shop/cart">View cart</a></article>`,
  });
}

export function cart(site: string): string {
  return frame({
    title: "Cart",
    pageType: "cart",
    site,
    dataLayer: [],
    body: `<h1>Your cart</h1><ul id="cart-lines"></ul><p>Total: <strong id="cart-total">£0.00</strong></p>
<a id="checkout" class="button" href="/shop/checkout">Checkout</a>`,
  });
}

export function checkout(site: string): string {
  return frame({
    title: "Checkout",
    pageType: "checkout",
    site,
    dataLayer: [],
    body: `<h1>Checkout</h1><form id="checkout-form" novalidate>
<label>E-mail <input id="email" name="email" type="email" required autocomplete="email"></label>
<label>Postcode <input id="postcode" name="postcode" required pattern="[A-Za-z0-9 ]{5,8}"></label>
<label>Card number <input id="card" name="card" required inputmode="numeric" pattern="[0-9 ]{12,19}"></label>
<button id="pay" type="submit">Pay now</button></form>`,
  });
}

export function confirmation(site: string): string {
  return frame({
    title: "Thank you",
    pageType: "confirmation",
    site,
    dataLayer: [],
    body: '<h1>Thank you for your order</h1><p id="order"></p><a href="/shop/">Continue shopping</a>',
  });
}

export function notFound(site: string): string {
  return frame({
    title: "Not found",
    pageType: "not_found",
    site,
    dataLayer: [],
    body: "<h1>Page not found</h1>",
  });
}
