/**
 * The conflict remedies in words (issue 20): the API sends them as data (api-contract Remedy),
 * segment/pair-words.ts phrases them for the matrix and the builder alike, without JSON.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { ConflictPair, Remedy } from "@intently/api-contract";
import { type PairSide, pairRemedies, remedyWords } from "../src/app/segment/pair-words.ts";

const mobile: PairSide = { id: "mobile", name: "Mobile shoppers", kind: "custom" };
const paid: PairSide = {
  id: "paid",
  name: "Paid social",
  kind: "custom",
  clause: "traffic source is paid social",
};
const focused: PairSide = { id: "focused-buyers", name: "Focused Buyers", kind: "framework" };

const pair = (a: string, b: string, remedies: Remedy[]): ConflictPair => ({
  a,
  b,
  verdict: "overlap-possible",
  direction: null,
  detail: "",
  exclusiveGroup: null,
  measured: {
    a: 0,
    b: 0,
    both: 0,
    shareOfA: null,
    shareOfB: null,
    jaccard: null,
    concurrent: { sessions: 0, totalMs: 0, meanMs: null },
  } as unknown as ConflictPair["measured"],
  remedies,
});

test("two custom segments: the exclusive group and the other's condition as words", () => {
  const p = pair("paid", "mobile", [
    { kind: "exclusive-group", segment: "mobile", other: "paid", group: "mobile-group" },
    {
      kind: "exclude-from-condition",
      segment: "mobile",
      other: "paid",
      exclusion: { $nor: [{ trafficSource: "paid-social" }] },
    },
  ]);
  // Seen from either side of the pair, the segment to change is the remedy's.
  const words = pairRemedies(p, paid, mobile);
  assert.equal(words.length, 2);
  assert.match(words[0]!, /“Mobile shoppers” and “Paid social” in the same exclusive group/);
  assert.match(words[0]!, /“mobile-group”/);
  assert.match(
    words[1]!,
    /from “Mobile shoppers”: add “none of \(traffic source is paid social\)”/,
  );
  for (const w of words) assert.doesNotMatch(w, /[{}$]/);
});

test("against a framework segment: the testing tool, or “framework segment is not …”", () => {
  const rs: Remedy[] = [
    { kind: "testing-tool-exclusion", segment: "mobile", other: "focused-buyers" },
    {
      kind: "exclude-from-condition",
      segment: "mobile",
      other: "focused-buyers",
      exclusion: { segment: { $ne: "focused-buyers" } },
    },
  ];
  const words = pairRemedies(pair("mobile", "focused-buyers", rs), mobile, focused);
  assert.match(words[0]!, /testing tool/);
  assert.equal(
    words[1],
    "Or add “framework segment is not Focused Buyers” to the condition of “Mobile shoppers”.",
  );
  // The builder: the segment being edited is “this segment”, without quotes.
  assert.match(remedyWords(rs[1]!, { name: null }, focused), /condition of this segment\.$/);
});

test("no remedy from the API, no words", () => {
  assert.deepEqual(pairRemedies(pair("mobile", "paid", []), mobile, paid), []);
});
