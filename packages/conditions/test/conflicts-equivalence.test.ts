// Conflict verdicts depend on what conditions mean, not on how they are written: equivalent
// forms of a pair get the same verdict, and exact verdicts hold on GrowthBook's own evaluator.
import assert from "node:assert/strict";
import { test } from "node:test";
import { evalCondition } from "@growthbook/growthbook";
import fc from "fast-check";
import { analyzePair } from "../src/index.ts";
import { CATALOGUE, condition, pair, rewriting, session } from "./condition-rewrites.ts";

const gb = (c: unknown, attrs: Record<string, unknown>) => evalCondition(attrs, c as never);

function verdict(a: unknown, b: unknown): string {
  const r = analyzePair(a, b, { catalogue: CATALOGUE });
  return r.direction ? `${r.verdict}/${r.direction}` : r.verdict;
}

test("every rewrite keeps the meaning under GrowthBook's evalCondition", () => {
  fc.assert(
    fc.property(
      condition,
      rewriting,
      fc.array(session, { minLength: 30, maxLength: 30 }),
      (c, rw, sessions) => {
        const r = rw(c);
        for (const s of sessions) assert.equal(gb(r, s), gb(c, s), JSON.stringify([r, s]));
      },
    ),
    { numRuns: 3000 },
  );
});

test("equivalent forms of a pair get the same verdict", () => {
  fc.assert(
    fc.property(
      pair,
      rewriting,
      rewriting,
      fc.constantFrom("a", "b", "both"),
      ([a, b], rwa, rwb, side) => {
        const a2 = side === "b" ? a : rwa(a);
        const b2 = side === "a" ? b : rwb(b);
        assert.equal(verdict(a2, b2), verdict(a, b), JSON.stringify({ a2, b2 }));
      },
    ),
    { numRuns: 2000 },
  );
});

test("the shrunk counterexamples found before the canonical form", () => {
  const equal: [unknown, unknown][] = [
    [{ t: { $nin: ["x"] } }, { $not: { t: { $in: ["x"] } } }],
    [{ t: { $in: ["x"] } }, { t: { $in: ["x", "x"] } }],
    [{ t: { $in: ["x", "y"] } }, { $or: [{ t: { $in: ["x"] } }, { t: { $in: ["y"] } }] }],
    [{ t: { $nin: ["x", "y"] } }, { $and: [{ t: { $nin: ["x"] } }, { t: { $nin: ["y"] } }] }],
    [
      { $not: { $or: [{ t: { $in: ["x"] } }, { n: { $in: [0] } }] } },
      { $nor: [{ t: { $in: ["x", "x"] } }, { n: { $in: [0, 0] } }] },
    ],
    [{ t: { $all: ["x"] } }, { t: { $elemMatch: { $eq: "x" } } }],
  ];
  for (const [a, b] of equal) assert.equal(verdict(a, b), "subset/equal", JSON.stringify([a, b]));
  assert.equal(verdict({ t: { $size: 0 } }, { t: { $in: ["x"] } }), "disjoint");
  // Near the term limit: atoms that differ only in form no longer multiply the terms.
  const ks = [1, 2, 3];
  const a = {
    $and: ks.map((k) => ({ $or: [{ [`p${k}`]: { $nin: [1] } }, { [`q${k}`]: { $nin: [1] } }] })),
  };
  const b = {
    $and: ks.map((k) => ({
      $or: [{ $not: { [`p${k}`]: { $in: [1] } } }, { [`q${k}`]: { $not: { $in: [1] } } }],
    })),
  };
  assert.equal(analyzePair(a, a, { maxTerms: 32 }).direction, "equal");
  assert.equal(analyzePair(a, b, { maxTerms: 32 }).direction, "equal");
});

const seen: Record<string, number> = {};

test("disjoint and subset verdicts hold on GrowthBook's evalCondition", () => {
  fc.assert(
    fc.property(
      pair,
      rewriting,
      fc.array(session, { minLength: 40, maxLength: 40 }),
      ([a0, b], rw, sessions) => {
        const a = rw(a0);
        const v = verdict(a, b);
        seen[v] = (seen[v] ?? 0) + 1;
        for (const s of sessions) {
          const ma = gb(a, s);
          const mb = gb(b, s);
          const at = JSON.stringify(s);
          if (v === "disjoint") assert.ok(!(ma && mb), `both match ${at}`);
          if (v === "subset/a-in-b" || v === "subset/equal") assert.ok(!ma || mb, `A only ${at}`);
          if (v === "subset/b-in-a" || v === "subset/equal") assert.ok(!mb || ma, `B only ${at}`);
        }
      },
    ),
    { numRuns: 2000 },
  );
  // The property means something only if the exact verdicts show up.
  for (const k of ["disjoint", "subset/a-in-b", "subset/b-in-a", "overlap-possible"]) {
    assert.ok((seen[k] ?? 0) >= 20, `too few ${k}: ${JSON.stringify(seen)}`);
  }
});
