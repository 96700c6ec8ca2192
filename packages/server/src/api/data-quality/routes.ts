/**
 * The data-quality page's answer (issue 19):
 *   GET /api/sites/:site/data-quality      the last 24 h of the site's data, as read
 * The store's figures (dataQualityReport) and the collector's refusals of the site's batches
 * (origins not allowed: the only refusal tied to a known site; a batch refused before its site is
 * known cannot be counted for it).
 */
import { DataQualityView, SiteParams } from "@intently/api-contract";
import { DATA_QUALITY_WINDOW_MS, dataQualityReport } from "@intently/store";
import { refusedOrigins } from "../../collector/refused-origins.ts";
import { siteOf } from "../auth/principal.ts";
import type { Api, ApiDeps } from "../types.ts";

export function registerDataQualityRoutes(api: Api, deps: ApiDeps): void {
  const { store } = deps.ctx;
  api.get("/sites/:site/data-quality", {
    config: { access: "viewer" },
    schema: {
      tags: ["reports"],
      summary: "What the server read of the site's data over the last 24 h",
      params: SiteParams,
      response: { 200: DataQualityView },
    },
    handler: async (req) => {
      const site = siteOf(req);
      const now = Date.now();
      const report = await dataQualityReport(store, { site: site.id, now });
      const refused = refusedOrigins(store)
        .list(site.id)
        .filter((r) => r.lastAt > now - DATA_QUALITY_WINDOW_MS)
        .map((r) => ({
          reason: "origin not allowed",
          detail: r.origin,
          count: r.count,
          lastAt: r.lastAt,
        }));
      return { site: site.id, currency: site.settings.currency, ...report, refused };
    },
  });
}
