import assert from "node:assert/strict";
import { test } from "node:test";
import { originsForDomain } from "../src/app/settings/shop-domain.ts";

test("a shop's domain gives its origins, with and without www", () => {
  const o = (s: string) => originsForDomain(s);
  assert.deepEqual(o("shop.example.com"), {
    origins: ["https://shop.example.com", "https://www.shop.example.com"],
  });
  assert.deepEqual(o(" https://www.Boutique.fr/produits?x=1 "), {
    origins: ["https://boutique.fr", "https://www.boutique.fr"],
  });
  assert.deepEqual(o("http://shop.test:8080"), {
    origins: ["http://shop.test:8080", "http://www.shop.test:8080"],
  });
  assert.deepEqual(o("http://localhost:3000"), { origins: ["http://localhost:3000"] });
  assert.deepEqual(o(""), { origins: [] });
  for (const bad of ["not a domain", "shop", "ftp://shop.example", "https://"])
    assert.ok("error" in o(bad), bad);
});
