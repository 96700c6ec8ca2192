import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { DataPoint } from "../src/catalogue/types.ts";
import { attributesOf, DATA_POINT_GROUPS, DATA_POINTS, Engine } from "../src/index.ts";
import { ev, IPHONE_UA, pv } from "./helpers.ts";

function typeOk(d: DataPoint, v: unknown): boolean {
  if (v === null) return d.type === "number"; // "unknown" numbers (recency, means) are null
  switch (d.type) {
    case "string":
      return typeof v === "string" || (d.id === "props" && typeof v === "object");
    case "number":
      return typeof v === "number" && Number.isFinite(v);
    case "boolean":
      return typeof v === "boolean";
    case "string[]":
      return Array.isArray(v) && v.every((x) => typeof x === "string");
    case "enum":
      return typeof v === "string" && (d.values ?? []).includes(v);
  }
}

describe("data-point catalogue (docs/product/engine.md#data-points)", () => {
  test("ids are unique, documented, grouped, and enums list their values", () => {
    const ids = DATA_POINTS.map((d) => d.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const d of DATA_POINTS) {
      assert.ok(d.description.length > 10, d.id);
      assert.ok((DATA_POINT_GROUPS as readonly string[]).includes(d.group), d.id);
      if (d.type === "enum") assert.ok(d.values && d.values.length > 1, d.id);
    }
    assert.ok(DATA_POINTS.length >= 60, `only ${DATA_POINTS.length} data points`);
  });

  test("covers the documented examples (docs/product/engine.md#data-points)", () => {
    const ids = new Set(DATA_POINTS.map((d) => d.id));
    // In the order docs/product/engine.md lists them, one topic a line.
    const documented = [
      ["trafficSource", "campaign", "landingPage", "landingPageType"],
      ["deviceType", "browser", "os", "country", "language"],
      ["visitorType", "previousSessions", "previousPurchases"],
      ["pageViews", "productViews", "categoriesViewed", "topCategory", "priceBand"],
      ["searches", "zeroResultSearches", "cartItems", "cartValue"],
      ["timeOnSiteSec", "secondsSinceLastEvent"],
      ["rageClicks", "rageClicksSecondsAgo", "exitIntents"],
      ["xC", "xCBand", "xCTrend", "xE", "xATC"],
      ["stage", "phase", "state", "segment", "experiments", "props"],
    ].flat();
    for (const id of documented) {
      assert.ok(ids.has(id), id);
    }
  });

  test("every attribute has its declared type on a real session", () => {
    const engine = new Engine();
    const r = {
      site: "c",
      visitor: "v",
      session: "s",
      context: {
        ua: IPHONE_UA,
        url: "https://s.test/?utm_source=fb&utm_medium=paid_social",
        country: "GB",
        lang: "en-GB",
        previousSessions: 2,
      },
    };
    const events = [
      pv(0, "/c/shoes", "category", "Shoes"),
      ev(2, "view_item", { items: [{ id: "1", price: 80, category: "Shoes", brand: "Acme" }] }),
      ev(4, "add_to_cart", { items: [{ id: "1", price: 80, quantity: 2 }] }),
      ev(6, "rage_click"),
      ev(7, "experience_impression", { experiment: "exp1", variant: "b" }),
      ev(8, "set", { props: { customer_tier: "gold" } }),
      ev(9, "view_search_results", { results: 0 }),
    ];
    let attrs: Record<string, unknown> = {};
    for (const e of events) {
      engine.process(r, e);
      attrs = attributesOf({ s: engine.get("c", "s")!, bands: engine.bandsOf("c"), now: e.t });
    }
    for (const d of DATA_POINTS)
      assert.ok(typeOk(d, attrs[d.id]), `${d.id} = ${JSON.stringify(attrs[d.id])}`);
    assert.equal(attrs.deviceType, "mobile");
    assert.equal(attrs.trafficSource, "paid-social");
    assert.equal(attrs.visitorType, "returning");
    assert.equal(attrs.cartItems, 2);
    assert.equal(attrs.cartValue, 160);
    assert.equal(attrs.topCategory, "Shoes");
    assert.deepEqual(attrs.brandsViewed, ["Acme"]);
    assert.equal(attrs.priceBand, "premium");
    assert.equal(attrs.rageClicks, 1);
    assert.equal(attrs.rageClicksSecondsAgo, 3);
    assert.equal(attrs.zeroResultSearches, 1);
    assert.deepEqual(attrs.experiments, ["exp1:b"]);
    assert.deepEqual(attrs.props, { customer_tier: "gold" });
    assert.equal(attrs.stage, "deciding");
    assert.equal(attrs.state, "struggle");
  });

  test("attributesOf with a field list reads only those", () => {
    const engine = new Engine();
    engine.process({ site: "c", visitor: "v", session: "s" }, pv(0, "/", "home"));
    const a = attributesOf({ s: engine.get("c", "s")!, bands: engine.bandsOf("c"), now: 0 }, [
      "pageViews",
      "nope",
    ]);
    assert.deepEqual(a, { pageViews: 1 });
  });
});
