import type { Calibrator } from "../calibration/types.ts";
import type { GbdtParams } from "./params.ts";

/** Feature rows: x[i][j] is feature j of row i. Missing values are NaN. */
export type Matrix = readonly ArrayLike<number>[];

/**
 * One regression tree as flat typed arrays indexed by node id (root = 0).
 * Numeric node: x ≤ threshold goes left. Categorical node (catWords > 0): the category code goes
 * left when its bit is set in catBits[catStart .. catStart + catWords); other codes go right.
 * NaN (missing) goes left iff missingLeft = 1, for both kinds.
 */
export interface Tree {
  /** Feature tested at the node; −1 marks a leaf. */
  feature: Int32Array;
  threshold: Float64Array;
  left: Int32Array;
  right: Int32Array;
  missingLeft: Uint8Array;
  catStart: Int32Array;
  catWords: Int32Array;
  catBits: Uint32Array;
  /**
   * Shrunk Newton step −G/(H+λ)·η of the rows reaching the node: the output at a leaf; at an inner
   * node it is what the tree would output if it stopped there (used for explanations).
   */
  value: Float64Array;
  /** Training rows (after subsampling) that reached the node. */
  count: Int32Array;
  /** Loss reduction of the node's split (0 at leaves), for feature importance. */
  gain: Float64Array;
}

export interface GbdtTrainingInfo {
  nRows: number;
  nPositives: number;
  nValid: number;
  /** Rounds run before stopping (may exceed trees kept). */
  roundsRun: number;
  /** Number of trees kept (the best iteration when early stopping ran). */
  bestIteration: number;
  /** Training log-loss after each round. */
  trainLoss: number[];
  /** Validation log-loss after each round (empty without a validation set). */
  validLoss: number[];
}

export interface GbdtModel {
  kind: "gbdt";
  formatVersion: number;
  featureNames: string[];
  categorical: boolean[];
  /** Raw score (log-odds) before any tree: the logit of the training positive rate. */
  baseScore: number;
  trees: Tree[];
  params: GbdtParams;
  training: GbdtTrainingInfo;
  /** When present, predictProba returns calibration(raw) instead of σ(raw). */
  calibration: Calibrator | null;
}
