// Training parameters for the gradient-boosted trees, with the defaults used when a parameter is
// not given. The defaults were chosen by experiment (5-fold CV on the UCI Online Shoppers data,
// several CV seeds): shallow trees, large leaves and a strong L2 penalty. Most settings tried
// scored within ±0.001 AUC of each other; these are the most regularised among the best, which
// also suits per-site models trained on little data.

export type TreeGrowth = "leafwise" | "depthwise";

export interface GbdtParams {
  /** Maximum boosting rounds (trees). Early stopping may keep fewer. */
  numRounds: number;
  /** Shrinkage applied to every leaf value. */
  learningRate: number;
  /** "leafwise": split the best leaf next (LightGBM); "depthwise": level by level (XGBoost). */
  growth: TreeGrowth;
  /** Maximum leaves per tree. */
  maxLeaves: number;
  /** Maximum depth of a tree (root = depth 0). */
  maxDepth: number;
  /** Minimum rows in each child of a split. */
  minSamplesLeaf: number;
  /** Minimum hessian sum in each child of a split (XGBoost's min_child_weight). */
  minHessianLeaf: number;
  /** L2 regularisation on leaf values. */
  lambda: number;
  /** Minimum loss reduction for a split (XGBoost's gamma). */
  minSplitGain: number;
  /** Fraction of rows sampled (without replacement) for each tree. */
  subsample: number;
  /** Fraction of features sampled for each tree. */
  colsample: number;
  /** Maximum value bins per feature (≤ 255; one more bin is reserved for missing values). */
  maxBins: number;
  /** Stop when the validation log-loss has not improved for this many rounds (0 = off). */
  earlyStoppingRounds: number;
  /** Seed of the row/column sampling. */
  seed: number;
  /** Categorical features with at most this many categories use one-vs-rest splits. */
  maxCatOneHot: number;
  /** Smoothing added to the hessian when ordering categories by gradient ratio. */
  catSmooth: number;
  /** Extra L2 regularisation for categorical splits (they overfit more easily). */
  catL2: number;
  /** Most categories that may go to one side of a sorted-category split. */
  maxCatThreshold: number;
  /** Categories with fewer rows than this in a node are not candidates for the left set. */
  minDataPerCategory: number;
}

export const MAX_BINS_LIMIT = 255;

export const DEFAULT_GBDT_PARAMS: Readonly<GbdtParams> = Object.freeze({
  numRounds: 500,
  learningRate: 0.05,
  growth: "leafwise",
  maxLeaves: 15,
  maxDepth: 4,
  minSamplesLeaf: 50,
  minHessianLeaf: 1e-3,
  lambda: 10,
  minSplitGain: 0,
  subsample: 0.8,
  colsample: 0.8,
  maxBins: 255,
  earlyStoppingRounds: 50,
  seed: 1,
  maxCatOneHot: 4,
  catSmooth: 10,
  catL2: 10,
  maxCatThreshold: 32,
  minDataPerCategory: 20,
});

function check(ok: boolean, message: string): void {
  if (!ok) throw new RangeError(`invalid GBDT parameter: ${message}`);
}

/** Fills in defaults and validates; throws RangeError on an impossible value. */
export function resolveGbdtParams(params: Partial<GbdtParams> = {}): GbdtParams {
  const p: GbdtParams = { ...DEFAULT_GBDT_PARAMS };
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && key in p) (p as unknown as Record<string, unknown>)[key] = value;
  }
  check(Number.isInteger(p.numRounds) && p.numRounds >= 0, "numRounds must be an integer ≥ 0");
  check(p.learningRate > 0 && p.learningRate <= 1, "learningRate must be in (0, 1]");
  check(p.growth === "leafwise" || p.growth === "depthwise", "growth must be leafwise|depthwise");
  check(Number.isInteger(p.maxLeaves) && p.maxLeaves >= 2, "maxLeaves must be an integer ≥ 2");
  check(Number.isInteger(p.maxDepth) && p.maxDepth >= 1, "maxDepth must be an integer ≥ 1");
  check(p.minSamplesLeaf >= 1, "minSamplesLeaf must be ≥ 1");
  check(p.minHessianLeaf >= 0, "minHessianLeaf must be ≥ 0");
  check(p.lambda >= 0, "lambda must be ≥ 0");
  check(p.minSplitGain >= 0, "minSplitGain must be ≥ 0");
  check(p.subsample > 0 && p.subsample <= 1, "subsample must be in (0, 1]");
  check(p.colsample > 0 && p.colsample <= 1, "colsample must be in (0, 1]");
  check(
    Number.isInteger(p.maxBins) && p.maxBins >= 2 && p.maxBins <= MAX_BINS_LIMIT,
    `maxBins must be an integer in [2, ${MAX_BINS_LIMIT}]`,
  );
  check(
    Number.isInteger(p.earlyStoppingRounds) && p.earlyStoppingRounds >= 0,
    "earlyStoppingRounds",
  );
  check(Number.isFinite(p.seed), "seed must be a finite number");
  check(p.maxCatOneHot >= 0 && p.catSmooth >= 0 && p.catL2 >= 0, "categorical settings ≥ 0");
  check(p.maxCatThreshold >= 1 && p.minDataPerCategory >= 0, "categorical thresholds");
  return p;
}
