/**
 * Scores move the way a shopper's actions say (issue 20, item 9): in the bundled prior and in a
 * model trained here, every feature of MONOTONE never lowers (+1) or raises (−1) its score,
 * calibrated probability included, from real rows of simulated sessions.
 */
import { describe, test } from "node:test";
import { FEATURE_NAMES } from "@intently/engine";
import { type Model, predictProba } from "@intently/model";
import { simulate } from "@intently/simulator";
import fc from "fast-check";
import { buildDataset, groupSessions, loadBundle, priorBundle, trainBundle } from "../src/index.ts";
import { MONOTONE } from "../src/monotone.ts";

const rows = buildDataset(await groupSessions(simulate({ sessions: 400, seed: 5, days: 3 })));

function holds(models: Record<"xC" | "xATC" | "xE", Model>, label: string) {
  for (const key of ["xC", "xATC", "xE"] as const) {
    for (const [name, dir] of Object.entries(MONOTONE[key])) {
      const f = FEATURE_NAMES.indexOf(name as (typeof FEATURE_NAMES)[number]);
      const x = rows.rows[key].x;
      test(`${label}: ${key} ${dir > 0 ? "never falls" : "never rises"} as ${name} grows`, () => {
        fc.assert(
          fc.property(
            fc.nat({ max: x.length - 1 }),
            fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 6 }),
            (i, steps) => {
              const row = Float64Array.from(x[i] as ArrayLike<number>);
              let prev = predictProba(models[key], row);
              for (const s of steps) {
                row[f] = (row[f] as number) + s;
                const p = predictProba(models[key], row);
                if (dir > 0 ? p < prev - 1e-12 : p > prev + 1e-12) return false;
                prev = p;
              }
              return true;
            },
          ),
          { numRuns: 300 },
        );
      });
    }
  }
}

describe("monotone scores", () => {
  holds(priorBundle(), "the bundled prior");
  const trained = trainBundle(rows, {
    site: "t",
    seed: 2,
    params: { numRounds: 40, earlyStoppingRounds: 10 },
    now: new Date("2026-12-01T00:00:00Z"),
  });
  holds(loadBundle(trained), "a model trained here");
});
