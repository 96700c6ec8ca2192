/**
 * The shared PII rules (docs/privacy.md "What is scrubbed"): names kept and redacted, values
 * (e-mail, phone, Luhn-valid card, JWT, cloud key) found anywhere in a URL or in free text, harmless
 * URLs kept byte for byte, and every rule linear on a long input.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { STALL_LIMIT_MS, syncStallMs } from "../../../scripts/stall.ts";
import { classifyTraffic } from "../src/index.ts";
import { REDACTED } from "../src/privacy/rules.ts";
import { luhn, maskText, scrubUrl, sensitiveName } from "../src/privacy/scrub.ts";
import { secret, textWord, word } from "./support/secrets.ts";

const REDACTED_NAMES = [
  "email",
  "mail",
  "tel",
  "phone",
  "mobile",
  "name",
  "first",
  "last",
  "user",
  "username",
  "password",
  "pass",
  "pwd",
  "token",
  "auth",
  "jwt",
  "session",
  "sid",
  "reset",
  "code",
  "otp",
  "pin",
  "credential",
  "card",
  "cc",
  "iban",
  "ssn",
  "address",
  "zip",
  "postcode",
  "key",
  "secret",
  "signature",
  "sig",
  "X-Amz-Credential",
  "X-Amz-Signature",
  "X-Amz-Security-Token",
  "first_name",
  "userEmail",
  "lastName",
  "ccNumber",
  "api_key",
  "apiKey",
  "access_token",
  "session_id",
  "resetToken",
  "user_id",
  "phone-number",
  "cvv",
  "dob",
];
const KEPT_NAMES = [
  "category",
  "page",
  "sort",
  "utm_source",
  "utm_medium",
  "utm_campaign",
  "utm_term",
  "utm_content",
  "gclid",
  "fbclid",
  "msclkid",
  "q",
  "keyword",
  "color",
  "size",
  "ref",
  "lang",
  "variant",
  "filter",
  "price_min",
  "currency",
  "brand",
  "view",
  "id",
  "sku",
  "limit",
  "offset",
];

test("parameter names: the documented list is redacted, harmless names are kept", () => {
  for (const n of REDACTED_NAMES) assert.ok(sensitiveName(n), `${n} should be redacted`);
  for (const n of KEPT_NAMES) assert.ok(!sensitiveName(n), `${n} should be kept`);
});

test("hash routes, fragments, path tokens, credentials and query values", () => {
  const cases: [string, RegExp][] = [
    ["https://shop.test/#/reset/Zx9abc12", /Zx9abc12/],
    ["https://shop.test/account/reset/Zx9abc12?x=1", /Zx9abc12/],
    ["https://shop.test/cb#access_token=abc123&state=s", /abc123/],
    ["https://shop.test/u/jo.smith@mail.example.com/orders", /jo\.smith/],
    ["https://bob:hunter2@shop.test/", /hunter2|bob/],
    ["https://shop.test/p?tel=0123&cc=4&jwt=x1&first=Jo&user=jo&reset=r9", /0123|=4|x1|Jo|=jo|r9/],
    ["https://s3.test/f?X-Amz-Credential=AK%2F2024&X-Amz-Signature=ffee", /AK%2F|ffee/],
    [`https://shop.test/dl/${"a1B2".repeat(10)}`, /a1B2a1B2/],
  ];
  for (const [url, secret] of cases) {
    const out = scrubUrl(url);
    assert.ok(!secret.test(out), `${url} → ${out}`);
  }
  const kept =
    "https://shop.test/c/shoes/Nike-Air-Max-270-React-Mens-Running?page=2&sort=price&utm_source=google&gclid=Cj0KCQ#reviews";
  assert.equal(scrubUrl(kept), kept);
  // a click id's long value is token-like and goes; the parameter stays for traffic sources
  const ad = scrubUrl(`https://shop.test/?gclid=${"Cj0KCQiA7".repeat(6)}BwE&utm_source=google`);
  assert.equal(ad, "https://shop.test/?gclid=redacted&utm_source=google");
  assert.equal(classifyTraffic(ad, "").source, "paid-search");
});

test("free text: e-mails, phones and card numbers are masked, the rest kept", () => {
  assert.equal(maskText("red boots jo@x.io size 42"), `red boots ${REDACTED} size 42`);
  assert.equal(maskText("call +44 20 7946 0958 now"), `call ${REDACTED} now`);
  assert.ok(!maskText("card 4111 1111 1111 1111 exp 2028").includes("4111"));
  assert.equal(maskText("iphone 15 pro 256gb"), "iphone 15 pro 256gb");
  assert.ok(luhn("4111111111111111") && !luhn("4111111111111112"));
});

// ---- generated secrets (support/secrets.ts) --------------------------------------------

const keptName = fc.constantFrom(...KEPT_NAMES);
const anyName = fc.oneof(keptName, fc.constantFrom(...REDACTED_NAMES));
const harmless = fc.record({
  path: fc.array(word, { maxLength: 4 }),
  query: fc.array(fc.tuple(keptName, word), { maxLength: 4 }),
  hash: fc.option(word, { nil: undefined }),
});
const build = (path: string[], query: string[], hash?: string) =>
  `https://shop.example/${path.join("/")}${query.length ? `?${query.join("&")}` : ""}${hash === undefined ? "" : `#${hash}`}`;

function absent(out: string, s: string) {
  for (const form of [s, encodeURIComponent(s), s.replace(/ /g, "+")])
    assert.ok(!out.includes(form), `${JSON.stringify(s)} survives in ${out}`);
}

test("property: a generated secret anywhere in a URL does not survive scrubbing", () => {
  const place = fc.constantFrom("path", "query", "fragment-param", "hash-route", "fragment");
  fc.assert(
    fc.property(
      harmless,
      secret,
      place,
      anyName,
      fc.constantFrom(true, false),
      (h, s, where, n, enc) => {
        const q = h.query.map(([k, v]) => `${k}=${v}`);
        const path = [...h.path];
        const e = enc ? encodeURIComponent(s) : s;
        let hash = h.hash;
        if (where === "path") path.splice(path.length >> 1, 0, e);
        else if (where === "query") q.splice(q.length >> 1, 0, `${n}=${e}`);
        else if (where === "fragment-param") hash = `${n}=${e}`;
        else if (where === "hash-route") hash = `/${h.path.join("/")}/${e}`;
        else hash = e;
        absent(scrubUrl(build(path, q, hash)), s);
      },
    ),
    { numRuns: 600 },
  );
});

test("property: a generated secret in search text is masked, the other words kept", () => {
  fc.assert(
    fc.property(
      fc.array(textWord, { maxLength: 4 }),
      secret,
      fc.array(textWord, { maxLength: 4 }),
      (a, s, b) => {
        const out = maskText([...a, s, ...b].join(" "));
        absent(out, s);
        for (const w of [...a, ...b]) assert.ok(out.includes(w), `${w} kept in ${out}`);
      },
    ),
    { numRuns: 600 },
  );
});

test("property: a URL without secrets keeps its path, params and fragment unchanged", () => {
  fc.assert(
    fc.property(harmless, (h) => {
      const url = build(
        h.path,
        h.query.map(([k, v]) => `${k}=${v}`),
        h.hash,
      );
      assert.equal(scrubUrl(url), url);
    }),
    { numRuns: 600 },
  );
});

test("a 64 KB URL or text built to make patterns backtrack never holds the thread 100 ms", () => {
  const runs = [
    "a".repeat(65_536),
    "eyJ".repeat(21_846),
    `eyJ${"a".repeat(65_536)}.`,
    "1 ".repeat(32_768),
    "+1-".repeat(21_846),
    "a@a.".repeat(16_384),
    "a%40".repeat(16_384),
    "AKIA".repeat(16_384),
    `${"aB3".repeat(21_845)}.`,
    "/reset".repeat(10_923),
    `?${"a=1&".repeat(16_384)}`,
    `#/${"x/".repeat(32_768)}`,
  ];
  for (const s of runs) {
    for (const f of [() => scrubUrl(`https://shop.test/${s}`), () => maskText(s)]) {
      const ms = syncStallMs(f);
      assert.ok(ms <= STALL_LIMIT_MS, `${s.slice(0, 20)}…: ${ms.toFixed(0)} ms`);
    }
  }
});
