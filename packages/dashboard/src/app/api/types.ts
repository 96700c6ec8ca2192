/**
 * Shapes of the API's answers. Reports come from @intently/store's report functions (their
 * types are imported as they are); the rest mirror the route schemas of packages/server/src/api.
 */
import type { MatchMethod, SegmentDefinition, SegmentStatus } from "@intently/engine";
import type { Issue } from "./client.ts";

export type {
  ExperimentsReport,
  IpsReport,
  LiveSession,
  LiveView,
  OverlapReport,
  PhasePerformance,
  SegmentLibrary,
  SegmentReport,
} from "@intently/store";

export type Role = "admin" | "editor" | "viewer";

/**
 * A custom segment younger than a report's period (server api/reports/counting.ts): counting
 * started at `since` (no back-fill); the builder's estimate over the last `days` days.
 */
export interface SegmentCounting {
  since: number;
  estimate: { sessions: number; exact: boolean; days: number; from: number; to: number };
}

export interface Workspace {
  id: string;
  name: string;
  role: Role;
  createdAt: number;
}

export interface Me {
  user: { id: string; email: string; createdAt: number };
  auth: "session" | "token";
  csrfToken: string | null;
  workspaces: Workspace[];
}

export interface Site {
  id: string;
  workspaceId: string;
  name: string;
  publicKey: string;
  allowedOrigins: string[];
  settings: {
    retentionDays?: number;
    currency?: string;
    requireConsent?: boolean;
    honourGpc?: boolean;
    hashIdentified?: boolean;
    [k: string]: unknown;
  };
  createdAt: number;
  snippet: string;
  tag: {
    seenInLastHour: boolean;
    lastEventAt: number | null;
    /** Origins whose events the collector refused lately (403), not allowed by the site. */
    refusedOrigins: { origin: string; count: number; lastAt: number }[];
    firstPurchaseAt: number | null;
  };
}

export interface FrameworkContent {
  id: string;
  name: string;
  meaning: string;
  objective: string;
  opportunities: string[];
  exampleExperiment: { hypothesis: string; treatment: string; metric: string };
}

export interface FrameworkSegmentView {
  id: string;
  kind: "framework";
  name: string;
  readOnly: true;
  condition: unknown;
  status: "live";
  content: FrameworkContent;
}

export type { MatchMethod, SegmentStatus };

/** A saved custom segment: the engine's definition and its version's metadata. */
export interface CustomSegmentView extends SegmentDefinition {
  kind: "custom";
  version: number;
  author: string;
  updatedAt: number;
}

export type SegmentView = FrameworkSegmentView | CustomSegmentView;

export interface SegmentList {
  framework: FrameworkSegmentView[];
  custom: CustomSegmentView[];
}

export interface ConflictWarning {
  segment: string;
  kind: "custom" | "framework";
  verdict: string;
  direction?: "this-in-other" | "other-in-this" | "equal";
  detail: string;
  remedies: string[];
}

export interface SavedSegment {
  segment: CustomSegmentView;
  warnings: ConflictWarning[];
  /** Set by ?dryRun=true: nothing was saved. */
  dryRun?: boolean;
}

export interface MatchingScript {
  target: string;
  label: string;
  kind: string;
  code: string;
  instructions: string[];
}

export type Verdict = "disjoint" | "subset" | "overlap-possible" | "unknown";

export interface ConflictPair {
  a: string;
  b: string;
  verdict: Verdict;
  direction: "a-in-b" | "b-in-a" | "equal" | null;
  detail: string;
  exclusiveGroup: string | null;
  measured: {
    a: number;
    b: number;
    both: number;
    shareOfA: number | null;
    shareOfB: number | null;
    jaccard: number | null;
    concurrent: { sessions: number; shareOfA: number | null; shareOfB: number | null };
  };
  remedies: string[];
}

export interface ConflictMatrix {
  site: string;
  period: { from: number; to: number };
  segments: { id: string; kind: "framework" | "custom"; name: string }[];
  pairs: ConflictPair[];
}

export interface ReliabilityBin {
  lower: number;
  upper: number;
  meanPredicted: number | null;
  observedRate: number | null;
  count: number;
}

export interface ScoreMetrics {
  rows: number;
  positives: number;
  auc: number | null;
  prAuc: number | null;
  brier: number | null;
  calibration?: ReliabilityBin[];
  aucByPrefix?: Record<string, number | null>;
}

export interface ModelCardView {
  site: string;
  source: string;
  model: string;
  card: {
    trainedAt: string;
    source: string;
    data: {
      sessions: number;
      trainSessions: number;
      heldOutSessions: number;
      from: string;
      to: string;
      heldOutFrom: string;
    };
    scores: Record<"xC" | "xATC" | "xE", { model: ScoreMetrics; baseline: ScoreMetrics }>;
    params: Record<string, unknown>;
  };
}

export interface Member {
  userId: string;
  email: string;
  role: Role;
  disabled: boolean;
  createdAt: number;
}

/** A pending invitation to a workspace (its token is shown once, when it is made). */
export interface Invitation {
  id: string;
  email: string;
  role: Role;
  invitedBy: string;
  createdAt: number;
  expiresAt: number;
}

export interface ApiToken {
  id: string;
  name: string;
  role: Role;
  userId: string;
  createdAt: number;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

export interface IntegrationView {
  id: string;
  kind: string;
  name: string;
  enabled: boolean;
  createdAt: number;
  updatedAt: number;
}

/** GET /api/sites/:site/integrations: secret fields are always "[redacted]". */
export interface Integration extends IntegrationView {
  site: string;
  config: Record<string, unknown>;
}

/** POST …/integrations/:id/test: the receiver's answer to a sample summary. */
export interface IntegrationTestAnswer {
  status: number;
  body: string;
  verdict: string;
  integration: Integration;
}

/** GET …/integrations/metrics, one per destination. */
export interface DeliveryMetrics {
  destination: string;
  name: string | null;
  kind: string | null;
  pending: number;
  delivered: number;
  retried: number;
  failed: number;
  lagMs: number;
}

/** GET …/integrations/dead-letters. */
export interface DeadLetter {
  key: string;
  destination: string;
  attempts: number;
  retries: number;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: number;
  settledAt: number | null;
}

/** POST /api/sites/:site/segments/estimate. */
export interface Estimate {
  sessions: number;
  totalSessions: number;
  period: { from: number; to: number };
  exact: boolean;
  unestimated: string[];
  suggestions: Record<string, string[]>;
}

/** The builder's checks of a draft: the dry run's errors and warnings, and the estimate. */
export interface Preview {
  errors: Issue[];
  warnings: ConflictWarning[];
  estimate: Estimate | null;
}
