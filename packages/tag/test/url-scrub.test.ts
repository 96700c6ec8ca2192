/**
 * URL scrubbing in Node: e-mails are still found, and a long URL (the page's own, which anyone
 * can make long with a link) is scrubbed in bounded time: the e-mail pattern's quantifiers are
 * bounded by the lengths an address can have, so no input makes it backtrack quadratically.
 */
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { REDACTED } from "@intently/engine/privacy/rules";
import { STALL_LIMIT_MS, syncStallMs } from "../../../scripts/stall.ts";
import { scrub } from "../src/data/url.ts";

before(() => {
  (globalThis as { location?: { href: string } }).location ??= { href: "https://shop.test/" };
});

test("e-mails are redacted in the path, query and fragment, also percent-encoded", () => {
  const out = scrub(
    "https://shop.test/u/jo.smith@mail.example.com/p?ref=jo%40mail.example.org&x=1#k=a@b.io",
  );
  assert.ok(!out.includes("jo.smith@"), out);
  assert.ok(!out.includes("jo%40mail"), out);
  assert.ok(!out.includes("a@b.io"), out);
  assert.ok(out.includes(REDACTED), out);
  assert.ok(out.includes("x=1"), out);
});

test("a 64 KB URL with no e-mail, or with many '@' and '%40', never holds the thread 100 ms", () => {
  const runs = [
    `https://shop.test/${"a".repeat(65_536)}`,
    `https://shop.test/p?q=${"a".repeat(65_536)}`,
    `https://shop.test/${"a%40".repeat(16_384)}`,
    `https://shop.test/p?q=${"a@a.".repeat(16_384)}`,
    `https://shop.test/${"a.".repeat(32_768)}`,
  ];
  for (const href of runs) {
    const ms = syncStallMs(() => assert.ok(scrub(href).length <= 2048));
    assert.ok(ms <= STALL_LIMIT_MS, `${href.slice(0, 40)}…: ${ms.toFixed(0)} ms`);
  }
});
