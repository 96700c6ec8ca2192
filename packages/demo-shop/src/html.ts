/** HTML escaping and the page frame shared by every shop page. */

const ESC: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function esc(s: string | number): string {
  return String(s).replace(/[&<>"']/g, (c) => ESC[c]!);
}

/** JSON for an inline <script>: `<` escaped so no value can close the script element. */
export function scriptJson(v: unknown): string {
  return JSON.stringify(v)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

export interface FrameOptions {
  title: string;
  pageType: string;
  /** GA4 e-commerce objects pushed onto the dataLayer when the page loads. */
  dataLayer: object[];
  body: string;
  site: string;
}

export function frame(o: FrameOptions): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(o.title)} · Intently demo shop</title>
<link rel="stylesheet" href="/shop/static/shop.css">
<script>window.dataLayer=window.dataLayer||[];window.dataLayer.push(${scriptJson({ page_type: o.pageType })});${o.dataLayer.map((d) => `window.dataLayer.push(${scriptJson(d)});`).join("")}</script>
<script>window.intently={site:${scriptJson(o.site)},endpoint:location.origin};</script>
<script async src="/intently.js"></script>
<script type="module" src="/shop/static/shop.js"></script>
</head>
<body data-page-type="${esc(o.pageType)}">
<header class="top"><a class="logo" href="/shop/">Intently Demo Shop</a>
<form action="/shop/search" role="search"><label>Search <input name="q" type="search" id="q"></label><button>Search</button></form>
<a href="/shop/cart" id="cart-link">Cart (<span id="cart-count">0</span>)</a></header>
<main>${o.body}</main>
<footer>Demo data: generated products. Intently segment: <output id="segments">—</output></footer>
</body>
</html>`;
}
