import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { visitorKey } from "../src/duckdb/keys.ts";

// Keys are stored beside each session: a change in the hash would split a visitor's old and new rows.
test("visitorKey: pinned values for stored rows", () => {
  assert.equal(visitorKey(""), 4542716992029075);
  assert.equal(visitorKey("v_1"), 2145405909739651);
  assert.equal(visitorKey("visitor-é"), 5088053121695097);
});

test("visitorKey: a safe non-negative integer under 2^53 for any id", () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 200 }), (v) => {
      const k = visitorKey(v);
      assert.ok(Number.isSafeInteger(k) && k >= 0, String(k));
    }),
  );
});
