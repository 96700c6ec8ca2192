/**
 * The REST API's contract, declared once: the server validates, serialises and documents with
 * these TypeBox schemas, and the dashboard derives its types from them (`Static<typeof X>`,
 * type-only imports, so the bundle carries no schema code). Views the server builds from other
 * packages' types without a schema are declared here as types (views.ts).
 */
export {
  ConflictMatrixSchema,
  ExperimentsReportView,
  ExportAnswer,
  FrameworkSegmentSchema,
  IpsReportView,
  IpsTrendView,
  LibraryReportView,
  type LiveReasons,
  LiveReasonsSchema,
  LiveStreamAnswer,
  LiveViewSchema,
  ModelCardSchema,
  OneSegmentView,
  OpenApiDocument,
  OverlapReportView,
  PeriodInfoView,
  ResolvedPeriodView,
  type ScoreReason,
  ScoreReasonSchema,
  SegmentCountingView,
  SegmentListView,
  SegmentReportView,
} from "./answers.ts";
export {
  ErrorSchema,
  Id,
  IssueSchema,
  NoContent,
  RoleSchema,
  SegmentParams,
  SignedIn,
  SiteParams,
  UserView,
  WorkspaceParams,
  WorkspaceView,
} from "./common.ts";
export { DataQualityView } from "./data-quality.ts";
export {
  DeadLetterQuery,
  DeadLetterView,
  IntegrationBody,
  IntegrationConfig,
  type IntegrationConfigValue,
  IntegrationParams,
  IntegrationPatch,
  IntegrationView,
  MetricsView,
  ReplayBody,
  TestAnswerView,
} from "./integrations.ts";
export { OpportunitiesView } from "./opportunities.ts";
export {
  CollectAnswer,
  CollectRefusal,
  collectRequestSchema,
  HealthAnswer,
  ReadinessAnswer,
} from "./ops.ts";
export {
  ConflictWarning,
  CustomSegmentView,
  DryRunQuery,
  Estimate,
  EstimateBody,
  Remedy,
  SavedSegment,
  SegmentBody,
  SegmentPatch,
} from "./segments.ts";
export { Origin, SettingsPatch, SiteBody, SitePatch, SiteView } from "./sites.ts";
export type {
  ConflictMatrix,
  ConflictPair,
  FrameworkSegmentView,
  ModelCardView,
  SegmentCounting,
  SegmentList,
  WireMetrics,
} from "./views.ts";
export { InvitationLookup, InvitationView, MemberView, TokenView } from "./workspaces.ts";
