import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { Event, Stage } from "../src/index.ts";
import { ev, last, pv, run } from "./helpers.ts";

const item = { id: "SKU1", price: 40, quantity: 1, category: "Shoes" };

const cases: { name: string; events: Event[]; stage: Stage }[] = [
  { name: "a session starts in Browsing", events: [pv(0, "/", "home")], stage: "browsing" },
  {
    name: "content and landing pages stay Browsing",
    events: [pv(0, "/about", "content"), pv(5, "/l/sale", "landing")],
    stage: "browsing",
  },
  {
    name: "one listing page stays Browsing",
    events: [pv(0, "/c/shoes", "category", "Shoes")],
    stage: "browsing",
  },
  {
    name: "two listing pages of different categories stay Browsing",
    events: [pv(0, "/c/shoes", "category", "Shoes"), pv(5, "/c/bags", "category", "Bags")],
    stage: "browsing",
  },
  {
    name: "two listing pages of one category → Refining",
    events: [
      pv(0, "/c/shoes", "category", "Shoes"),
      pv(5, "/c/bags", "category", "Bags"),
      pv(9, "/c/shoes?page=2", "category", "Shoes"),
    ],
    stage: "refining",
  },
  {
    name: "a search → Refining",
    events: [pv(0, "/"), ev(3, "search", { search_term: "boots" })],
    stage: "refining",
  },
  {
    name: "search results page → Refining",
    events: [pv(0, "/search?q=x", "search")],
    stage: "refining",
  },
  {
    name: "a filter → Refining",
    events: [pv(0, "/c/x", "category"), ev(2, "filter", { name: "size", value: "42" })],
    stage: "refining",
  },
  {
    name: "a sort → Refining",
    events: [pv(0, "/c/x", "category"), ev(2, "sort", { value: "price" })],
    stage: "refining",
  },
  {
    name: "a product page → Evaluating",
    events: [pv(0, "/"), pv(4, "/p/1", "product")],
    stage: "evaluating",
  },
  {
    name: "view_item alone → Evaluating",
    events: [ev(0, "view_item", { items: [item] })],
    stage: "evaluating",
  },
  {
    name: "add to cart → Deciding",
    events: [pv(0, "/p/1", "product"), ev(3, "add_to_cart", { items: [item] })],
    stage: "deciding",
  },
  { name: "cart viewed → Deciding", events: [pv(0, "/"), ev(3, "view_cart")], stage: "deciding" },
  { name: "cart page → Deciding", events: [pv(0, "/cart", "cart")], stage: "deciding" },
  {
    name: "begin_checkout → Committing",
    events: [pv(0, "/cart", "cart"), ev(3, "begin_checkout")],
    stage: "committing",
  },
  {
    name: "a session that starts in checkout → Committing",
    events: [pv(0, "/checkout", "checkout")],
    stage: "committing",
  },
  { name: "payment info → Committing", events: [ev(0, "add_payment_info")], stage: "committing" },
  {
    name: "purchase → Post Purchase",
    events: [pv(0, "/checkout", "checkout"), ev(3, "purchase", { value: 40 })],
    stage: "post-purchase",
  },
  {
    name: "a purchase without a cart event → Post Purchase",
    events: [pv(0, "/"), ev(3, "purchase", { value: 40 })],
    stage: "post-purchase",
  },
  {
    name: "stage never moves backwards (product page, then home)",
    events: [pv(0, "/p/1", "product"), pv(5, "/", "home"), pv(9, "/about", "content")],
    stage: "evaluating",
  },
  {
    name: "out-of-order: an older add_to_cart after a product view still counts",
    events: [pv(10, "/p/1", "product"), ev(5, "add_to_cart", { items: [item] })],
    stage: "deciding",
  },
];

describe("buying stage (docs/product/engine.md#buying-stage)", () => {
  for (const c of cases) {
    test(c.name, () => {
      assert.equal(last(run(c.events)).stage, c.stage);
    });
  }
});
