/**
 * Helper routes the builder and settings need and the REST API does not offer yet, under
 * /dashboard/api. They hold no authentication of their own: each forwards the caller's cookie or
 * bearer token to an API route of the same site (`app.inject`) and answers only when the API
 * does, so roles and tenant isolation are the API's.
 *   POST /dashboard/api/sites/:site/preview        {definition, days?} → {errors, warnings, estimate}
 *   GET  /dashboard/api/sites/:site/integrations   the site's integrations (no configuration)
 */
import type { SegmentDefinition } from "@intently/engine";
import type { Store } from "@intently/store";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { estimateSessions } from "./estimate.ts";
import { type DraftSegment, draftErrors, draftWarnings } from "./preview.ts";

const SITE_ID = /^[A-Za-z0-9_.:-]{1,128}$/;

async function forward(
  app: FastifyInstance,
  req: FastifyRequest,
  reply: FastifyReply,
  url: string,
): Promise<unknown | undefined> {
  const headers: Record<string, string> = {};
  for (const h of ["cookie", "authorization"] as const) {
    const v = req.headers[h];
    if (typeof v === "string") headers[h] = v;
  }
  const res = await app.inject({ method: "GET", url, headers });
  if (res.statusCode === 200) return res.json();
  reply.code(res.statusCode).header("content-type", "application/json").send(res.body);
  return undefined;
}

function siteParam(req: FastifyRequest, reply: FastifyReply): string | null {
  const site = (req.params as { site?: string }).site ?? "";
  if (SITE_ID.test(site)) return site;
  reply.code(404).send({ error: "Not Found", message: "site not found" });
  return null;
}

interface SegmentList {
  custom: (SegmentDefinition & { kind: "custom" })[];
}

export function registerHelperRoutes(app: FastifyInstance, store: Store): void {
  app.post("/dashboard/api/sites/:site/preview", {
    bodyLimit: 128 * 1024,
    handler: async (req, reply) => {
      const site = siteParam(req, reply);
      if (site === null) return reply;
      const body = (req.body ?? {}) as { definition?: DraftSegment; days?: unknown };
      const draft = body.definition;
      if (!draft || typeof draft !== "object") {
        return reply.code(400).send({ error: "Bad Request", message: "definition is required" });
      }
      const list = (await forward(app, req, reply, `/api/sites/${site}/segments`)) as
        | SegmentList
        | undefined;
      if (!list) return reply;
      const errors = draftErrors(draft);
      const conditionOk = !errors.some((e) => e.path.startsWith("/condition"));
      const days =
        typeof body.days === "number" && body.days >= 1 && body.days <= 90 ? body.days : 7;
      reply.header("cache-control", "no-store");
      return {
        errors,
        warnings: conditionOk ? draftWarnings(draft, list.custom) : [],
        estimate: conditionOk
          ? await estimateSessions(store, site, draft.condition, { days })
          : null,
      };
    },
  });

  app.get("/dashboard/api/sites/:site/integrations", async (req, reply) => {
    const site = siteParam(req, reply);
    if (site === null) return reply;
    if ((await forward(app, req, reply, `/api/sites/${site}`)) === undefined) return reply;
    reply.header("cache-control", "no-store");
    return (await store.config.listIntegrations(site)).map((i) => ({
      id: i.id,
      kind: i.kind,
      name: i.name,
      enabled: i.enabled,
      createdAt: i.createdAt,
      updatedAt: i.updatedAt,
    }));
  });
}
