/**
 * maskText's shortcut (issue 15): text that `plainText` lets through unscanned is text the full
 * rules (`maskAll`) leave unchanged, on random text built from the pieces each rule looks for
 * (digits, "@", "%40", key prefixes, JWT heads, long runs), and the shortcut does fire on the
 * short words URLs and titles are made of.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { maskAll, maskText, plainText, scrubUrl } from "../src/privacy/scrub.ts";

const piece = fc.oneof(
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      "jo@shop.io",
      "a%40b.co",
      "AKIA",
      "AIza",
      "ghp_",
      "sk_live_",
      "xoxb-",
    ),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom("eyJhbGciOiJIUzI1", "eyJ", "+44", "(0)", "4111", "aB3dE6gH9jK2mN5p"),
  },
  {
    weight: 10,
    arbitrary: fc.constantFrom(
      "a",
      "Z",
      "q",
      "0",
      "7",
      "9",
      " ",
      "-",
      "_",
      "/",
      "=",
      "+",
      "~",
      "é",
    ),
  },
  { weight: 2, arbitrary: fc.string({ maxLength: 6 }) },
);
const text = fc.array(piece, { maxLength: 40 }).map((p) => p.join(""));

test("plain text is what the full rules leave unchanged (both bare modes)", () => {
  fc.assert(
    fc.property(text, fc.boolean(), (s, bare) => {
      if (!plainText(s)) return;
      assert.equal(maskAll(s, bare), s);
      assert.equal(maskText(s, bare), s);
    }),
    { numRuns: 5000 },
  );
});

test("maskText equals the full rules on any text", () => {
  fc.assert(
    fc.property(text, fc.boolean(), (s, bare) => assert.equal(maskText(s, bare), maskAll(s, bare))),
    { numRuns: 3000 },
  );
});

test("the shortcut takes short words and still hands secrets to the rules", () => {
  for (const s of ["dresses", "Northwind black boots", "button.add-to-cart", "sku-10353"])
    assert.equal(plainText(s), true, s);
  for (const s of [
    "jo@shop.io",
    "a%40b.co",
    "07700 900123",
    "AKIAABCDEFGHIJKLMNOP",
    "x".repeat(15),
  ])
    assert.equal(plainText(s), false, s);
  assert.equal(plainText("a ".repeat(3000)), false); // beyond MAX_SCAN: cut by the full rules
  assert.equal(
    scrubUrl("https://shop.example/c/dresses?email=jo%40shop.io"),
    "https://shop.example/c/dresses?email=redacted",
  );
});
