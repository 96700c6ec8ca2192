/**
 * The server's linear e-mail scan finds exactly what the shared EMAIL pattern finds (the tag runs
 * the pattern), on random text over the characters that matter to it, and it stays linear on
 * the texts that make the pattern retry its bounded local part at every character.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { STALL_LIMIT_MS, syncStallMs } from "../../../scripts/stall.ts";
import { emailSpans, replaceEmails } from "../src/privacy/emails.ts";
import { EMAIL } from "../src/privacy/rules.ts";

const byPattern = (s: string) => s.replace(new RegExp(EMAIL.source, EMAIL.flags), "<x>");

/** Text from pieces that each part of the pattern treats differently. */
const piece = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom("jo.smith@mail.example.com", "a%40b.co", "x@y.z") },
  {
    weight: 12,
    arbitrary: fc.constantFrom(
      "a",
      "B",
      "z",
      "0",
      "4",
      ".",
      "-",
      "_",
      "%",
      "%40",
      "@",
      ":",
      "/",
      "?",
      "=",
      "&",
      "#",
      " ",
      "\t",
      "é",
      ".com",
      ".c",
      "mail",
      "x".repeat(60),
    ),
  },
);
const text = fc.array(piece, { maxLength: 80 }).map((p) => p.join(""));

test("the scan replaces exactly what the pattern replaces", () => {
  fc.assert(
    fc.property(text, (s) => assert.equal(replaceEmails(s, "<x>"), byPattern(s))),
    { numRuns: 5000 },
  );
});

test("long local parts and domains: the 128 and 255 bounds are the pattern's", () => {
  for (const [local, domain] of [
    [127, 10],
    [128, 10],
    [129, 10],
    [300, 10],
    [5, 254],
    [5, 255],
    [5, 256],
  ] as const) {
    const s = `see ${"l".repeat(local)}@${"d".repeat(domain)}.example now ${"u".repeat(local)}%40${"e".repeat(domain)}.org`;
    assert.equal(replaceEmails(s, "<x>"), byPattern(s), `${local}/${domain}`);
  }
});

test("addresses are found in URLs, also percent-encoded", () => {
  const s = "https://shop.test/u/jo.smith@mail.example.com/p?ref=jo%40mail.example.org&x=1";
  assert.deepEqual(emailSpans(s).length, 2);
  assert.equal(replaceEmails(s, "r"), "https://shop.test/u/r/p?ref=r&x=1");
});

test("an '@' in every field does not make the scan retry: 64 KB never holds the thread 100 ms", () => {
  const k = 1 << 16;
  for (const s of [
    `${"a".repeat(k)}@`,
    "a%40".repeat(k / 4),
    "a@".repeat(k / 2),
    `${"a.".repeat(k / 2)}@b`,
  ]) {
    const ms = syncStallMs(() => replaceEmails(s, "r"));
    assert.ok(ms <= STALL_LIMIT_MS, `${s.slice(0, 12)}…: ${ms.toFixed(1)} ms`);
  }
});

test("the random texts hold addresses (the equivalence above is not vacuous)", () => {
  const samples = fc.sample(text, { numRuns: 2000, seed: 1 });
  assert.ok(samples.filter((s) => emailSpans(s).length > 0).length > 100);
});
