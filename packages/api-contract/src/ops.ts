/**
 * The routes outside /api, as the OpenAPI document describes them (issue 23, item 9): the
 * collector (`POST /v1/collect`, its request schema is the engine's, docs/collect.schema.json),
 * health (`/healthz`, `/livez`, `/readyz`) and Prometheus metrics (`/metrics`). The server's
 * openapi.ts adds them to /api/openapi.json; its test checks real answers against them.
 */
import { batchJsonSchema } from "@intently/engine";
import { Type } from "typebox";

export const HealthAnswer = Type.Object({ ok: Type.Literal(true) });

const Check = Type.Object({ ok: Type.Boolean(), reason: Type.Optional(Type.String()) });

/** `/readyz`: 200 when every check passes, 503 otherwise, with the same body. */
export const ReadinessAnswer = Type.Object({
  ready: Type.Boolean(),
  checks: Type.Object({ log: Check, store: Check, engine: Check }),
});

const Scores = Type.Object({ xC: Type.Number(), xATC: Type.Number(), xE: Type.Number() });
const Bands = Type.Object({ xC: Type.String(), xATC: Type.String(), xE: Type.String() });

/** `POST /v1/collect` 200: the session after the batch (collector apply.ts CollectResponse). */
export const CollectAnswer = Type.Object({
  segments: Type.Array(Type.String(), {
    description: "segments matched now: the framework segment first",
  }),
  persisted: Type.Array(Type.String(), { description: "matched at any time this session" }),
  enter: Type.Array(Type.String()),
  exit: Type.Array(Type.String()),
  scores: Scores,
  bands: Bands,
  stage: Type.String(),
  phase: Type.String(),
  state: Type.String(),
  segment: Type.String(),
});

/** Any refusal of the collector (400, 403, 404, 409, 413, 415, 429, 503). */
export const CollectRefusal = Type.Object(
  { error: Type.String() },
  { additionalProperties: true, description: "`error`, and fields naming what was refused" },
);

/** The collect request's JSON Schema, without the draft marker (OpenAPI 3.1 is 2020-12). */
export function collectRequestSchema(): Record<string, unknown> {
  const { $schema: _, ...schema } = batchJsonSchema() as Record<string, unknown>;
  return schema;
}
