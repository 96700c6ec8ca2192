/* Demo shop behaviour: a localStorage cart and GA4 e-commerce events on window.dataLayer. */
(() => {
  var KEY = "demo_cart";
  var CURRENCY = "GBP";
  var dl = (window.dataLayer = window.dataLayer || []);
  var page = document.body.getAttribute("data-page-type");

  function load() {
    try {
      return JSON.parse(localStorage.getItem(KEY) || "[]");
    } catch (e) {
      return [];
    }
  }
  function save(lines) {
    localStorage.setItem(KEY, JSON.stringify(lines));
    var n = 0;
    for (var i = 0; i < lines.length; i++) n += lines[i].quantity;
    var el = document.getElementById("cart-count");
    if (el) el.textContent = String(n);
  }
  function value(lines) {
    var v = 0;
    for (var i = 0; i < lines.length; i++) v += lines[i].price * lines[i].quantity;
    return Math.round(v * 100) / 100;
  }
  function money(x) {
    return "£" + x.toFixed(2);
  }
  function ecommerce(event, lines, extra) {
    var e = { currency: CURRENCY, value: value(lines), items: lines };
    for (var k in extra || {}) e[k] = extra[k];
    dl.push({ ecommerce: null });
    dl.push({ event: event, ecommerce: e });
  }

  var cart = load();
  save(cart);

  var add = document.getElementById("add-to-cart");
  if (add) {
    add.addEventListener("click", () => {
      var item = JSON.parse(add.closest("[data-product]").getAttribute("data-product"));
      var lines = load();
      var found = false;
      for (var i = 0; i < lines.length; i++)
        if (lines[i].item_id === item.item_id) {
          lines[i].quantity += 1;
          found = true;
        }
      if (!found) lines.push(item);
      save(lines);
      ecommerce("add_to_cart", [item]);
      add.textContent = "Added ✓";
    });
  }

  var sort = document.getElementById("sort");
  if (sort) {
    sort.addEventListener("change", () => {
      if (window.intently && window.intently.push)
        window.intently.push({ type: "sort", value: sort.value });
      location.search = sort.value ? "?sort=" + encodeURIComponent(sort.value) : "";
    });
  }

  if (page === "cart") {
    var list = document.getElementById("cart-lines");
    var render = () => {
      var lines = load();
      list.innerHTML = "";
      for (var i = 0; i < lines.length; i++) {
        var li = document.createElement("li");
        li.textContent =
          lines[i].item_name +
          " × " +
          lines[i].quantity +
          " — " +
          money(lines[i].price * lines[i].quantity) +
          " ";
        var rm = document.createElement("button");
        rm.type = "button";
        rm.textContent = "Remove";
        rm.className = "remove";
        rm.setAttribute("data-id", lines[i].item_id);
        li.appendChild(rm);
        list.appendChild(li);
      }
      document.getElementById("cart-total").textContent = money(value(lines));
    };
    list.addEventListener("click", (ev) => {
      var id = ev.target && ev.target.getAttribute && ev.target.getAttribute("data-id");
      if (!id) return;
      var lines = load();
      var removed = lines.filter((l) => l.item_id === id);
      save(lines.filter((l) => l.item_id !== id));
      ecommerce("remove_from_cart", removed);
      render();
    });
    render();
    ecommerce("view_cart", load());
  }

  if (page === "checkout") {
    ecommerce("begin_checkout", load());
    var form = document.getElementById("checkout-form");
    // ?broken=pay simulates a payment provider that does not answer: the Pay button does nothing.
    var broken = /[?&]broken=pay\b/.test(location.search);
    if (broken) document.getElementById("pay").type = "button";
    form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      if (broken) return;
      var fields = form.querySelectorAll("input");
      var ok = true;
      for (var i = 0; i < fields.length; i++) {
        var valid = fields[i].checkValidity();
        fields[i].setAttribute("aria-invalid", valid ? "false" : "true");
        if (!valid) ok = false;
      }
      if (!ok) return;
      var lines = load();
      ecommerce("add_shipping_info", lines, { shipping_tier: "standard" });
      ecommerce("add_payment_info", lines, { payment_type: "card" });
      sessionStorage.setItem("demo_order", JSON.stringify({ id: "T" + Date.now(), lines: lines }));
      save([]);
      setTimeout(() => {
        location.href = "/shop/confirmation";
      }, 300);
    });
  }

  if (page === "confirmation") {
    var order = JSON.parse(sessionStorage.getItem("demo_order") || "null");
    if (order) {
      sessionStorage.removeItem("demo_order");
      ecommerce("purchase", order.lines, { transaction_id: order.id });
      document.getElementById("order").textContent =
        "Order " + order.id + " — " + money(value(order.lines));
    }
  }

  function showSegments() {
    var out = document.getElementById("segments");
    if (out && window.intently && window.intently.segments)
      out.textContent = window.intently.segments.current().join(", ") || "—";
  }
  document.addEventListener("intently:segment:enter", showSegments);
  document.addEventListener("intently:segment:exit", showSegments);
  document.addEventListener("intently:ready", showSegments);
})();
