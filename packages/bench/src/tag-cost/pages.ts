/**
 * The two shop pages of the tag-cost visit (a category listing and a product page), each about
 * `nodes` DOM elements, with the working and the dead parts the visit clicks: links, a filter
 * that toggles, an add-to-cart button that pushes a GA4 `add_to_cart` to `dataLayer`, a sold-out
 * button and a disabled "+" that do nothing (rage and dead clicks). `head` installs the tag.
 */

/** Elements one product card adds (see `card`). */
const CARD_NODES = 9;

function card(i: number): string {
  return `<article class="card" data-sku="SKU${i}"><div class="img"></div><h3 class="t">Product ${i}</h3>
<p class="d">Soft cotton, <em>machine washable</em>, in three colours.</p><span class="price">€${(9 + (i % 40)).toFixed(2)}</span>
<a class="more" href="#p${i}">Details</a><button class="wish" type="button">♡</button></article>`;
}

function grid(nodes: number): string {
  const n = Math.max(4, Math.round(nodes / CARD_NODES));
  return Array.from({ length: n }, (_, i) => card(i)).join("\n");
}

const STYLE = `<style>
body{font:15px sans-serif;margin:0}.cards{display:grid;grid-template-columns:repeat(4,1fr);gap:12px;padding:12px}
.card{border:1px solid #ddd;padding:8px;min-height:220px}.img{height:120px;background:#eee}
header,footer{padding:12px;background:#f6f6f6}.on{outline:2px solid teal}#hero{height:360px;background:#ddd}
</style>`;

const PAGE_SCRIPT = `<script>
window.dataLayer = window.dataLayer || [];
document.addEventListener("click", function (e) {
  var t = e.target;
  if (t.closest && t.closest("#filter")) document.body.classList.toggle("filtered");
  if (t.closest && t.closest(".thumb")) t.classList.toggle("on");
  if (t.closest && t.closest("#add")) window.dataLayer.push({ event: "add_to_cart", ecommerce:
    { currency: "EUR", value: 19.99, items: [{ item_id: "SKU7", item_name: "Product 7", price: 19.99, quantity: 1 }] } });
});
</script>`;

function shell(title: string, head: string, main: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>${STYLE}${head}</head>
<body><header><nav><a href="/">Home</a> <a href="/list">Women</a> <a href="/list">Men</a> <a href="/list">Sale</a></nav></header>
${main}<footer><p>Shop Ltd · <a href="/list">Contact</a></p></footer>${PAGE_SCRIPT}</body></html>`;
}

/** The category listing: a filter, a sold-out button, cards linking to the product page. */
export function listingPage(head: string, nodes: number, productUrl: string): string {
  return shell(
    "Women — Shop",
    head,
    `<main><div id="hero"><h1>New in</h1></div><p><button id="filter" type="button">Filter</button>
<button id="soldout" type="button">Sold out</button> <a id="to-product" href="${productUrl}">Featured product</a></p>
<section class="cards">${grid(nodes - 30)}</section></main>`,
  );
}

/** The product page: thumbnails, a disabled "+", add to cart, related products. */
export function productPage(head: string, nodes: number): string {
  return shell(
    "Product 7 — Shop",
    head,
    `<main><div id="hero"><h1>Product 7</h1><div class="thumbs"><span class="thumb">1</span><span class="thumb">2</span></div></div>
<p id="desc">A long description of the product, its fabric and its fit.</p>
<p><button id="plus" type="button" aria-disabled="true">+</button> <button id="add" type="button">Add to cart</button></p>
<section class="cards">${grid(nodes - 40)}</section></main>`,
  );
}
