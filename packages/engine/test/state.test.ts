import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { Engine, type Event, F } from "../src/index.ts";
import { at, ev, last, pv, ref, run } from "./helpers.ts";

const item = { id: "SKU1", price: 40, quantity: 1 };
const browse = [pv(0, "/", "home"), pv(5, "/p/1", "product")];

describe("state (docs/product/engine.md#state)", () => {
  test("Focus by default", () => {
    assert.equal(last(run(browse)).state, "focus");
  });

  const struggle: [string, Event[]][] = [
    ["rage click", [ev(8, "rage_click", { target: "button.pay" })]],
    ["dead click", [ev(8, "dead_click")]],
    ["error click", [ev(8, "error_click")]],
    ["JS error", [ev(8, "js_error", { hash: "abc" })]],
    ["form error", [ev(8, "form_error")]],
    ["thrashed cursor", [ev(8, "thrashed_cursor")]],
    ["u-turn", [ev(8, "u_turn")]],
    ["zero-result search", [ev(8, "view_search_results", { results: 0 })]],
    ["404 page", [pv(8, "/missing", "not_found")]],
    ["back-and-forth between two pages", [pv(8, "/"), pv(11, "/p/1", "product")]],
  ];
  for (const [name, events] of struggle) {
    test(`Struggle on ${name}`, () => {
      assert.equal(last(run([...browse, ...events])).state, "struggle");
    });
  }

  test("a search with results is not a struggle", () => {
    assert.equal(
      last(run([...browse, ev(8, "view_search_results", { results: 12 })])).state,
      "focus",
    );
  });

  const abandon: [string, Event[]][] = [
    ["exit intent", [ev(8, "exit_intent")]],
    ["tab hidden", [ev(8, "tab_hidden")]],
    ["idle event", [ev(8, "idle", { ms: 60000 })]],
    [
      "cart emptied",
      [ev(8, "add_to_cart", { items: [item] }), ev(12, "remove_from_cart", { items: [item] })],
    ],
  ];
  for (const [name, events] of abandon) {
    test(`Abandon on ${name}`, () => {
      assert.equal(last(run([...browse, ...events])).state, "abandon");
    });
  }

  test("removing one of two items is not 'cart emptied'", () => {
    const u = run([
      ...browse,
      ev(8, "add_to_cart", { items: [{ ...item, quantity: 2 }] }),
      ev(12, "remove_from_cart", { items: [item] }),
    ]);
    assert.equal(last(u).state, "focus");
  });

  test("Abandon takes precedence over Struggle", () => {
    const u = run([...browse, ev(8, "rage_click"), ev(9, "exit_intent")]);
    assert.equal(last(u).state, "abandon");
    const v = run([...browse, ev(8, "exit_intent"), ev(9, "rage_click")]);
    assert.equal(last(v).state, "abandon");
  });

  test("a signal stays recent for 60 s or 5 events, then Focus returns", () => {
    // 5 more events within 60 s: still recent (within 60 s).
    const within = run([
      ...browse,
      ev(8, "rage_click"),
      ...[10, 12, 14, 16, 18, 20].map((s) => ev(s, "scroll", { depth: s })),
    ]);
    assert.equal(last(within).state, "struggle");
    // > 60 s later, but within 5 events: still recent.
    const fewEvents = run([...browse, ev(8, "rage_click"), ev(100, "click"), ev(101, "click")]);
    assert.equal(last(fewEvents).state, "struggle");
    // > 60 s and > 5 events later: gone.
    const gone = run([
      ...browse,
      ev(8, "rage_click"),
      ...[70, 71, 72, 73, 74, 75].map((s) => ev(s, "click")),
    ]);
    assert.equal(last(gone).state, "focus");
  });

  test("tab visible again ends the hidden-tab Abandon; activity ends idle", () => {
    assert.equal(last(run([...browse, ev(8, "tab_hidden"), ev(20, "tab_visible")])).state, "focus");
    assert.equal(
      last(run([...browse, ev(8, "idle", { ms: 60000 }), ev(70, "click")])).state,
      "focus",
    );
  });

  test("a late, older event does not undo a newer hidden tab", () => {
    assert.equal(last(run([...browse, ev(20, "tab_hidden"), ev(10, "click")])).state, "abandon");
  });

  test("a 60 s idle moves the session to Abandon through advance(now), with an enter/exit", () => {
    const engine = new Engine();
    const r = ref();
    for (const e of browse) engine.process(r, e);
    assert.equal(engine.advance(at(5 + 59)).updates.length, 0);
    const { updates } = engine.advance(at(5 + 60));
    assert.equal(updates.length, 1);
    assert.equal(updates[0]?.state, "abandon");
    assert.deepEqual(updates[0]?.enter, ["drifting-explorers"]);
    assert.deepEqual(updates[0]?.exit, ["focused-explorers"]);
    // Coming back ends it.
    assert.equal(engine.process(r, ev(70, "click")).state, "focus");
  });

  test("sessions idle past the timeout end and leave memory", () => {
    const engine = new Engine({ sessionTimeoutMs: 30 * 60_000 });
    for (const e of browse) engine.process(ref(), e);
    assert.equal(engine.advance(at(5 + 29 * 60)).ended.length, 0);
    const { ended } = engine.advance(at(5 + 30 * 60));
    assert.equal(ended.length, 1);
    assert.equal(engine.liveSessions(), 0);
  });

  test("exact duplicate events are ignored", () => {
    const engine = new Engine();
    const e = ev(8, "add_to_cart", { items: [item] });
    engine.process(ref(), pv(0, "/p/1", "product"));
    engine.process(ref(), e);
    engine.process(ref(), e);
    const s = engine.get("test", "s1");
    assert.ok(s);
    const view = engine.process(ref(), ev(9, "view_cart"));
    assert.equal(view.stage, "deciding");
    // Three events applied (page_view, add_to_cart, view_cart), the duplicate dropped.
    assert.equal(s.n[F.Events], 3);
  });

  test("two different events in the same millisecond are not duplicates", () => {
    const engine = new Engine();
    engine.process(ref(), pv(0, "/p/1", "product"));
    engine.process(ref(), ev(8, "add_to_cart", { items: [{ id: "A", price: 10, quantity: 1 }] }));
    engine.process(ref(), ev(8, "add_to_cart", { items: [{ id: "B", price: 20, quantity: 1 }] }));
    const s = engine.get("test", "s1")!;
    assert.equal(s.n[F.CartQty], 2);
    assert.equal(s.n[F.CartValue], 30);
  });

  test("framework segment enter/exit events follow the state", () => {
    const u = run([pv(0, "/checkout", "checkout"), ev(5, "rage_click"), ev(6, "exit_intent")]);
    assert.deepEqual(
      u.map((x) => [x.enter, x.exit]),
      [
        [["focused-buyers"], []],
        [["struggling-buyers"], ["focused-buyers"]],
        [["abandoning-buyers"], ["struggling-buyers"]],
      ],
    );
  });
});
