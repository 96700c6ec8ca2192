// Demo shop behaviour: a localStorage cart and GA4 e-commerce events on window.dataLayer.
// Loaded as a module (strict, deferred, its own scope).
const KEY = "demo_cart";
const CURRENCY = "GBP";
window.dataLayer = window.dataLayer || [];
const dl = window.dataLayer;
const page = document.body.getAttribute("data-page-type");

const load = () => {
  try {
    return JSON.parse(localStorage.getItem(KEY) || "[]");
  } catch {
    return [];
  }
};
const value = (lines) =>
  Math.round(lines.reduce((v, l) => v + l.price * l.quantity, 0) * 100) / 100;
const money = (x) => `£${x.toFixed(2)}`;
const save = (lines) => {
  localStorage.setItem(KEY, JSON.stringify(lines));
  const el = document.getElementById("cart-count");
  if (el) el.textContent = String(lines.reduce((n, l) => n + l.quantity, 0));
};
const ecommerce = (event, lines, extra = {}) => {
  dl.push({ ecommerce: null });
  dl.push({
    event,
    ecommerce: { currency: CURRENCY, value: value(lines), items: lines, ...extra },
  });
};

save(load());

const add = document.getElementById("add-to-cart");
if (add) {
  add.addEventListener("click", () => {
    const item = JSON.parse(add.closest("[data-product]").getAttribute("data-product"));
    const lines = load();
    const line = lines.find((l) => l.item_id === item.item_id);
    if (line) line.quantity += 1;
    else lines.push(item);
    save(lines);
    ecommerce("add_to_cart", [item]);
    add.textContent = "Added ✓";
  });
}

const sort = document.getElementById("sort");
if (sort) {
  sort.addEventListener("change", () => {
    window.intently?.push?.({ type: "sort", value: sort.value });
    location.search = sort.value ? `?sort=${encodeURIComponent(sort.value)}` : "";
  });
}

function renderCart(list) {
  const lines = load();
  list.replaceChildren(
    ...lines.map((l) => {
      const li = document.createElement("li");
      li.textContent = `${l.item_name} × ${l.quantity} — ${money(l.price * l.quantity)} `;
      const rm = document.createElement("button");
      rm.type = "button";
      rm.textContent = "Remove";
      rm.className = "remove";
      rm.dataset.id = l.item_id;
      li.append(rm);
      return li;
    }),
  );
  document.getElementById("cart-total").textContent = money(value(lines));
}

function setUpCart() {
  const list = document.getElementById("cart-lines");
  list.addEventListener("click", (ev) => {
    const id = ev.target?.dataset?.id;
    if (!id) return;
    const lines = load();
    save(lines.filter((l) => l.item_id !== id));
    ecommerce(
      "remove_from_cart",
      lines.filter((l) => l.item_id === id),
    );
    renderCart(list);
  });
  renderCart(list);
  ecommerce("view_cart", load());
}

function setUpCheckout() {
  ecommerce("begin_checkout", load());
  const form = document.getElementById("checkout-form");
  // ?broken=pay simulates a payment provider that does not answer: the Pay button does nothing.
  const broken = /[?&]broken=pay\b/.test(location.search);
  if (broken) document.getElementById("pay").type = "button";
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    if (broken) return;
    let ok = true;
    for (const field of form.querySelectorAll("input")) {
      const valid = field.checkValidity();
      field.setAttribute("aria-invalid", valid ? "false" : "true");
      if (!valid) ok = false;
    }
    if (!ok) return;
    const lines = load();
    ecommerce("add_shipping_info", lines, { shipping_tier: "standard" });
    ecommerce("add_payment_info", lines, { payment_type: "card" });
    sessionStorage.setItem("demo_order", JSON.stringify({ id: `T${Date.now()}`, lines }));
    save([]);
    setTimeout(() => {
      location.href = "/shop/confirmation";
    }, 300);
  });
}

function setUpConfirmation() {
  const order = JSON.parse(sessionStorage.getItem("demo_order") || "null");
  if (!order) return;
  sessionStorage.removeItem("demo_order");
  ecommerce("purchase", order.lines, { transaction_id: order.id });
  document.getElementById("order").textContent = `Order ${order.id} — ${money(value(order.lines))}`;
}

if (page === "cart") setUpCart();
if (page === "checkout") setUpCheckout();
if (page === "confirmation") setUpConfirmation();

function showSegments() {
  const out = document.getElementById("segments");
  const current = window.intently?.segments?.current?.();
  if (out && current) out.textContent = current.join(", ") || "—";
}
document.addEventListener("intently:segment:enter", showSegments);
document.addEventListener("intently:segment:exit", showSegments);
document.addEventListener("intently:ready", showSegments);
