/** Segment schemas. Detailed checks (ids, condition vs the data points) are validateSegmentDefinition's. */
import {
  MATCH_METHODS,
  MAX_OPPORTUNITIES,
  MAX_OPPORTUNITY_LENGTH,
  SEGMENT_STATUSES,
} from "@intently/engine";
import { type Static, Type } from "typebox";

const fields = {
  name: Type.String({ maxLength: 200 }),
  description: Type.String({ maxLength: 4000 }),
  condition: Type.Unknown({
    description: 'GrowthBook-style condition over the data points, e.g. {"cartValue":{"$gte":100}}',
  }),
  method: Type.Enum([...MATCH_METHODS], { description: "in-flight or persisted" }),
  priority: Type.Integer({ description: "higher wins inside an exclusive group" }),
  exclusiveGroup: Type.String({ maxLength: 100 }),
  status: Type.Enum([...SEGMENT_STATUSES]),
  opportunities: Type.Array(Type.String({ minLength: 1, maxLength: MAX_OPPORTUNITY_LENGTH }), {
    maxItems: MAX_OPPORTUNITIES,
    description: "the shop's guidance for the segment: plain text, one item each",
  }),
};

export const SegmentBody = Type.Object(
  {
    id: Type.String({ maxLength: 100, description: "lowercase letters, digits and dashes" }),
    name: fields.name,
    description: Type.Optional(fields.description),
    condition: fields.condition,
    method: Type.Optional(fields.method),
    priority: Type.Optional(fields.priority),
    exclusiveGroup: Type.Optional(fields.exclusiveGroup),
    opportunities: Type.Optional(fields.opportunities),
    status: Type.Optional(fields.status),
  },
  { additionalProperties: false },
);

export const SegmentPatch = Type.Object(
  {
    name: Type.Optional(fields.name),
    description: Type.Optional(fields.description),
    condition: Type.Optional(fields.condition),
    method: Type.Optional(fields.method),
    priority: Type.Optional(fields.priority),
    exclusiveGroup: Type.Optional(Type.Union([fields.exclusiveGroup, Type.Null()])),
    opportunities: Type.Optional(fields.opportunities),
    status: Type.Optional(fields.status),
  },
  { additionalProperties: false },
);

/** The two segments of a remedy. */
const remedyPair = {
  segment: Type.String({ description: "the custom segment to change" }),
  other: Type.String({ description: "the segment it can match together with" }),
};

/**
 * What to do about two segments that can match the same session, as data: the API says which
 * remedy and with what; the dashboard phrases it (segment/pair-words.ts, the one place of the
 * words), with the segments' names and conditions.
 */
export const Remedy = Type.Union([
  Type.Object(
    { kind: Type.Literal("testing-tool-exclusion"), ...remedyPair },
    {
      description:
        "the other is a framework segment: if both target an experience, exclude one in the testing tool's audience",
    },
  ),
  Type.Object(
    {
      kind: Type.Literal("exclusive-group"),
      ...remedyPair,
      group: Type.String({ description: "the segment's group, or a suggested name" }),
    },
    { description: "put both custom segments in one exclusive group; the higher priority wins" },
  ),
  Type.Object(
    {
      kind: Type.Literal("exclude-from-condition"),
      ...remedyPair,
      exclusion: Type.Unknown({
        description:
          'the clause that leaves the other out: {"segment":{"$ne":id}} for a framework one, {"$nor":[<its condition>]} for a custom one',
      }),
    },
    {
      description: "add `exclusion` to the segment's condition: {$and: [<condition>, <exclusion>]}",
    },
  ),
]);
export type Remedy = Static<typeof Remedy>;

/** A live segment the saved one can match together with, and the remedies. */
export const ConflictWarning = Type.Object({
  segment: Type.String(),
  kind: Type.Enum(["custom", "framework"]),
  verdict: Type.Enum(["subset", "overlap-possible", "unknown"]),
  direction: Type.Optional(
    Type.Enum(["this-in-other", "other-in-this", "equal"], {
      description:
        "for subsets: this-in-other (every session of this one is in the other), other-in-this, equal",
    }),
  ),
  detail: Type.String(),
  remedies: Type.Array(Remedy),
});

export const CustomSegmentView = Type.Object({
  id: Type.String(),
  kind: Type.Literal("custom"),
  name: Type.String(),
  description: Type.Optional(Type.String()),
  condition: Type.Unknown(),
  method: fields.method,
  priority: Type.Integer(),
  exclusiveGroup: Type.Optional(Type.String()),
  opportunities: Type.Optional(Type.Array(Type.String())),
  status: fields.status,
  version: Type.Integer(),
  author: Type.String(),
  updatedAt: Type.Number(),
});

export const SavedSegment = Type.Object({
  segment: CustomSegmentView,
  warnings: Type.Array(ConflictWarning, {
    description: "live segments this one can match together with, and the remedies",
  }),
  dryRun: Type.Optional(
    Type.Boolean({ description: "true when nothing was saved (?dryRun=true): what would be" }),
  ),
});

export const DryRunQuery = Type.Object({
  dryRun: Type.Optional(
    Type.Boolean({
      default: false,
      description: "validate and compute the conflicts as a save would, store nothing",
    }),
  ),
});

export const EstimateBody = Type.Object(
  {
    condition: Type.Unknown({ description: "a segment condition, as in a segment definition" }),
    days: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 90,
        default: 7,
        description: "today and the days before",
      }),
    ),
  },
  { additionalProperties: false },
);

export const Estimate = Type.Object({
  sessions: Type.Integer({ description: "ended sessions of the period that match" }),
  totalSessions: Type.Integer({ description: "every ended session of the period (bots left out)" }),
  period: Type.Object({ from: Type.Number(), to: Type.Number() }),
  exact: Type.Boolean({ description: "false: `sessions` is an upper bound" }),
  unestimated: Type.Array(Type.String(), {
    description: "fields a stored session does not record: their tests were taken as passing",
  }),
  suggestions: Type.Record(Type.String(), Type.Array(Type.String()), {
    description:
      "the most frequent values of text fields over the period, most sessions first (computed at most once a minute)",
  }),
});
