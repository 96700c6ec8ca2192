import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { assertSeeded } from "../../model/test/support/seeded.ts";
import { BRANDS, CATEGORIES, createCatalogue } from "../src/catalogue.ts";
import { deriveSeed, Random } from "../src/random.ts";

describe("Random", () => {
  it("is deterministic by seed and differs between seeds", () => {
    assertSeeded(
      (seed) => {
        const r = new Random(seed);
        return () => r.u32();
      },
      1,
      2,
    );
  });

  it("draws within bounds and by weight", () => {
    const r = new Random(deriveSeed(9, 1));
    const counts = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 20_000; i++) {
      const x = r.next();
      assert.ok(x >= 0 && x < 1);
      const k = r.range(3, 5);
      assert.ok(k >= 3 && k <= 5 && Number.isInteger(k));
      counts[r.weighted({ a: 1, b: 3, c: 0 })] += 1;
    }
    assert.equal(counts.c, 0);
    assert.ok(Math.abs(counts.b / 20_000 - 0.75) < 0.02, `b share ${counts.b / 20_000}`);
  });

  it("log-normal draws have the requested median", () => {
    const r = new Random(3);
    const xs = Array.from({ length: 4001 }, () => r.logNormal(30, 0.7)).sort((x, y) => x - y);
    assert.ok(Math.abs(xs[2000]! / 30 - 1) < 0.08, `median ${xs[2000]}`);
  });
});

describe("catalogue", () => {
  it("has ~400 products over 8 categories and 20 brands, generated from the seed", () => {
    const cat = createCatalogue(5);
    assert.equal(cat.products.length, 400);
    assert.equal(CATEGORIES.length, 8);
    assert.equal(BRANDS.length, 20);
    for (const c of CATEGORIES) assert.ok(cat.byCategory[c].length >= 45);
    assert.ok(new Set(cat.products.map((p) => p.id)).size === 400);
    assert.ok(new Set(cat.products.map((p) => p.brand)).size >= 15);
    for (const p of cat.products) {
      assert.ok(p.price > 0 && p.price <= p.listPrice);
      assert.equal(p.onSale, p.price < p.listPrice);
    }
    assert.ok(cat.sale.length > 40 && cat.sale.length < 130);
    assert.deepEqual(createCatalogue(5), cat);
    assert.notDeepEqual(createCatalogue(6).products, cat.products);
  });

  it("prices differ by category (Beauty is cheaper than Jackets)", () => {
    const cat = createCatalogue(11);
    const median = (c: (typeof CATEGORIES)[number]) => {
      const ps = cat.cheapest[c];
      return ps[Math.floor(ps.length / 2)]!.price;
    };
    assert.ok(median("Beauty") * 3 < median("Jackets"));
  });

  it("indexes search terms", () => {
    const cat = createCatalogue(1);
    for (const term of cat.termList) {
      for (const p of cat.terms.get(term)!)
        assert.ok(p.term === term || p.term.endsWith(` ${term}`));
    }
  });
});
