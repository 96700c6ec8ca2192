/**
 * Scorer.nextChange of the model scorer (issue 24): while only time passes, the prior model's
 * scores stay exactly as they are for less than nextChange seconds — the promise the engine's
 * deadlines rely on (docs/product/engine.md#time).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { ELAPSED_FEATURES, FEATURE_COUNT, type Scores } from "@intently/engine";
import fc from "fast-check";
import { priorScorer } from "../src/prior.ts";

const scorer = priorScorer();

function scoreAt(x: Float64Array, dt: number): Scores {
  const y = Float64Array.from(x);
  for (const f of ELAPSED_FEATURES) y[f] = y[f]! + dt;
  const out = { xC: 0, xATC: 0, xE: 0 };
  scorer.score(y, out);
  return out;
}

test("the prior model's scores do not move before nextChange, and do move at some threshold", () => {
  assert.ok(scorer.nextChange, "the model scorer says when its scores may change");
  let moved = 0;
  fc.assert(
    fc.property(
      fc.array(fc.integer({ min: 0, max: 12 }), {
        minLength: FEATURE_COUNT,
        maxLength: FEATURE_COUNT,
      }),
      fc.double({ min: 0, max: 900, noNaN: true }),
      fc.double({ min: 0, max: 300, noNaN: true }),
      fc.double({ min: 0, max: 1, noNaN: true }),
      (counts, onSite, sinceActivity, frac) => {
        const x = Float64Array.from(counts);
        x[ELAPSED_FEATURES[0]!] = onSite;
        x[ELAPSED_FEATURES[1]!] = sinceActivity;
        x[14] = Math.min(x[14]!, 5); // stage
        const d = scorer.nextChange!(x);
        assert.ok(d >= 0);
        const now = scoreAt(x, 0);
        if (Number.isFinite(d)) {
          // Anywhere strictly before the next threshold: the same scores.
          assert.deepEqual(scoreAt(x, d * frac * 0.999), now);
          const after = scoreAt(x, d + 1e-6);
          if (after.xC !== now.xC || after.xATC !== now.xATC || after.xE !== now.xE) moved++;
        } else assert.deepEqual(scoreAt(x, 10_000), now);
      },
    ),
    { numRuns: 500 },
  );
  assert.ok(moved > 0, "some thresholds change a score");
});
