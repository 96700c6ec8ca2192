/**
 * Amounts written in any locale (src/data/amount.ts): what Intl.NumberFormat writes in 20
 * locales is read back exactly with the locale's decimal separator as the hint, and without a
 * hint it is read exactly or kept as raw text, never off by a power of ten.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { amount, decimalOf, wholeCurrency } from "../src/data/amount.ts";

const LOCALES = [
  "en-US",
  "en-GB",
  "en-IN",
  "de-DE",
  "de-CH",
  "fr-FR",
  "fr-CH",
  "es-ES",
  "it-IT",
  "nl-NL",
  "pt-BR",
  "pl-PL",
  "sv-SE",
  "ru-RU",
  "ja-JP",
  "zh-CN",
  "ar-EG",
  "fa-IR",
  "bn-BD",
  "tr-TR",
];
const CURRENCIES = ["USD", "EUR", "GBP", "JPY", "CHF", "INR", "BRL", "KWD"];

const formatted = fc.record({
  locale: fc.constantFrom(...LOCALES),
  currency: fc.option(fc.constantFrom(...CURRENCIES), { nil: undefined }),
  display: fc.constantFrom("symbol", "code", "name", "narrowSymbol"),
  digits: fc.constantFrom(0, 1, 2, 3),
  units: fc.oneof(fc.integer({ min: 0, max: 999 }), fc.integer({ min: 0, max: 2e9 })),
  grouping: fc.boolean(),
});

function write(f: typeof formatted extends fc.Arbitrary<infer R> ? R : never) {
  const x = f.units / 10 ** f.digits;
  const s = new Intl.NumberFormat(f.locale, {
    style: f.currency ? "currency" : "decimal",
    currency: f.currency,
    currencyDisplay: f.display as Intl.NumberFormatOptions["currencyDisplay"],
    minimumFractionDigits: f.digits,
    maximumFractionDigits: f.digits,
    useGrouping: f.grouping,
  }).format(x);
  return { x, s };
}

test("with the site locale as the hint, every formatted amount reads back exactly", () => {
  fc.assert(
    fc.property(formatted, (f) => {
      // Node's ICU writes Turkish currency names oddly ("CHF 0,0 İsviçre frangı0"): two numbers.
      fc.pre(!(f.locale === "tr-TR" && f.currency && f.display === "name"));
      const { x, s } = write(f);
      const a = amount(s, decimalOf(f.locale));
      assert.equal(a.v, x, `${f.locale} ${JSON.stringify(s)}`);
    }),
    { numRuns: 3000 },
  );
});

test("without a hint, an amount reads back exactly or is kept as raw text: never off by 10^k", () => {
  fc.assert(
    fc.property(formatted, (f) => {
      const { x, s } = write(f);
      const a = amount(s);
      if (a.v === undefined) assert.equal(a.raw, s.trim(), `${f.locale} ${JSON.stringify(s)}`);
      else assert.equal(a.v, x, `${f.locale} ${JSON.stringify(s)}`);
    }),
    { numRuns: 3000 },
  );
});

test("with the site's currency as a hint too, an amount in its own minor units reads back exactly", () => {
  // What a shop writes: the currency's own fraction digits (JPY none, KWD three), with or
  // without the site's locale as the other hint. In a currency without minor units the
  // currency alone decides "1.299" and "1,299"; otherwise it changes nothing.
  const natural = fc.record({
    locale: fc.constantFrom(...LOCALES),
    currency: fc.constantFrom(...CURRENCIES, "KRW", "CLP", "ISK"),
    display: fc.constantFrom("symbol", "code", "narrowSymbol", "none"),
    units: fc.oneof(fc.integer({ min: 0, max: 999_999 }), fc.integer({ min: 0, max: 2e9 })),
    grouping: fc.boolean(),
    withLocale: fc.boolean(),
  });
  fc.assert(
    fc.property(natural, (f) => {
      const plain = f.display === "none";
      const nf = new Intl.NumberFormat(f.locale, {
        style: "currency",
        currency: f.currency,
        currencyDisplay: plain
          ? "code"
          : (f.display as Intl.NumberFormatOptions["currencyDisplay"]),
        useGrouping: f.grouping,
      });
      const digits = nf.resolvedOptions().maximumFractionDigits ?? 2;
      const x = f.units / 10 ** digits;
      // "none": the number alone, as a dataLayer value usually is.
      const s = plain
        ? nf
            .formatToParts(x)
            .filter((p) => p.type !== "currency" && p.type !== "literal")
            .map((p) => p.value)
            .join("")
        : nf.format(x);
      const a = amount(s, f.withLocale ? decimalOf(f.locale) : undefined, 1e10, f.currency);
      const say = `${f.locale} ${f.currency} ${JSON.stringify(s)}`;
      if (f.withLocale || wholeCurrency(f.currency)) assert.equal(a.v, x, say);
      else if (a.v === undefined) assert.equal(a.raw, s.trim(), say);
      else assert.equal(a.v, x, say);
    }),
    { numRuns: 3000 },
  );
});

test("the issue's examples", () => {
  assert.deepEqual(amount("1.299,00"), { v: 1299, cur: undefined });
  assert.equal(amount("$1,299.00").v, 1299);
  assert.deepEqual(amount("49.99 EUR"), { v: 49.99, cur: "EUR" });
  assert.equal(amount("12,50").v, 12.5);
  assert.equal(amount("49.00").v, 49);
  // "1.299" is 1,299 in German and 1.299 in English: ambiguous without the locale.
  assert.deepEqual(amount("1.299"), { raw: "1.299", cur: undefined });
  assert.equal(amount("1.299", decimalOf("de-DE")).v, 1299);
  assert.equal(amount("1.299", decimalOf("en-GB")).v, 1.299);
  assert.equal(amount("0.299").v, 0.299);
  // The site's currency as the hint: yen have no minor units, so "1.299" is 1,299 yen.
  assert.equal(amount("1.299", undefined, 1e10, "JPY").v, 1299);
  assert.equal(amount("¥1,299", decimalOf("en-US"), 1e10, "JPY").v, 1299);
  assert.deepEqual(amount("1.299", undefined, 1e10, "EUR"), { raw: "1.299", cur: undefined });
  assert.deepEqual(amount("1.299 EUR", undefined, 1e10, "JPY"), { raw: "1.299 EUR", cur: "EUR" });
  assert.equal(amount(12.5).v, 12.5);
  // Not amounts: negative, two numbers, nothing.
  for (const x of ["-5", "1 2 3 4", "abc", "", null, {}, -1, Number.NaN, "(12.00)"]) {
    assert.equal(amount(x).v, undefined, String(x));
  }
});
