/**
 * Shapes of the API's answers. Reports come from @intently/store's report functions and the
 * rest from @intently/api-contract, the schemas the server validates and answers with
 * (`Static<>`): nothing here is declared a second time. Views that api-contract declares as
 * types (segment list, conflict matrix, model card…) are imported from it directly.
 */
import type {
  ConflictPair,
  ConflictWarning as ConflictWarningSchema,
  CustomSegmentView as CustomSegmentViewSchema,
  DeadLetterView,
  Estimate as EstimateSchema,
  FrameworkSegmentView,
  IntegrationView,
  InvitationView,
  MemberView,
  MetricsView,
  SavedSegment as SavedSegmentSchema,
  SignedIn,
  SiteView,
  TestAnswerView,
  TokenView,
  WorkspaceView,
} from "@intently/api-contract";
import type { Static } from "typebox";
import type { Issue } from "./client.ts";

export type { MatchMethod, SegmentStatus } from "@intently/engine";
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

export type Workspace = Static<typeof WorkspaceView>;
export type Role = Workspace["role"];
export type Me = Static<typeof SignedIn>;
export type Site = Static<typeof SiteView>;
export type FrameworkContent = FrameworkSegmentView["content"];
/** A saved custom segment: the engine's definition and its version's metadata. */
export type CustomSegmentView = Static<typeof CustomSegmentViewSchema>;
export type SegmentView = FrameworkSegmentView | CustomSegmentView;
export type ConflictWarning = Static<typeof ConflictWarningSchema>;
export type SavedSegment = Static<typeof SavedSegmentSchema>;
export type Verdict = ConflictPair["verdict"];
export type Member = Static<typeof MemberView>;
/** A pending invitation to a workspace (its token is shown once, when it is made). */
export type Invitation = Static<typeof InvitationView>;
export type ApiToken = Static<typeof TokenView>;
/** POST /api/sites/:site/segments/estimate. */
export type Estimate = Static<typeof EstimateSchema>;

/** GET /api/sites/:site/integrations: secret fields are always "[redacted]". */
export type Integration = Static<typeof IntegrationView>;
/** POST …/integrations/:id/test: the receiver's answer to a sample summary. */
export type IntegrationTestAnswer = Static<typeof TestAnswerView>;
/** GET …/integrations/metrics, one per destination. */
export type DeliveryMetrics = Static<typeof MetricsView>;
/** GET …/integrations/dead-letters. */
export type DeadLetter = Static<typeof DeadLetterView>;

/** The builder's checks of a draft: the dry run's errors and warnings, and the estimate. */
export interface Preview {
  errors: Issue[];
  warnings: ConflictWarning[];
  estimate: Estimate | null;
}
