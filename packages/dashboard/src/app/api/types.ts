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
  DataQualityView,
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

/** Each answer's schema in @intently/api-contract, by the name the dashboard gives it. */
interface Schemas {
  Workspace: typeof WorkspaceView;
  Me: typeof SignedIn;
  Site: typeof SiteView;
  CustomSegmentView: typeof CustomSegmentViewSchema;
  ConflictWarning: typeof ConflictWarningSchema;
  SavedSegment: typeof SavedSegmentSchema;
  Member: typeof MemberView;
  Invitation: typeof InvitationView;
  ApiToken: typeof TokenView;
  Estimate: typeof EstimateSchema;
  Integration: typeof IntegrationView;
  IntegrationTestAnswer: typeof TestAnswerView;
  DeliveryMetrics: typeof MetricsView;
  DeadLetter: typeof DeadLetterView;
  DataQuality: typeof DataQualityView;
}
/** The types those schemas give (what the JSON holds). */
type Wire = { [K in keyof Schemas]: Static<Schemas[K]> };

export type Workspace = Wire["Workspace"];
export type Role = Workspace["role"];
export type Me = Wire["Me"];
export type Site = Wire["Site"];
export type FrameworkContent = FrameworkSegmentView["content"];
/** A saved custom segment: the engine's definition and its version's metadata. */
export type CustomSegmentView = Wire["CustomSegmentView"];
export type SegmentView = FrameworkSegmentView | CustomSegmentView;
export type ConflictWarning = Wire["ConflictWarning"];
export type SavedSegment = Wire["SavedSegment"];
export type Verdict = ConflictPair["verdict"];
export type Member = Wire["Member"];
/** A pending invitation to a workspace (its token is shown once, when it is made). */
export type Invitation = Wire["Invitation"];
export type ApiToken = Wire["ApiToken"];
/** POST /api/sites/:site/segments/estimate. */
export type Estimate = Wire["Estimate"];
/** GET /api/sites/:site/integrations: secret fields are always "[redacted]". */
export type Integration = Wire["Integration"];
/** POST …/integrations/:id/test: the receiver's answer to a sample summary. */
export type IntegrationTestAnswer = Wire["IntegrationTestAnswer"];
/** GET …/integrations/metrics, one per destination. */
export type DeliveryMetrics = Wire["DeliveryMetrics"];
/** GET …/integrations/dead-letters. */
export type DeadLetter = Wire["DeadLetter"];
/** GET /api/sites/:site/data-quality: the last 24 h of the site's data, as read. */
export type DataQuality = Wire["DataQuality"];

/** The builder's checks of a draft: the dry run's errors and warnings, and the estimate. */
export interface Preview {
  errors: Issue[];
  warnings: ConflictWarning[];
  estimate: Estimate | null;
}
