/**
 * Live view and model card:
 *   GET /api/sites/:site/live?segment&limit    sessions in flight now (from the engine)
 *   GET /api/sites/:site/model                 the card of the model scoring the site
 * That is the site's promoted model from the registry in the data folder (models/plugin.ts
 * loads it into the engine), else the bundled prior model.
 */
import { join } from "node:path";
import { Type } from "@fastify/type-provider-typebox";
import { type LoadedBundle, priorBundle } from "@intently/intent-model";
import { liveView } from "@intently/store";
import { ModelRegistry } from "../../models/registry.ts";
import { siteOf } from "../auth/principal.ts";
import { Id, SiteParams } from "../schemas.ts";
import type { Api, ApiDeps } from "../types.ts";

function siteModel(dataDir: string | null, site: string): LoadedBundle | null {
  if (!dataDir) return null;
  try {
    return new ModelRegistry(join(dataDir, "models")).current(site);
  } catch {
    return null;
  }
}

export function registerLiveRoutes(api: Api, deps: ApiDeps): void {
  const { ctx } = deps;

  api.get("/sites/:site/live", {
    config: { access: "viewer" },
    schema: {
      tags: ["reports"],
      summary: "Sessions in flight now with their segment, state and score timelines",
      params: SiteParams,
      querystring: Type.Object({
        segment: Type.Optional(Id("only sessions in this segment now")),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
      }),
    },
    handler: async (req) => {
      const { engine, recorder } = ctx.host;
      return liveView(engine.sessions(), {
        now: Date.now(),
        site: siteOf(req).id,
        limit: req.query.limit ?? 100,
        ...(req.query.segment !== undefined ? { segment: req.query.segment } : {}),
        bandsOf: (s) => engine.bandsOf(s),
        timelineOf: (s, id) => recorder.timeline(s, id),
      });
    },
  });

  api.get("/sites/:site/model", {
    config: { access: "viewer" },
    schema: {
      tags: ["model"],
      summary: "The model card of the model scoring this site",
      params: SiteParams,
    },
    handler: async (req) => {
      const site = siteOf(req).id;
      const own = siteModel(ctx.config.dataDir, site);
      const b = (own ?? priorBundle()).bundle;
      return { site, source: own ? "site" : "prior", model: b.id, card: b.card };
    },
  });
}
