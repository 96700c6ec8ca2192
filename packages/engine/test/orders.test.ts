/** Orders in a session: a transaction id counts once; a refund lowers revenue. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { applyEvent } from "../src/session/apply.ts";
import { F, SessionState } from "../src/session/state.ts";
import { ev } from "./helpers.ts";

const item = { id: "SKU1", price: 40, quantity: 2 };

test("the same transaction id counts once per session, whatever sends it", () => {
  const s = new SessionState("site", "v", "s");
  applyEvent(s, ev(1, "purchase", { transaction_id: "T1", value: 80, items: [item] }));
  // The same order again (dual tagging, a reload), at another time: not counted again.
  applyEvent(s, ev(2, "purchase", { transaction_id: "T1", value: 80, source: "gtag" }));
  applyEvent(s, ev(9, "purchase", { transaction_id: "T1", value: 80 }));
  assert.equal(s.n[F.Purchases], 1);
  assert.equal(s.n[F.Revenue], 80);
  applyEvent(s, ev(10, "purchase", { transaction_id: "T2", value: 20 }));
  // Without a transaction id an order cannot be recognised: it counts.
  applyEvent(s, ev(11, "purchase", { value: 5 }));
  assert.equal(s.n[F.Purchases], 3);
  assert.equal(s.n[F.Revenue], 105);
});

test("a refund lowers the session's revenue, never below zero", () => {
  const s = new SessionState("site", "v", "s");
  applyEvent(s, ev(1, "purchase", { transaction_id: "T1", value: 80 }));
  applyEvent(s, ev(2, "refund", { transaction_id: "T1", items: [{ id: "SKU1", price: 30 }] }));
  assert.equal(s.n[F.Revenue], 50);
  applyEvent(s, ev(3, "refund", { transaction_id: "T1", value: 500 }));
  assert.equal(s.n[F.Revenue], 0);
  assert.equal(s.n[F.Purchases], 1, "the order stays counted");
});

test("the same refund sent again lowers revenue once; a second partial refund lowers it too", () => {
  const s = new SessionState("site", "v", "s");
  applyEvent(s, ev(1, "purchase", { transaction_id: "T1", value: 80 }));
  const partial = { transaction_id: "T1", items: [{ id: "SKU1", price: 10, quantity: 1 }] };
  applyEvent(s, ev(2, "refund", partial));
  applyEvent(s, ev(3, "refund", partial));
  assert.equal(s.n[F.Revenue], 70);
  applyEvent(s, ev(4, "refund", { transaction_id: "T1", items: [{ id: "SKU2", price: 5 }] }));
  assert.equal(s.n[F.Revenue], 65);
});

test("revenue is in the site's currency: converted with its rate, never summed without one", () => {
  const money = { currency: "GBP", rates: { EUR: 0.85 } };
  const s = new SessionState("site", "v", "s");
  /** One order event on a site with `money`; the session's revenue after it. */
  const order = (sec: number, type: string, id: string, value: number, currency: string) => {
    applyEvent(s, ev(sec, type, { transaction_id: id, value, currency }), "auto", money);
    return s.n[F.Revenue];
  };
  assert.equal(order(1, "purchase", "T1", 100, "GBP"), 100, "the site's own currency as is");
  assert.equal(order(2, "purchase", "T2", 100, "eur"), 185, "EUR converted at 0.85");
  assert.equal(order(3, "purchase", "T3", 1299, "JPY"), 185, "JPY has no rate: kept apart");
  assert.equal(s.n[F.Purchases], 3, "still an order");
  assert.equal(order(4, "refund", "T2", 20, "EUR"), 168, "a refund in EUR: its converted value");
  assert.equal(order(5, "refund", "T3", 1299, "JPY"), 168, "a refund of an order kept apart: 0");
  // A site with no currency set counts amounts as sent.
  const plain = new SessionState("site", "v", "p");
  applyEvent(plain, ev(1, "purchase", { transaction_id: "T1", value: 1299, currency: "JPY" }));
  assert.equal(plain.n[F.Revenue], 1299);
});
