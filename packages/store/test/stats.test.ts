import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { logGamma, normalCdf, probabilityToBeat, sampleVariance } from "../src/reports/stats.ts";
import { near } from "./fixture.ts";

/** P(B > A) by midpoint integration of f_B · F_A on a fine grid (independent cross-check). */
function integrate(aA: number, bA: number, aB: number, bB: number, steps = 200_000): number {
  const lbA = logGamma(aA) + logGamma(bA) - logGamma(aA + bA);
  const lbB = logGamma(aB) + logGamma(bB) - logGamma(aB + bB);
  const h = 1 / steps;
  let cdfA = 0;
  let p = 0;
  for (let i = 0; i < steps; i++) {
    const x = (i + 0.5) * h;
    const fA = Math.exp((aA - 1) * Math.log(x) + (bA - 1) * Math.log(1 - x) - lbA);
    const fB = Math.exp((aB - 1) * Math.log(x) + (bB - 1) * Math.log(1 - x) - lbB);
    p += fB * (cdfA + (fA * h) / 2) * h;
    cdfA += fA * h;
  }
  return p;
}

describe("statistics", () => {
  test("log-gamma against factorials", () => {
    for (let n = 1; n < 20; n++) {
      let f = 1;
      for (let k = 2; k < n; k++) f *= k;
      near(Math.exp(logGamma(n)) / f, 1, `Γ(${n})`);
    }
    near(Math.exp(logGamma(0.5)), Math.sqrt(Math.PI));
  });

  test("probability to beat control: hand-computed cases", () => {
    // Beta(2, 2) vs Beta(3, 1): ∫ 3x² (3x² − 2x³) dx = 9/5 − 1 = 0.8.
    near(probabilityToBeat({ sessions: 2, conversions: 1 }, { sessions: 2, conversions: 2 }), 0.8);
    // Identical arms: one half.
    near(
      probabilityToBeat({ sessions: 10, conversions: 4 }, { sessions: 10, conversions: 4 }),
      0.5,
    );
    // P(B > A) + P(A > B) = 1.
    const a = { sessions: 120, conversions: 17 };
    const b = { sessions: 110, conversions: 25 };
    near(probabilityToBeat(a, b) + probabilityToBeat(b, a), 1);
  });

  test("probability to beat control matches numerical integration", () => {
    const cases: [number, number, number, number][] = [
      [40, 1000, 55, 1000],
      [300, 5000, 280, 5000],
      [3, 30, 9, 25],
    ];
    for (const [cA, nA, cB, nB] of cases) {
      const exact = probabilityToBeat(
        { sessions: nA, conversions: cA },
        { sessions: nB, conversions: cB },
      );
      const numeric = integrate(1 + cA, 1 + nA - cA, 1 + cB, 1 + nB - cB);
      assert.ok(
        Math.abs(exact - numeric) < 1e-6,
        `${cA}/${nA} vs ${cB}/${nB}: ${exact} vs ${numeric}`,
      );
    }
  });

  test("normal CDF and sample variance", () => {
    assert.ok(Math.abs(normalCdf(1.959963984540054) - 0.975) < 2e-7);
    assert.ok(Math.abs(normalCdf(0) - 0.5) < 1e-9);
    // 100, 0, 50: mean 50, variance (2500 + 2500 + 0) / 2.
    near(sampleVariance(3, 150, 12_500), 2500);
    assert.equal(sampleVariance(1, 5, 25), 0);
  });
});
