/**
 * Why a score moved (issue 20, item 9: the live view's reasons), on the bundled prior model and
 * real rows of simulated sessions: the reasons of a change sum to the change of the score the
 * engine shows (certainties included), and a feature of MONOTONE never shows a reason of the
 * wrong sign for the way it moved.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { FEATURE_NAMES, type Scores } from "@intently/engine";
import { simulate } from "@intently/simulator";
import fc from "fast-check";
import { buildDataset, groupSessions, priorScorer } from "../src/index.ts";
import { MONOTONE } from "../src/monotone.ts";

const data = buildDataset(await groupSessions(simulate({ sessions: 300, seed: 11, days: 2 })));
const x = data.rows.xC.x;
const scorer = priorScorer();
const KEYS = ["xC", "xATC", "xE"] as const;
const out: Scores = { xC: 0, xATC: 0, xE: 0 };
const scoreOf = (v: Float64Array, key: (typeof KEYS)[number]) => {
  scorer.score(v, out);
  return out[key];
};
const row = (i: number) => Float64Array.from(x[i] as ArrayLike<number>);

describe("reasons of a score change", () => {
  test("the reasons sum to the score's change, for any two rows and any mix of them", () => {
    fc.assert(
      fc.property(
        fc.nat({ max: x.length - 1 }),
        fc.nat({ max: x.length - 1 }),
        fc.array(fc.boolean(), {
          minLength: FEATURE_NAMES.length,
          maxLength: FEATURE_NAMES.length,
        }),
        (i, j, take) => {
          const x0 = row(i);
          const x1 = row(i);
          const other = row(j);
          take.forEach((t, f) => {
            if (t) x1[f] = other[f]!;
          });
          for (const key of KEYS) {
            const reasons = scorer.explainChange!(x0, x1, key);
            const sum = reasons.reduce((s, r) => s + r.contribution, 0);
            const delta = scoreOf(x1, key) - scoreOf(x0, key);
            if (Math.abs(sum - delta) > 1e-9) return false;
            for (const r of reasons)
              if (
                r.feature !== "other" &&
                x0[FEATURE_NAMES.indexOf(r.feature as never)] ===
                  x1[FEATURE_NAMES.indexOf(r.feature as never)]
              )
                return false; // only a feature that changed is a reason
          }
          return true;
        },
      ),
      { numRuns: 200 },
    );
  });

  for (const key of KEYS) {
    for (const [name, dir] of Object.entries(MONOTONE[key])) {
      const f = FEATURE_NAMES.indexOf(name as (typeof FEATURE_NAMES)[number]);
      test(`${key}: ${name} growing never shows a ${dir > 0 ? "negative" : "positive"} reason`, () => {
        let seen = 0;
        fc.assert(
          fc.property(
            fc.nat({ max: x.length - 1 }),
            fc.nat({ max: x.length - 1 }),
            fc.integer({ min: 1, max: 3 }),
            fc.array(fc.boolean(), {
              minLength: FEATURE_NAMES.length,
              maxLength: FEATURE_NAMES.length,
            }),
            (i, j, step, take) => {
              const x0 = row(i);
              const x1 = row(i);
              const other = row(j);
              take.forEach((t, g) => {
                if (t && g !== f) x1[g] = other[g]!;
              });
              x1[f] = x0[f]! + step;
              const r = scorer.explainChange!(x0, x1, key).find((c) => c.feature === name);
              if (!r) return true;
              seen++;
              return dir > 0 ? r.contribution >= -1e-12 : r.contribution <= 1e-12;
            },
          ),
          { numRuns: 300 },
        );
        assert.ok(seen > 0, `${name} was never a reason of ${key}`);
      });
    }
  }

  test("an add to cart alone: xC's reason is the add to cart, up; xATC becomes certain", () => {
    const i = x.findIndex((v) => v[FEATURE_NAMES.indexOf("cartAdds")] === 0);
    const x0 = row(i);
    const x1 = row(i);
    x1[FEATURE_NAMES.indexOf("cartAdds")] = 1;
    const xATC = scorer.explainChange!(x0, x1, "xATC");
    assert.deepEqual(
      xATC.map((r) => r.feature),
      ["cartAdds"],
    );
    assert.ok(Math.abs(xATC[0]!.contribution - (1 - scoreOf(x0, "xATC"))) < 1e-12);
    for (const r of scorer.explainChange!(x0, x1, "xC")) assert.ok(r.contribution >= 0);
  });
});
