/**
 * Live view and model card:
 *   GET /api/sites/:site/live?segment&limit    sessions in flight now (from the engine)
 *   GET /api/sites/:site/live/stream           the same, in real time (live-stream.ts)
 *   GET /api/sites/:site/model                 the card of the model scoring the site
 * That is the site's promoted model from the registry in the data folder (models/plugin.ts
 * loads it into the engine), else the bundled prior model.
 */
import { join } from "node:path";
import {
  LiveViewSchema,
  ModelCardSchema,
  type ModelCardView,
  SiteParams,
} from "@intently/api-contract";
import { type LoadedBundle, priorBundle } from "@intently/intent-model";
import { ModelRegistry } from "../../models/registry.ts";
import { asBuilt } from "../as-built.ts";
import { siteOf } from "../auth/principal.ts";
import type { Api, ApiDeps } from "../types.ts";
import { LiveQuery, liveOf, registerLiveStreamRoute } from "./live-stream.ts";

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
    ...asBuilt,
    config: { access: "viewer" },
    schema: {
      tags: ["reports"],
      summary: "Sessions in flight now with their segment, state and score timelines",
      params: SiteParams,
      querystring: LiveQuery,
      response: { 200: LiveViewSchema },
    },
    handler: async (req) => {
      const q = { site: siteOf(req).id, limit: req.query.limit ?? 100 };
      return liveOf(
        ctx,
        req.query.segment !== undefined ? { ...q, segment: req.query.segment } : q,
      );
    },
  });
  registerLiveStreamRoute(api, deps);

  api.get("/sites/:site/model", {
    ...asBuilt,
    config: { access: "viewer" },
    schema: {
      tags: ["model"],
      summary: "The model card of the model scoring this site",
      params: SiteParams,
      response: { 200: ModelCardSchema },
    },
    handler: async (req): Promise<ModelCardView> => {
      const site = siteOf(req).id;
      const own = siteModel(ctx.config.dataDir, site);
      const b = (own ?? priorBundle()).bundle;
      return { site, source: own ? "site" : "prior", model: b.id, card: b.card };
    },
  });
}
