import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { Engine, type SegmentDefinition, SegmentSet } from "../src/index.ts";
import { ev, IPHONE_UA, last, pv } from "./helpers.ts";

const seg = (
  id: string,
  condition: unknown,
  extra: Partial<SegmentDefinition> = {},
): SegmentDefinition => ({
  id,
  name: id,
  condition,
  method: "in-flight",
  priority: 0,
  status: "live",
  ...extra,
});

function engineWith(defs: SegmentDefinition[]) {
  const set = new SegmentSet(defs);
  return new Engine({ segmentsFor: () => set });
}

const mobilePaidSocial = {
  site: "shop",
  visitor: "v1",
  session: "s1",
  context: { ua: IPHONE_UA, url: "https://shop.test/?utm_source=instagram&utm_medium=paid" },
};
const item = { id: "A", price: 60, quantity: 2 };

describe("custom segments in the engine (docs/product/segments.md)", () => {
  test("a framework segment refined: Struggling Buyers on mobile from paid social, cart ≥ 100", () => {
    const engine = engineWith([
      seg("sb-mobile-social", {
        segment: "struggling-buyers",
        deviceType: "mobile",
        trafficSource: "paid-social",
        cartValue: { $gte: 100 },
      }),
    ]);
    const steps = [
      pv(0, "/p/1", "product"),
      ev(5, "add_to_cart", { items: [item] }),
      ev(9, "begin_checkout"),
      ev(12, "rage_click", { target: "button.pay" }),
    ];
    const updates = steps.map((e) => engine.process(mobilePaidSocial, e));
    assert.deepEqual(
      updates.map((u) => u.custom),
      [[], [], [], ["sb-mobile-social"]],
    );
    const u = last(updates);
    assert.deepEqual(u.segments, ["struggling-buyers", "sb-mobile-social"]);
    assert.deepEqual(u.enter, ["struggling-buyers", "sb-mobile-social"]);
    assert.deepEqual(u.exit, ["focused-buyers"]);
  });

  test("in-flight leaves when the condition stops holding; persisted stays for the session", () => {
    const engine = engineWith([
      seg("struggling-now", { state: "struggle" }),
      seg("ever-struggled", { state: "struggle" }, { method: "persisted" }),
    ]);
    const r = { site: "shop", visitor: "v", session: "s" };
    engine.process(r, pv(0, "/", "home"));
    const a = engine.process(r, ev(2, "rage_click"));
    assert.deepEqual(a.custom, ["ever-struggled", "struggling-now"]);
    // 6 events more than 60 s later: the rage click is no longer recent.
    let u = a;
    for (let i = 0; i < 6; i++) u = engine.process(r, ev(70 + i, "click"));
    assert.equal(u.state, "focus");
    assert.deepEqual(u.custom, ["ever-struggled"]);
    assert.ok(u.persisted.includes("struggling-now"));
    assert.ok(
      u.persisted.includes("struggling-browsers") && u.persisted.includes("focused-browsers"),
    );
  });

  test("exclusive groups keep only the highest priority match", () => {
    const engine = engineWith([
      seg("low", { pageViews: { $gte: 1 } }, { exclusiveGroup: "hero", priority: 1 }),
      seg("high", { pageViews: { $gte: 2 } }, { exclusiveGroup: "hero", priority: 5 }),
      seg("free", { pageViews: { $gte: 1 } }),
    ]);
    const r = { site: "shop", visitor: "v", session: "s" };
    assert.deepEqual(engine.process(r, pv(0, "/", "home")).custom, ["low", "free"]); // priority order
    const u = engine.process(r, pv(3, "/about", "content"));
    assert.deepEqual(u.custom, ["high", "free"]);
    assert.deepEqual(u.enter, ["high"]);
    assert.deepEqual(u.exit, ["low"]);
  });

  test("paused and archived segments never match", () => {
    const engine = engineWith([
      seg("paused", { pageViews: { $gte: 1 } }, { status: "paused" }),
      seg("archived", { pageViews: { $gte: 1 } }, { status: "archived" }),
    ]);
    assert.deepEqual(
      engine.process({ site: "x", visitor: "v", session: "s" }, pv(0, "/")).custom,
      [],
    );
  });

  test("custom properties and experiments are addressable", () => {
    const engine = engineWith([
      seg("gold", { "props.customer_tier": "gold" }),
      seg("in-treatment", { experiments: { $in: ["exp1:treatment"] } }),
    ]);
    const r = { site: "shop", visitor: "v", session: "s" };
    engine.process(r, pv(0, "/"));
    engine.process(r, ev(1, "set", { props: { customer_tier: "gold" } }));
    const u = engine.process(
      r,
      ev(2, "experience_impression", { experiment: "exp1", variant: "treatment" }),
    );
    assert.deepEqual(u.custom, ["gold", "in-treatment"]);
  });

  test("a hostile condition never throws inside the engine", () => {
    const engine = engineWith([
      seg("bad-regex", { pagePath: { $regex: "([" } }),
      seg("unknown-op", { pageViews: { $wat: 1 } }),
      seg("deep", JSON.parse(`${'{"$and":['.repeat(500)}{}${"]}".repeat(500)}`)),
    ]);
    const u = engine.process({ site: "shop", visitor: "v", session: "s" }, pv(0, "/"));
    assert.ok(Array.isArray(u.custom));
    assert.ok(!u.custom.includes("bad-regex") && !u.custom.includes("unknown-op"));
  });
});
