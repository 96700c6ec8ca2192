/**
 * Integration schemas. Each field's limits (lengths, bounds, list sizes) are the integrations
 * package's field rules (@intently/integrations/fields), which its validation and the
 * dashboard's form read too; the kind's own checks (patterns, URLs, reserved names, the whsec_
 * secret) run when the integration is saved. Secret fields are write-only: answers carry them
 * as "[redacted]".
 */
import {
  EXPORT_FORMATS,
  type FieldRule,
  INTEGRATION_KINDS,
  INTEGRATION_NAME_MAX,
  KIND_FIELDS,
  REDACTED,
} from "@intently/integrations/fields";
import { type TOptional, type TSchema, Type } from "typebox";
import { Id } from "./common.ts";

/** What each field is, for the OpenAPI document (the rules are the field's). */
const ABOUT: Record<string, string> = {
  url: "the receiver's URL",
  secret:
    "Standard Webhooks signing secret, whsec_ + base64 of 24–64 random bytes " +
    "(write-only; a secret saved before keeps working)",
  apiKey: "private API key, scope events:write (write-only)",
  metricName: "metric",
  measurementId: "G-…",
  apiSecret: "Measurement Protocol API secret (write-only)",
  eventName: "event name, not one GA4 reserves",
  validate: "validation server first",
  baseUrl: "API base URL (default: the vendor's)",
  segments: "only sessions in any of these segments; empty: every session",
  timeoutMs: "per-request timeout in ms (default: the server's)",
  folder: "absolute folder",
  formats: "file formats",
};
const MASKED = 'credentials in it are shown as "***", and sending the URL back as shown keeps them';

function schemaOf(f: FieldRule, description: string): TSchema {
  switch (f.type) {
    case "checkbox":
      return Type.Boolean({ description });
    case "number":
      return Type.Integer({ minimum: f.min, maximum: f.max, description });
    case "list":
      return Type.Array(Type.String({ maxLength: f.maxLength }), { maxItems: f.max, description });
    case "formats":
      return Type.Array(Type.Enum([...EXPORT_FORMATS]), {
        maxItems: EXPORT_FORMATS.length,
        description,
      });
    case "secret":
      return Type.String({ minLength: 1, maxLength: f.maxLength, writeOnly: true, description });
    case "url":
      return Type.String({ maxLength: f.maxLength, description: `${description}; ${MASKED}` });
    default:
      return Type.String({ maxLength: f.maxLength, description });
  }
}

/** One property per field name of any kind; a name shared by kinds has one rule. */
function configProperties(): Record<string, TOptional<TSchema>> {
  const rules = new Map<string, { rule: FieldRule; kinds: string[] }>();
  for (const kind of INTEGRATION_KINDS)
    for (const rule of KIND_FIELDS[kind]) {
      const seen = rules.get(rule.name);
      if (!seen) rules.set(rule.name, { rule, kinds: [kind] });
      else if ((["type", "maxLength", "min", "max"] as const).some((k) => seen.rule[k] !== rule[k]))
        throw new Error(`integration field ${rule.name}: kinds disagree on its limits`);
      else seen.kinds.push(kind);
    }
  const props: Record<string, TOptional<TSchema>> = {};
  for (const [name, { rule, kinds }] of rules) {
    props[name] = Type.Optional(schemaOf(rule, `${kinds.join(", ")}: ${ABOUT[name] ?? name}`));
  }
  return props;
}

/** Every kind's fields in one object; the kind's validation keeps only its own. */
export const IntegrationConfig = Type.Object(
  {
    ...configProperties(),
    rateLimit: Type.Optional(
      Type.Object(
        { perSecond: Type.Number({ exclusiveMinimum: 0 }), burst: Type.Number({ minimum: 1 }) },
        { additionalProperties: false, description: "overrides the vendor's default rate" },
      ),
    ),
  },
  { additionalProperties: false },
);

/**
 * A configuration as TypeScript sees it: field name → value. Its property names come from the
 * field rules (data), which Static<> cannot read; the schema above checks each of them.
 */
export type IntegrationConfigValue = Record<string, unknown>;

const Name = Type.String({ minLength: 1, maxLength: INTEGRATION_NAME_MAX });
const Enabled = Type.Boolean({ description: "paused when false (default true)" });

export const IntegrationBody = Type.Object(
  {
    name: Name,
    kind: Type.Enum([...INTEGRATION_KINDS], { description: "webhook, klaviyo, ga4 or export" }),
    config: Type.Unsafe<IntegrationConfigValue>(IntegrationConfig),
    enabled: Type.Optional(Enabled),
  },
  {
    additionalProperties: false,
    examples: [
      {
        name: "CRM webhook",
        kind: "webhook",
        config: {
          url: "https://crm.example/hooks/intently",
          secret: "<whsec_ + base64 of 32 random bytes>",
        },
      },
    ],
  },
);

export const IntegrationPatch = Type.Object(
  {
    name: Type.Optional(Name),
    enabled: Type.Optional(Enabled),
    config: Type.Optional(
      Type.Unsafe<IntegrationConfigValue>(
        Type.Partial(IntegrationConfig, {
          additionalProperties: false,
          description:
            "merged over the current configuration; secrets left out are kept, but must be sent " +
            "again when url or baseUrl changes",
        }),
      ),
    ),
  },
  { additionalProperties: false },
);

export const IntegrationView = Type.Object(
  {
    id: Type.String(),
    site: Type.String(),
    kind: Type.String(),
    name: Type.String(),
    config: Type.Record(Type.String(), Type.Unknown(), {
      description:
        `secret fields are always "${REDACTED}"; credentials inside url and baseUrl ` +
        '(userinfo, and parameters such as token, key, secret, sig) are "***" for every role',
    }),
    enabled: Type.Boolean(),
    disabled: Type.Boolean({
      description:
        "disabled by delivery: the webhook endpoint answered 410 Gone (enabled is then false); " +
        "saving the integration enables it again",
    }),
    disabledReason: Type.Union([Type.String(), Type.Null()]),
    disabledAt: Type.Union([Type.Number(), Type.Null()]),
    createdAt: Type.Number(),
    updatedAt: Type.Number(),
  },
  {
    examples: [
      {
        id: "int_3f9a1c2b7d4e",
        site: "shop-1a2b3c",
        kind: "webhook",
        name: "CRM webhook",
        config: { url: "https://crm.example/hooks/intently", secret: REDACTED, segments: [] },
        enabled: true,
        disabled: false,
        disabledReason: null,
        disabledAt: null,
        createdAt: 1718000000000,
        updatedAt: 1718000000000,
      },
    ],
  },
);

export const IntegrationParams = Type.Object({
  site: Id("site id"),
  integration: Id("integration id"),
});

export const TestAnswerView = Type.Object({
  status: Type.Integer({ description: "the receiver's HTTP status (0: no answer)" }),
  body: Type.String({ description: "the receiver's answer (first 4000 characters)" }),
  verdict: Type.String({ description: "delivered, retry or dead, as a real send would be" }),
  integration: IntegrationView,
});

export const MetricsView = Type.Object({
  destination: Type.String({ description: "integration id" }),
  name: Type.Union([Type.String(), Type.Null()], { description: "null once deleted" }),
  kind: Type.Union([Type.String(), Type.Null()]),
  pending: Type.Integer(),
  delivered: Type.Integer(),
  retried: Type.Integer({ description: "failed attempts that were tried again" }),
  failed: Type.Integer({ description: "dead letters (failed for good, replayable)" }),
  lagMs: Type.Number({ description: "age of the oldest pending message" }),
});

export const DeadLetterView = Type.Object({
  key: Type.String({ description: "the message id and idempotency key: site:session:destination" }),
  destination: Type.String(),
  attempts: Type.Integer(),
  retries: Type.Integer(),
  lastStatus: Type.Union([Type.Integer(), Type.Null()]),
  lastError: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.Number(),
  settledAt: Type.Union([Type.Number(), Type.Null()]),
});

export const DeadLetterQuery = Type.Object({
  destination: Type.Optional(Id("integration id")),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
});

export const ReplayBody = Type.Object(
  {
    destination: Type.Optional(Id("only this integration's dead letters")),
    keys: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 600 }), {
        minItems: 1,
        maxItems: 1000,
        description: "only these dead letters (their keys)",
      }),
    ),
  },
  { additionalProperties: false, description: "empty: every dead letter of the site" },
);
