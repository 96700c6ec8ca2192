/**
 * @intently/store — the embedded DuckDB store behind the `Store` interface, the recorder that
 * turns engine output into rows, and the reporting library (IPS, segment library, segment
 * report, measured overlap, experiments, live view).
 */

export type { ClusterStoreOptions } from "./clickhouse/open.ts";
export { openClusterStore } from "./clickhouse/open.ts";
export type { ClickHouseStoreOptions, SideStores } from "./clickhouse/store.ts";
export { ClickHouseStore } from "./clickhouse/store.ts";
export type {
  ApiToken,
  ConfigStore,
  Integration,
  Invitation,
  Membership,
  NewSite,
  Role,
  SegmentVersion,
  Site,
  SitePlatform,
  SiteSettings,
  User,
} from "./config.ts";
export { DEFAULT_SITE_SETTINGS, ROLES, retentionCutoff, SITE_PLATFORMS } from "./config.ts";
export { copyTo } from "./duckdb/copy.ts";
export { DB_FILE } from "./duckdb/db.ts";
export { LATEST_VERSION } from "./duckdb/migrations.ts";
export { DuckDbStore } from "./duckdb/store.ts";
export type {
  ExportFormat,
  ExportLayout,
  ExportRequest,
  SessionExports,
  SiteActivity,
} from "./exports.ts";
export { localDate, localDayRange } from "./exports.ts";
export { canonicalTimeZone, dayOfIso, isoDay, UTC, zoneDays } from "./local-days.ts";
export type { LoginSessionCutoffs, LoginSessionRecord, LoginSessions } from "./login-sessions.ts";
export type { OrderEventRow, SettledOrders } from "./orders.ts";
export { OrderLedger } from "./orders.ts";
export type {
  NewOutboxMessage,
  Outbox,
  OutboxFilter,
  OutboxMessage,
  OutboxMetrics,
  OutboxOutcome,
} from "./outbox.ts";
export type { Compare, PeriodComparison, Range, ResolvedPeriod } from "./period-model.ts";
export { COMPARES, comparisonOf, MAX_PERIOD_DAYS, RANGES, resolvePeriod } from "./period-model.ts";
export {
  openPostgresConfig,
  type PostgresConfigOptions,
  type PostgresConfigPorts,
  type SiteHooks,
} from "./postgres/index.ts";
export { PRIVATE_FILE_MODE, privateDir, privateFile } from "./private-fs.ts";
export type { DataQualityRows, Outcome, Period } from "./queries.ts";
export { SessionRecorder } from "./recorder.ts";
export type { IpsBenchmarks } from "./reports/benchmarks.ts";
export { FUNNEL_PHASES } from "./reports/benchmarks.ts";
export type { DataQualityReport } from "./reports/data-quality.ts";
export { DATA_QUALITY_WINDOW_MS, dataQualityReport } from "./reports/data-quality.ts";
export type { ExperimentsReport } from "./reports/experiments.ts";
export { experimentsReport } from "./reports/experiments.ts";
export type { IpsReport, PhasePerformance } from "./reports/ips.ts";
export { ipsReport } from "./reports/ips.ts";
export type { IpsTrend } from "./reports/ips-trend.ts";
export { ipsTrend } from "./reports/ips-trend.ts";
export type { SegmentLibrary } from "./reports/library.ts";
export { segmentLibrary } from "./reports/library.ts";
export type { LiveSession, LiveView } from "./reports/live.ts";
export { liveSessionOf, liveView } from "./reports/live.ts";
export type { OverlapReport } from "./reports/overlap.ts";
export { measuredOverlap } from "./reports/overlap.ts";
export type { SegmentReport } from "./reports/segment.ts";
export { segmentReport } from "./reports/segment.ts";
export { DAY_MS } from "./rows.ts";
export type { FieldRead, SessionGroup } from "./session-groups.ts";
export {
  FRAMEWORK_FIELDS,
  pieceValue,
  RECORDED_FIELDS,
  SUGGESTED_FIELDS,
  sortedCuts,
} from "./session-groups.ts";
export { sha256Hex } from "./session-row.ts";
export type {
  DeletedCounts,
  SessionTally,
  Store,
  StoreFiles,
  VisitorErasure,
} from "./store.ts";
