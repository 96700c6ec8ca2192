/**
 * Integration schemas. The structure is checked here; each kind's own rules (required fields,
 * URLs, secret length…) are the integrations package's. Secret fields are write-only: answers
 * carry them as "[redacted]".
 */
import { Type } from "@fastify/type-provider-typebox";
import { EXPORT_FORMATS, INTEGRATION_KINDS, REDACTED } from "@intently/integrations";
import { Id } from "../schemas.ts";

const Secret = (description: string) =>
  Type.String({ minLength: 1, maxLength: 1000, writeOnly: true, description });
const Url = (description: string) =>
  Type.String({
    maxLength: 2000,
    description: `${description}; credentials in it are shown as "***", and sending the URL back as shown keeps them`,
  });

/** Every kind's fields in one object; the kind's validation keeps only its own. */
export const IntegrationConfig = Type.Object(
  {
    url: Type.Optional(Url("webhook: the receiver's URL")),
    secret: Type.Optional(
      Secret(
        "webhook: Standard Webhooks signing secret, whsec_ + base64 of 24–64 random bytes " +
          "(write-only; a secret saved before keeps working)",
      ),
    ),
    apiKey: Type.Optional(Secret("klaviyo: private API key, scope events:write (write-only)")),
    revision: Type.Optional(Type.String({ maxLength: 40, description: "klaviyo: API revision" })),
    metricName: Type.Optional(Type.String({ maxLength: 128, description: "klaviyo: metric" })),
    measurementId: Type.Optional(Type.String({ maxLength: 40, description: "ga4: G-…" })),
    apiSecret: Type.Optional(Secret("ga4: Measurement Protocol API secret (write-only)")),
    eventName: Type.Optional(Type.String({ maxLength: 40, description: "ga4: event name" })),
    validate: Type.Optional(Type.Boolean({ description: "ga4: validation server first" })),
    baseUrl: Type.Optional(Url("klaviyo, ga4: API base URL (default: the vendor's)")),
    segments: Type.Optional(
      Type.Array(Type.String({ maxLength: 128 }), {
        maxItems: 200,
        description: "only sessions in any of these segments; empty: every session",
      }),
    ),
    timeoutMs: Type.Optional(Type.Integer({ minimum: 100, maximum: 120_000 })),
    folder: Type.Optional(Type.String({ maxLength: 1000, description: "export: absolute folder" })),
    formats: Type.Optional(Type.Array(Type.Enum([...EXPORT_FORMATS]), { maxItems: 2 })),
    rateLimit: Type.Optional(
      Type.Object(
        { perSecond: Type.Number({ exclusiveMinimum: 0 }), burst: Type.Number({ minimum: 1 }) },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

const Name = Type.String({ minLength: 1, maxLength: 120 });
const Enabled = Type.Boolean({ description: "paused when false (default true)" });

export const IntegrationBody = Type.Object(
  {
    name: Name,
    kind: Type.Enum([...INTEGRATION_KINDS], { description: "webhook, klaviyo, ga4 or export" }),
    config: IntegrationConfig,
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
      Type.Partial(IntegrationConfig, {
        additionalProperties: false,
        description:
          "merged over the current configuration; secrets left out are kept, but must be sent " +
          "again when url or baseUrl changes",
      }),
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
