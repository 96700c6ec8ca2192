/**
 * Response schemas of the GET routes whose answers the server builds from other packages' types
 * (issue 23, item 9): segments, conflicts, reports, live view, model card, export, and the
 * OpenAPI document itself. They document the answers in /api/openapi.json and are checked
 * against real answers by the server's test (api-openapi-routes.test.ts). The TypeScript types
 * of views.ts stay the handlers' and the dashboard's types; these schemas describe the same JSON.
 *
 * Nested parts whose shape belongs to the store's report code (breakdown rows, flow, top pages,
 * experiments, live sessions) are objects with named fields where stable, open elsewhere.
 */
import { type Static, type TSchema, Type } from "typebox";
import { METRICS, type MetricId } from "./metrics.ts";
import { CustomSegmentView, Remedy } from "./segments.ts";

/** A number that is null when undefined (a rate over no sessions, a missing score). */
const N = (description?: string) =>
  Type.Union([Type.Number(), Type.Null()], description ? { description } : {});
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
/**
 * An object whose named fields are documented; others may follow (JSON Schema's default, kept
 * implicit so that the handlers' interfaces, which have no index signature, still type-check).
 */
const Open = <P extends Record<string, TSchema>>(props: P) => Type.Object(props);
/** Any JSON object (typed `object`, which every interface satisfies). */
const AnyObject = () => Type.Unsafe<object>({ type: "object" });

const Span = Type.Object({ from: Type.Number(), to: Type.Number() });

/** A resolved report period (local days of the site's time zone). */
export const ResolvedPeriodView = Type.Object({
  from: Type.Number(),
  to: Type.Number(),
  firstDate: Type.String(),
  lastDate: Type.String(),
  days: Type.Number(),
  partial: Type.Boolean(),
  through: Type.Number(),
  timeZone: Type.String(),
  label: Type.String(),
  range: Type.String(),
});

export const PeriodInfoView = Type.Object({
  period: ResolvedPeriodView,
  comparison: Nullable(
    Type.Object({ base: ResolvedPeriodView, against: ResolvedPeriodView, compare: Type.String() }),
  ),
});

/** A framework segment as the segment list shows it (views.ts FrameworkSegmentView). */
export const FrameworkSegmentSchema = Type.Object({
  id: Type.String(),
  kind: Type.Literal("framework"),
  name: Type.String(),
  readOnly: Type.Literal(true),
  condition: AnyObject(),
  status: Type.Literal("live"),
  content: Open({
    id: Type.String(),
    name: Type.String(),
    meaning: Type.String(),
    objective: Type.String(),
    opportunities: Type.Array(Type.String()),
  }),
});

export const SegmentListView = Type.Object({
  framework: Type.Array(FrameworkSegmentSchema),
  custom: Type.Array(CustomSegmentView),
});

export const OneSegmentView = Type.Union([FrameworkSegmentSchema, CustomSegmentView]);

const Shares = {
  both: Type.Number(),
  shareOfA: N(),
  shareOfB: N(),
  jaccard: N(),
  concurrent: Type.Object({
    sessions: Type.Number(),
    shareOfA: N(),
    shareOfB: N(),
    totalMs: Type.Number(),
    meanMs: N(),
  }),
};

export const ConflictMatrixSchema = Type.Object({
  site: Type.String(),
  period: Span,
  segments: Type.Array(
    Type.Object({
      id: Type.String(),
      kind: Type.Union([Type.Literal("framework"), Type.Literal("custom")]),
      name: Type.String(),
    }),
  ),
  pairs: Type.Array(
    Type.Object({
      a: Type.String(),
      b: Type.String(),
      verdict: Type.String(),
      direction: Nullable(Type.String()),
      detail: Type.String(),
      exclusiveGroup: Nullable(Type.String()),
      measured: Type.Object({ ...Shares, a: Type.Number(), b: Type.Number() }),
      remedies: Type.Array(Remedy),
    }),
  ),
});

const IpsCompared = Type.Object({ ips: N(), sessions: Type.Number() });

/** A field's description: the metric's formula (metrics.ts, the dashboard's tooltips too). */
const said = (id: MetricId) => ({ description: METRICS[id].formula });

/** Which currency an answer's revenue figures are in (issue 19). */
const Currency = Type.String({
  description:
    "ISO 4217 code of every revenue figure in this answer (the site's currency); orders in a currency without a rate are not in them (data-quality: otherCurrencies)",
});

export const IpsReportView = Type.Object({
  site: Type.String(),
  currency: Currency,
  from: Type.Number(),
  to: Type.Number(),
  sessions: Type.Number(said("sessions")),
  ips: N(`Intent Performance Score: ${METRICS.ips.formula}`),
  band: Nullable(Type.String()),
  bandLabel: Nullable(Type.String()),
  phases: Type.Array(
    Type.Object({
      phase: Type.String(),
      label: Type.String(),
      entered: Type.Number(),
      progressed: Type.Number(),
      dropped: Type.Number(said("dropOff")),
      rate: N(METRICS.progression.formula),
      score: N(METRICS.phaseScore.formula),
      band: Nullable(Type.String()),
      benchmark: Type.Object({ floor: Type.Number(), ceiling: Type.Number() }, said("benchmark")),
      segments: Type.Array(
        Type.Object({
          segment: Type.String(),
          name: Type.String(),
          state: Type.String(),
          sessions: Type.Number(),
          dropped: Type.Number(),
        }),
      ),
      revenuePerProgressingSession: N(),
      revenueAtStake: Type.Number(said("revenueAtStake")),
    }),
  ),
  weakestPhase: Nullable(Type.String(said("weakestPhase"))),
  defaultBenchmarks: Type.Boolean({
    description: "the phase benchmarks are the shipped defaults, not the site's own",
  }),
  periodInfo: PeriodInfoView,
  compared: Nullable(Type.Object({ base: IpsCompared, against: IpsCompared })),
});

/**
 * `GET /api/sites/:site/reports/ips/trend`: the IPS and sessions of every local day of the
 * period in one answer (the overview's trend: one request, not one per day).
 */
export const IpsTrendView = Type.Object({
  site: Type.String(),
  timeZone: Type.String(),
  from: Type.Number(),
  to: Type.Number(),
  days: Type.Array(
    Type.Object({
      date: Type.String({ description: "local date, YYYY-MM-DD" }),
      day: Type.Integer({ description: "days since the epoch of the local date" }),
      start: Type.Number({ description: "start of the local day, epoch ms" }),
      ips: N(`that day's Intent Performance Score: ${METRICS.ips.formula}`),
      sessions: Type.Integer(said("sessions")),
      complete: Type.Boolean({ description: "the day has ended" }),
    }),
  ),
  period: ResolvedPeriodView,
});

/** A young custom segment's counting start and estimate (views.ts SegmentCounting). */
export const SegmentCountingView = Type.Object({
  since: Type.Number(),
  estimate: Type.Object({
    sessions: Type.Number(),
    exact: Type.Boolean(),
    days: Type.Number(),
    from: Type.Number(),
    to: Type.Number(),
  }),
});

const LibraryFigures = {
  sessions: Type.Number(),
  share: N(),
  conversions: Type.Number(),
  conversionRate: N(),
  revenue: Type.Number(),
};

export const LibraryReportView = Type.Object({
  site: Type.String(),
  currency: Currency,
  period: Span,
  comparedPeriod: Nullable(Span),
  previousPeriod: Nullable(Span),
  totalSessions: Type.Number(),
  previousTotalSessions: Nullable(Type.Number()),
  segments: Type.Array(
    Type.Object({
      segment: Type.String(),
      kind: Type.String(),
      name: Type.String(),
      status: Type.String(),
      ...LibraryFigures,
      previous: Nullable(Type.Object(LibraryFigures)),
      change: Nullable(
        Type.Object({ sessions: N(), share: N(), conversionRate: N(), revenue: N() }),
      ),
    }),
  ),
  periodInfo: PeriodInfoView,
  counting: Type.Record(Type.String(), SegmentCountingView),
});

const Figures = {
  sessions: Type.Number(said("segmentSessions")),
  visitors: Type.Number(),
  conversions: Type.Number(),
  conversionRate: N(METRICS.conversionRate.formula),
  orders: Type.Number(),
  revenue: Type.Number(said("revenue")),
  aov: N(),
  revenuePerSession: N(METRICS.revenuePerSession.formula),
  xC: Type.Object({ avgFinal: N(), avgMax: N(), max: N() }, said("purchaseConfidence")),
  frustrationRate: N(),
};
const VsSite = Type.Object({ segment: N(), site: N(), difference: N(), index: N() });
const Outcome = Type.Object({
  sessions: Type.Number(),
  conversions: Type.Number(),
  revenue: Type.Number(),
});

export const SegmentReportView = Type.Object({
  site: Type.String(),
  currency: Currency,
  segment: Type.String(),
  kind: Type.String(),
  name: Type.String(),
  period: Span,
  timeZone: Type.String(),
  ...Figures,
  share: N(METRICS.share.formula),
  daily: Type.Array(
    Type.Object({
      date: Type.String(),
      day: Type.Number(),
      complete: Type.Boolean(),
      sessions: Type.Number(),
      conversions: Type.Number(),
      conversionRate: N(),
      revenue: Type.Number(),
    }),
  ),
  breakdowns: Type.Record(Type.String(), Type.Array(AnyObject())),
  flow: Type.Object({ from: Type.Array(AnyObject()), to: Type.Array(AnyObject()) }),
  topPages: Type.Array(AnyObject()),
  frustration: Type.Array(
    Type.Object({
      signal: Type.String(),
      kind: Type.String(),
      count: Type.Number(),
      sessions: Type.Number(),
      rate: N(),
      siteRate: N(),
    }),
  ),
  siteAverage: Type.Object(Figures),
  comparison: Type.Record(Type.String(), VsSite),
  periodInfo: PeriodInfoView,
  compared: Nullable(Type.Object({ base: Outcome, against: Outcome })),
  counting: Nullable(SegmentCountingView),
});

const OverlapSide = Type.Object({
  segment: Type.String(),
  name: Type.String(),
  sessions: Type.Number(),
});

export const OverlapReportView = Type.Object({
  site: Type.String(),
  period: Span,
  a: OverlapSide,
  b: OverlapSide,
  ...Shares,
});

export const ExperimentsReportView = Type.Object({
  site: Type.String(),
  period: Span,
  segment: Nullable(Type.String()),
  experiments: Type.Array(Open({ experiment: Type.String() })),
});

/** One reason a score moved: a feature that changed, and how much of the move it made. */
export const ScoreReasonSchema = Type.Object({
  feature: Type.String({ description: 'the model\'s feature; "other" for the rest together' }),
  label: Type.String({ description: "its data point's label in the catalogue" }),
  points: Type.Number({ description: "percentage points of the score it moved (+ up, − down)" }),
  from: Type.String({ description: "its value before, as read" }),
  to: Type.String({ description: "its value after" }),
});

/** A score's latest move as the live stream saw it; the reasons' points sum to to − from. */
const ScoreMove = Type.Object({
  at: Type.Number({ description: "when the stream saw the move (epoch ms)" }),
  from: Type.Number({ description: "the score before (0–1)" }),
  to: Type.Number({ description: "the score after (0–1)" }),
  reasons: Type.Array(ScoreReasonSchema, { description: "largest first" }),
});

/**
 * Why each of a session's scores last moved (live stream only, from the second snapshot that
 * shows the session; null until it moves): exact Shapley values of the score's change among
 * the features that changed.
 */
export const LiveReasonsSchema = Type.Object({
  xC: Nullable(ScoreMove),
  xATC: Nullable(ScoreMove),
  xE: Nullable(ScoreMove),
});
export type LiveReasons = Static<typeof LiveReasonsSchema>;
export type ScoreReason = Static<typeof ScoreReasonSchema>;

export const LiveViewSchema = Type.Object({
  now: Type.Number(),
  total: Type.Number(),
  bySegment: Type.Record(Type.String(), Type.Number()),
  byState: Type.Record(Type.String(), Type.Number()),
  hiddenBots: Type.Number(),
  sessions: Type.Array(Open({ session: Type.String(), reasons: Type.Optional(LiveReasonsSchema) })),
});

const Metrics = Open({
  rows: Type.Number(),
  positives: Type.Number(),
  auc: N(),
  prAuc: N(),
  brier: N(),
});

export const ModelCardSchema = Type.Object({
  site: Type.String(),
  source: Type.Union([Type.Literal("site"), Type.Literal("prior")]),
  model: Type.String(),
  card: Open({
    trainedAt: Type.String(),
    source: Type.String(),
    data: Open({ sessions: Type.Number() }),
    scores: Type.Record(Type.String(), Type.Object({ model: Metrics, baseline: Metrics })),
    params: AnyObject(),
  }),
});

/** `text/csv` or `application/vnd.apache.parquet` (binary). */
export const ExportAnswer = {
  content: {
    "text/csv; charset=utf-8": {
      schema: Type.Unsafe<unknown>({ type: "string", description: "one row per session" }),
    },
    // Unsafe<unknown>: the handler sends a file stream, which the typed reply must accept.
    "application/vnd.apache.parquet": {
      schema: Type.Unsafe<unknown>({ type: "string", format: "binary" }),
    },
  },
};

/** `text/event-stream`: `event: snapshot` lines carrying the JSON of GET /live. */
export const LiveStreamAnswer = {
  content: { "text/event-stream": { schema: Type.String() } },
};

/** Typed `unknown`: the handler returns @fastify/swagger's document type. */
export const OpenApiDocument = Type.Unsafe<unknown>(
  Type.Object({
    openapi: Type.String(),
    info: Open({ title: Type.String(), version: Type.String() }),
    paths: Type.Record(Type.String(), AnyObject()),
  }),
);
