/**
 * Segment Matching Scripts (docs/product/activation.md#matching-scripts), for framework and custom
 * segments alike:
 *   GET /api/sites/:site/segments/:segment/script?target=…[&timeoutMs=…]   one tool (400 if unknown)
 *   GET /api/sites/:site/segments/:segment/scripts[?timeoutMs=…]           every tool
 */
import { Type } from "@fastify/type-provider-typebox";
import {
  DEFAULT_TIMEOUT_MS,
  MAX_TIMEOUT_MS,
  type MatchingScript,
  matchingScript,
  matchingScriptsFor,
  TARGETS,
} from "@intently/activation";
import { SegmentParams } from "@intently/api-contract";
import { FRAMEWORK_SEGMENT_CONTENT, isFrameworkSegmentId } from "@intently/engine";
import type { Store } from "@intently/store";
import { siteOf } from "../auth/principal.ts";
import { notFound } from "../errors.ts";
import type { Api, ApiDeps } from "../types.ts";
import { definitionOf } from "./service.ts";

const tags = ["segments"];

const Timeout = Type.Integer({ minimum: 0, maximum: MAX_TIMEOUT_MS, default: DEFAULT_TIMEOUT_MS });

/** activation's MatchingScript, which the dashboard's script panel imports as its type. */
const Script = Type.Unsafe<MatchingScript>(
  Type.Object({
    target: Type.Enum(TARGETS.map((t) => t.target)),
    label: Type.String(),
    kind: Type.String({
      description: "how the tool runs the code: expression, function-body, function, script, html",
    }),
    code: Type.String(),
    instructions: Type.Array(Type.String({ description: "where to paste it, step by step" })),
  }),
);

async function segmentFor(store: Store, site: string, id: string) {
  if (isFrameworkSegmentId(id)) return { id, name: FRAMEWORK_SEGMENT_CONTENT[id].name };
  const v = await store.config.getSegment(site, id);
  if (!v) throw notFound("segment");
  return { id, name: definitionOf(v).name };
}

export function registerScriptRoutes(api: Api, deps: ApiDeps): void {
  const { store } = deps.ctx;

  api.get("/sites/:site/segments/:segment/script", {
    config: { access: "viewer" },
    schema: {
      tags,
      summary: "The segment's matching script for one testing tool",
      params: SegmentParams,
      querystring: Type.Object({
        target: Type.Enum(
          TARGETS.map((t) => t.target),
          { description: TARGETS.map((t) => `${t.target}: ${t.label}`).join("; ") },
        ),
        timeoutMs: Type.Optional(Timeout),
      }),
      response: { 200: Script },
    },
    handler: async (req) => {
      const seg = await segmentFor(store, siteOf(req).id, req.params.segment);
      return matchingScript(seg, req.query.target, {
        timeoutMs: req.query.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      });
    },
  });

  api.get("/sites/:site/segments/:segment/scripts", {
    config: { access: "viewer" },
    schema: {
      tags,
      summary: "The segment's matching scripts for every testing tool",
      params: SegmentParams,
      querystring: Type.Object({ timeoutMs: Type.Optional(Timeout) }),
      response: { 200: Type.Array(Script) },
    },
    handler: async (req) => {
      const seg = await segmentFor(store, siteOf(req).id, req.params.segment);
      return matchingScriptsFor(seg, { timeoutMs: req.query.timeoutMs ?? DEFAULT_TIMEOUT_MS });
    },
  });
}
