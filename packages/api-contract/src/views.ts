/**
 * Answers the server builds from other packages' types and sends without a response schema:
 * declared here once, as types over those packages' own declarations, for the server's
 * handlers (which return them) and the dashboard (which reads them).
 */
import type { Verdict } from "@intently/conditions";
import type { FrameworkSegmentId, SegmentContent } from "@intently/engine";
import type { ModelCard } from "@intently/intent-model";
import type { OverlapReport } from "@intently/store";
import type { Static } from "typebox";
import type { CustomSegmentView, Remedy } from "./segments.ts";

/** Metrics as JSON carries them: an undefined AUC, PR-AUC or Brier score (NaN) becomes null. */
export type WireMetrics<M> = Omit<M, "auc" | "prAuc" | "brier"> & {
  auc: number | null;
  prAuc: number | null;
  brier: number | null;
};

type Scores = ModelCard["scores"][keyof ModelCard["scores"]];

/** A framework segment as the segment list shows it: read-only, with its editorial content. */
export interface FrameworkSegmentView {
  id: FrameworkSegmentId;
  kind: "framework";
  name: string;
  readOnly: true;
  condition: Record<string, unknown>;
  status: "live";
  content: SegmentContent;
}

/** `GET /api/sites/:site/segments`. */
export interface SegmentList {
  framework: FrameworkSegmentView[];
  custom: Static<typeof CustomSegmentView>[];
}

/**
 * A custom segment younger than a report's period and not back-filled: counting started at
 * `since`; the builder's estimate over the last `days` days (server api/reports/counting.ts).
 */
export interface SegmentCounting {
  since: number;
  estimate: { sessions: number; exact: boolean; days: number; from: number; to: number };
}

/** One pair of the conflict matrix: the static verdict and the measured overlap. */
export interface ConflictPair {
  a: string;
  b: string;
  verdict: Verdict;
  direction: "a-in-b" | "b-in-a" | "equal" | null;
  detail: string;
  /** The exclusive group both belong to (only the higher priority one matches), or null. */
  exclusiveGroup: string | null;
  measured: Pick<OverlapReport, "both" | "shareOfA" | "shareOfB" | "jaccard" | "concurrent"> & {
    a: number;
    b: number;
  };
  remedies: Remedy[];
}

/** `GET /api/sites/:site/conflicts`. */
export interface ConflictMatrix {
  site: string;
  period: { from: number; to: number };
  segments: { id: string; kind: "framework" | "custom"; name: string }[];
  pairs: ConflictPair[];
}

/** `GET /api/sites/:site/model`: the site's own model, or the prior every site starts with. */
export interface ModelCardView {
  site: string;
  source: "site" | "prior";
  model: string;
  card: Omit<ModelCard, "scores"> & {
    scores: Record<
      keyof ModelCard["scores"],
      { model: WireMetrics<Scores["model"]>; baseline: WireMetrics<Scores["baseline"]> }
    >;
  };
}
