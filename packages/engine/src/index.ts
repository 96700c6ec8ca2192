export {
  attributesOf,
  DATA_POINTS,
  dataPoint,
  SIGNAL_DATA_POINT_IDS,
  SIGNAL_DISPLAY_NAMES,
} from "./catalogue/data-points.ts";
export type { FeatureLabel } from "./catalogue/feature-labels.ts";
export { featureLabel, featureValueText } from "./catalogue/feature-labels.ts";
export { DATA_POINT_GROUPS } from "./catalogue/types.ts";
export type { SiteAmount, SiteMoney } from "./context/money.ts";
export {
  MAX_CURRENCY_RATES,
  SiteMoneyBook,
  siteAmount,
  siteMoneyOf,
} from "./context/money.ts";
export type { Platform, PlatformSetting } from "./context/page-types.ts";
export {
  PLATFORM_SETTINGS,
  PLATFORMS,
  platformPageType,
  typedPage,
} from "./context/page-types.ts";
export type { TrafficSource } from "./context/traffic-source.ts";
export { classifyTraffic, TRAFFIC_SOURCES } from "./context/traffic-source.ts";
export { parseUserAgent } from "./context/user-agent.ts";
export type { AdvanceResult, SessionRef } from "./engine.ts";
export { Engine } from "./engine.ts";
export { FRAMEWORK_SEGMENT_CONTENT } from "./framework/content.ts";
export type { SegmentContent } from "./framework/content-types.ts";
export type { FrameworkSegmentId } from "./framework/segments.ts";
export {
  ABANDONING_SEGMENT_IDS,
  FRAMEWORK_SEGMENT_IDS,
  frameworkSegmentCondition,
  frameworkSegmentParts,
  isFrameworkSegmentId,
} from "./framework/segments.ts";
export type { Band, BehaviourState, IntentLevel, Phase, Stage } from "./framework/types.ts";
export {
  BANDS,
  INTENT_LEVELS,
  PHASE_LABELS,
  PHASES,
  STAGES,
  STATE_LABELS,
  STATES,
} from "./framework/types.ts";
export { scrubBatch } from "./privacy/batch.ts";
export {
  GA_CLIENT_PROP,
  GA_SESSION_PROP,
  gaClientIdOf,
  gaSessionIdOf,
} from "./privacy/ga-cookies.ts";
export type { FrustrationType, PageType, SourceFormat } from "./schema/events.ts";
export {
  Batch,
  COMMERCE_TYPES,
  CommerceEvent,
  Context,
  EVENT_TYPES,
  Event,
  FRUSTRATION_TYPES,
  Item,
  SCHEMA_VERSION,
} from "./schema/events.ts";
export { EventLine, Truth } from "./schema/stream.ts";
export type { ValidationIssue } from "./schema/validate.ts";
export {
  batchJsonSchema,
  validateBatch,
  validateEvent,
  validateEventLine,
} from "./schema/validate.ts";
export { BandSketch } from "./scoring/bands.ts";
export {
  CATEGORICAL_FEATURES,
  ELAPSED_FEATURES,
  extractFeatures,
  FEATURE_COUNT,
  FEATURE_NAMES,
} from "./scoring/features.ts";
export { heuristicScorer } from "./scoring/heuristic.ts";
export type { Contribution, ScoreName, Scorer, Scores } from "./scoring/scorer.ts";
export { segmentConflictPairs, segmentConflicts } from "./segments/conflicts.ts";
export type { MatchMethod, SegmentDefinition, SegmentStatus } from "./segments/definition.ts";
export { MATCH_METHODS, SEGMENT_STATUSES } from "./segments/definition.ts";
export { conditionFields } from "./segments/fields.ts";
export { SegmentSet } from "./segments/segment-set.ts";
export {
  MAX_OPPORTUNITIES,
  MAX_OPPORTUNITY_LENGTH,
  validateSegmentDefinition,
} from "./segments/validate.ts";
export { fnv1a, pathOf } from "./session/hash.ts";
export { itemsValue, orderKey, orderValue } from "./session/orders.ts";
export type { Signal } from "./session/signals.ts";
export { SIGNALS, STRUGGLE_SIGNALS } from "./session/signals.ts";
export { F, SessionState, sigCount } from "./session/state.ts";
export type { SessionUpdate } from "./session/update.ts";
export { persistedOf, segmentIndex, snapshotOf } from "./session/update.ts";
