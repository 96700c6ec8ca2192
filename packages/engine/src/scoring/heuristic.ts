/**
 * The heuristic scorer: hand-set logistic formulas over the feature vector, documented term by
 * term, used until a site has a trained model. Coefficients are log-odds; values are capped so
 * that no single count can dominate. It is deliberately simple and monotone: more product
 * views, cart adds and checkout progress raise purchase confidence; recent frustration, exit
 * intent, hidden tabs and inactivity raise exit risk.
 */
import { ELAPSED_FEATURES, FEATURE_NAMES, type FeatureName } from "./features.ts";
import type { Contribution, ScoreName, Scorer, Scores } from "./scorer.ts";

type Term = readonly [feature: FeatureName, weight: number, cap: number];
interface Formula {
  intercept: number;
  terms: readonly Term[];
}

/** A formula from its intercept and its terms written `feature: [weight, cap]`, in that order. */
function formula(
  intercept: number,
  terms: Partial<Record<FeatureName, readonly [weight: number, cap: number]>>,
): Formula {
  return {
    intercept,
    terms: Object.entries(terms).map(([f, [w, cap]]) => [f as FeatureName, w, cap] as const),
  };
}

const IDX = Object.fromEntries(FEATURE_NAMES.map((f, i) => [f, i])) as Record<FeatureName, number>;

/** xC: P(purchase in this session). A typical shop converts 2–4 % of sessions. */
const XC = formula(-4.2, {
  productViews: [0.22, 8],
  cartAdds: [1.1, 2],
  cartQty: [0.15, 5],
  checkoutStep: [0.9, 3],
  stage: [0.25, 4],
  returning: [0.5, 1],
  previousPurchases: [0.45, 3],
  searches: [0.1, 3],
  frustrationRecent: [-0.45, 3],
  exitIntentRecent: [-0.6, 1],
  tabHidden: [-0.5, 1],
  idle: [-0.5, 1],
  cartEmptied: [-0.9, 1],
  secondsSinceActivity: [-0.004, 600],
});

/** xATC: P(an add-to-cart in this session), until one happens (then 1). */
const XATC = formula(-2.6, {
  productViews: [0.3, 8],
  listingViews: [0.08, 6],
  searches: [0.2, 3],
  filterSorts: [0.15, 3],
  stage: [0.3, 2],
  returning: [0.35, 1],
  previousPurchases: [0.3, 3],
  frustrationRecent: [-0.35, 3],
  exitIntentRecent: [-0.6, 1],
  tabHidden: [-0.5, 1],
  idle: [-0.4, 1],
  secondsSinceActivity: [-0.004, 600],
});

/** xE: P(the session ends within 5 minutes without purchase). */
const XE = formula(0.3, {
  pageViews: [-0.12, 10],
  productViews: [-0.08, 8],
  cartAdds: [-0.5, 2],
  checkoutStep: [-0.35, 3],
  frustrationRecent: [0.45, 3],
  exitIntentRecent: [1.4, 1],
  tabHidden: [1.1, 1],
  idle: [0.9, 1],
  cartEmptied: [1.0, 1],
  secondsSinceActivity: [0.01, 600],
  returning: [-0.2, 1],
});

const FORMULAS: Record<ScoreName, Formula> = { xC: XC, xATC: XATC, xE: XE };
const P_XC = pack(XC);
const P_XATC = pack(XATC);
const P_XE = pack(XE);

function term(x: Float64Array, t: Term): number {
  const v = x[IDX[t[0]]]!;
  return Number.isNaN(v) ? 0 : t[1] * Math.min(v, t[2]);
}

/** A formula flattened to typed arrays (feature index, weight, cap) for the per-event path. */
interface Packed {
  intercept: number;
  index: Int32Array;
  weight: Float64Array;
  cap: Float64Array;
}

function pack(f: Formula): Packed {
  return {
    intercept: f.intercept,
    index: Int32Array.from(f.terms.map((t) => IDX[t[0]])),
    weight: Float64Array.from(f.terms.map((t) => t[1])),
    cap: Float64Array.from(f.terms.map((t) => t[2])),
  };
}

function logit(x: Float64Array, f: Packed): number {
  let z = f.intercept;
  for (let i = 0; i < f.index.length; i++) {
    const v = x[f.index[i]!]!;
    // NaN (unknown) contributes nothing.
    if (!Number.isNaN(v)) z += f.weight[i]! * Math.min(v, f.cap[i]!);
  }
  return z;
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/**
 * Whether the formula moves with time at `x`: a term on an elapsed feature (linear in it) still
 * below its cap. The heuristic is continuous in time there, so it has no next change to offer.
 */
function movesWithTime(x: Float64Array, f: Packed): boolean {
  for (let i = 0; i < f.index.length; i++) {
    const j = f.index[i]!;
    if (f.weight[i] !== 0 && ELAPSED_FEATURES.includes(j) && !(x[j]! >= f.cap[i]!)) return true;
  }
  return false;
}

export const heuristicScorer: Scorer = {
  name: "heuristic-v1",
  score(x: Float64Array, out: Scores): void {
    const purchased = x[IDX.stage]! >= 5;
    out.xC = purchased ? 1 : sigmoid(logit(x, P_XC));
    out.xATC = x[IDX.cartAdds]! > 0 ? 1 : sigmoid(logit(x, P_XATC));
    out.xE = purchased ? 0 : sigmoid(logit(x, P_XE));
  },
  nextChange(x: Float64Array): number {
    const purchased = x[IDX.stage]! >= 5;
    const moving =
      (!purchased && (movesWithTime(x, P_XC) || movesWithTime(x, P_XE))) ||
      (!(x[IDX.cartAdds]! > 0) && movesWithTime(x, P_XATC));
    return moving ? 0 : Number.POSITIVE_INFINITY;
  },
  explain(x: Float64Array, score: ScoreName, top = 5): Contribution[] {
    return FORMULAS[score].terms
      .map((t) => ({ feature: t[0], contribution: term(x, t) }))
      .filter((c) => c.contribution !== 0)
      .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution))
      .slice(0, top);
  },
  // Cut points measured on simulated traffic (intently simulate, 20k sessions); a site's own
  // distribution replaces them after BandSketch.MIN_SAMPLES observations.
  priorBands: {
    xC: [0.018, 0.03, 0.08, 0.3],
    xATC: [0.08, 0.15, 0.35, 0.7],
    xE: [0.2, 0.3, 0.45, 0.7],
  },
};
