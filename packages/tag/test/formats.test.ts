/**
 * dataLayer source formats in Node: every vendor fixture (support/fixtures.ts, with the
 * documents it follows) read through the tag's adapters gives the expected events, each
 * valid on the wire; GTM's data model merges and clears as a reference model does.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { validateEvent } from "@intently/engine";
import fc from "fast-check";
import { read } from "../src/data/datalayer.ts";
import { update } from "../src/data/model.ts";
import { contains, FIXTURES, type Fixture } from "./support/fixtures.ts";

type Obj = Record<string, unknown>;

/** Replays a fixture: gtag calls as `arguments` objects, the rest as pushed. */
function replay(f: Fixture): Obj[] {
  const model: Obj = {};
  const out: Obj[] = [];
  for (const p of f.pushes) {
    const g = (p as { gtag?: unknown[] }).gtag;
    const x = g
      ? (function (..._a: unknown[]) {
          // biome-ignore lint/complexity/noArguments: gtag pushes its arguments object
          return arguments;
        })(...g)
      : p;
    out.push(...(read(x as unknown as Obj, model) as Obj[]));
  }
  return JSON.parse(JSON.stringify(out));
}

for (const f of FIXTURES) {
  test(`${f.name}: the documented pushes give the expected events`, () => {
    const got = replay(f);
    contains(got, f.expected);
    for (const e of got) {
      const v = validateEvent({ ...e, t: 1 });
      assert.ok(v.ok, JSON.stringify(!v.ok && v.issues));
    }
  });
}

test("GTM data model: data pushed first and the event pushed after form one event", () => {
  const model: Obj = {};
  const item = { item_id: "A", price: 5, quantity: 2 };
  assert.deepEqual(read({ ecommerce: { currency: "GBP", value: 10, items: [item] } }, model), []);
  const [e] = read({ event: "add_to_cart" }, model) as Obj[];
  contains(e, { type: "add_to_cart", value: 10, currency: "GBP", items: [{ id: "A", price: 5 }] });
  read({ ecommerce: null }, model);
  const [cart] = read({ event: "view_cart" }, model) as Obj[];
  assert.equal(cart?.items, undefined, "ecommerce: null cleared the items");
  assert.equal(cart?.value, undefined);
  // Without the clear, an event's own items are its items (not merged into the earlier list).
  read(
    { event: "view_item_list", ecommerce: { items: [{ item_id: "L1" }, { item_id: "L2" }] } },
    model,
  );
  const [add] = read({ event: "add_to_cart", ecommerce: { items: [{ item_id: "L2" }] } }, model);
  contains(add, { type: "add_to_cart", items: [{ id: "L2" }] });
  // A UA action is read from its own push only: the earlier detail is not sent again.
  read({ ecommerce: { detail: { products: [{ id: "P" }] } } }, model);
  const later = read(
    { event: "addToCart", ecommerce: { add: { products: [{ id: "Q" }] } } },
    model,
  );
  contains(later, [{ type: "add_to_cart", items: [{ id: "Q" }] }]);
  // gtag's non-event commands and arrays are not data.
  const args = (function (..._a: unknown[]) {
    // biome-ignore lint/complexity/noArguments: gtag pushes its arguments object
    return arguments;
  })("config", "G-XXXX", { value: 1 });
  assert.deepEqual(read(args as unknown as Obj, model), []);
  assert.equal(model[0], undefined);
});

/**
 * Reference model of GTM's data layer, written from data-layer-helper's README and merge()
 * (github.com/google/data-layer-helper): immutable, path by path. Keys are plain letters here.
 */
function reference(pushes: Obj[]): Obj {
  const mergeRef = (to: unknown, from: unknown): unknown => {
    if (Array.isArray(from)) {
      const base: unknown[] = Array.isArray(to) ? [...to] : [];
      from.forEach((v, i) => {
        if (i in from) base[i] = mergeRef(base[i], v);
      });
      return base;
    }
    if (from && typeof from === "object") {
      const base: Obj =
        to && typeof to === "object" && !Array.isArray(to) ? { ...(to as Obj) } : {};
      for (const [k, v] of Object.entries(from)) base[k] = mergeRef(base[k], v);
      return base;
    }
    return from;
  };
  let model: Obj = {};
  for (const p of pushes) {
    for (const [k, v] of Object.entries(p)) {
      const path = k.split(".");
      const one = path.reduceRight<unknown>((acc, key) => ({ [key]: acc }), v) as Obj;
      model = mergeRef(model, one) as Obj;
    }
  }
  return model;
}

const key = fc.constantFrom("ecommerce", "items", "value", "a", "b", "ecommerce.items", "a.b");
const leaf = fc.oneof(fc.constant(null), fc.integer(), fc.string({ maxLength: 3 }), fc.boolean());
const value = fc.letrec((tie) => ({
  v: fc.oneof(
    { depthSize: "small" },
    leaf,
    fc.array(tie("v"), { maxLength: 3 }),
    fc.dictionary(key, tie("v"), { maxKeys: 3 }),
  ),
})).v;
const push = fc.dictionary(key, value, { maxKeys: 3 });

test("GTM data model: merges as the reference model on random push sequences", () => {
  fc.assert(
    fc.property(fc.array(push, { maxLength: 8 }), (pushes) => {
      const before = JSON.stringify(pushes);
      const model: Obj = {};
      for (const p of pushes) update(model, p);
      assert.deepEqual(
        JSON.parse(JSON.stringify(model)),
        JSON.parse(JSON.stringify(reference(pushes))),
      );
      assert.equal(JSON.stringify(pushes), before, "the page's objects are never changed");
    }),
    { numRuns: 500 },
  );
});

test("GTM data model: no prototype pollution from pushed keys", () => {
  const model: Obj = {};
  update(model, JSON.parse('{"__proto__": {"polluted": 1}, "a.__proto__.x": 1}'));
  assert.equal(({} as Obj).polluted, undefined);
  assert.equal(({} as Obj).x, undefined);
});
