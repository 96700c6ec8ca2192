// Issue 13, defect 1: `$regex` / `$regexi` run on a linear-time engine (RE2 semantics), so no
// pattern can stall the event loop, and patterns that engine cannot run are refused.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { STALL_LIMIT_MS, syncStallMs } from "../../../scripts/stall.ts";
import {
  compileCondition,
  evalConditionReference,
  MAX_REGEX_SUBJECT_LENGTH,
  validateCondition,
} from "../src/index.ts";

const CATALOGUE = [{ id: "url", type: "string" }] as const;

const BOMB = "^.*a.*a.*a.*a.*b$"; // polynomial backtracking (n^5) in a backtracking engine

function both(cond: unknown, attrs: Record<string, unknown>): boolean {
  const c = compileCondition(cond)(attrs);
  assert.equal(c, evalConditionReference(cond, attrs), "compiled and reference disagree");
  return c;
}

describe("$regex runs in linear time", () => {
  test(`${BOMB} on long URLs answers right without stalling the event loop`, async () => {
    // 200 characters take seconds for a backtracking engine, the subject cap (2048) hours:
    // each group is checked before the next one runs.
    const groups = [
      [`https://shop.example/${"a".repeat(200)}`, `https://shop.example/${"a".repeat(200)}b`],
      ["a".repeat(MAX_REGEX_SUBJECT_LENGTH), `${"a".repeat(MAX_REGEX_SUBJECT_LENGTH - 1)}b`],
      [`${"a".repeat(30_000)}`, `${"a".repeat(30_000)}b`], // over the subject cap: never match
    ];
    for (const [i, [miss, hit]] of groups.entries()) {
      const answers: boolean[] = [];
      for (const op of ["$regex", "$regexi"]) {
        for (const url of [miss, hit]) {
          let got = false;
          const ms = syncStallMs(() => {
            got = both({ url: { [op]: BOMB } }, { url });
          });
          assert.ok(ms <= STALL_LIMIT_MS, `${url?.length} characters: blocked ${ms.toFixed(0)} ms`);
          answers.push(got);
        }
      }
      const want = i < 2 ? [false, true, false, true] : [false, false, false, false];
      assert.deepEqual(answers, want);
    }
  });

  test("patterns that backtrack exponentially elsewhere match like JavaScript would", () => {
    // Each answer is JavaScript's (computed on short subjects where backtracking is cheap).
    const cases: [string, string, string][] = [
      ["(a+)+$", `${"a".repeat(2000)}!`, "aaaaaaaaaaaa!"],
      ["(a*)*$", `${"a".repeat(2000)}!`, "aaaaaaaaaaaa!"],
      ["(a|aa)+$", "a".repeat(2000), "aaaaaaaaaaaa"],
      ["^(\\w+\\s?)*$", `${"ab ".repeat(600)}!`, "ab ab ab ab!"],
      ["(.*a){20}$", "a".repeat(2000), "a".repeat(24)],
    ];
    for (const [p, long, short] of cases) {
      const want = new RegExp(p).test(short); // short: cheap to backtrack
      assert.equal(both({ s: { $regex: p } }, { s: long }), want, p);
    }
  });
});

describe("patterns the linear-time engine cannot run are refused, located", () => {
  const refused: [string, RegExp][] = [
    ["(a)\\1", /backreference/],
    ["(?<n>a)\\k<n>", /backreference/],
    ["(?=a)b", /lookaround/],
    ["a(?!b)", /lookaround/],
    ["(?<=a)b", /lookaround/],
    ["(?<!a)b", /lookaround/],
    ["\\u0041", /\\u/],
    ["[^]", /class/],
    ["\\p{L}", /\\p/],
    ["a{1001}", /too large/],
    ["[\\w\\W]{1000}", /too large/],
  ];
  for (const [p, reason] of refused) {
    test(p, () => {
      const errors = validateCondition({ $or: [{ url: { $regex: p } }] }, CATALOGUE);
      assert.equal(errors.length, 1, JSON.stringify(errors));
      assert.equal(errors[0]?.path, "/$or/0/url/$regex");
      assert.match(errors[0]?.message ?? "", /not supported by the linear-time engine/);
      assert.match(errors[0]?.message ?? "", reason);
      assert.equal(both({ url: { $regex: p } }, { url: "aab" }), false); // never matches
    });
  }
  test("ordinary segment patterns are accepted", () => {
    for (const p of [
      "^/products?/",
      "(Mobile|Tablet)",
      "-12-25$",
      "^\\d+(\\.\\d+)*$",
      "[?&]q=",
      "\\bsale\\b",
    ]) {
      assert.deepEqual(validateCondition({ url: { $regexi: p } }, CATALOGUE), [], p);
    }
  });
});
