/**
 * The opportunities overview (issue 20, item 13), one request for the dashboard's page:
 *   GET /api/sites/:site/reports/opportunities   every segment's opportunities, size and value
 *                                                at stake over a period, ranked by that value
 * The figures are the segment library's (store segmentLibrary: the numbers each segment's report
 * shows), the site's totals the same query's; rank.ts does the arithmetic.
 */
import { Type } from "@fastify/type-provider-typebox";
import { OpportunitiesView, SiteParams } from "@intently/api-contract";
import { FRAMEWORK_SEGMENT_CONTENT, isFrameworkSegmentId } from "@intently/engine";
import { segmentLibrary } from "@intently/store";
import { asBuilt } from "../as-built.ts";
import { siteOf } from "../auth/principal.ts";
import { PeriodQuery, periodOf } from "../period.ts";
import { definitionOf } from "../segments/service.ts";
import type { Api, ApiDeps } from "../types.ts";
import { rankOpportunities } from "./rank.ts";

export function registerOpportunityRoutes(api: Api, deps: ApiDeps): void {
  const { store } = deps.ctx;

  api.get("/sites/:site/reports/opportunities", {
    ...asBuilt,
    config: { access: "viewer" },
    schema: {
      tags: ["reports"],
      summary:
        "Opportunities of every segment over a period, with sessions and value at stake, ranked by that value",
      params: SiteParams,
      querystring: Type.Object(PeriodQuery),
      response: { 200: OpportunitiesView },
    },
    handler: async (req) => {
      const site = siteOf(req);
      const period = periodOf(req.query, site);
      const span = { site: site.id, from: period.from, to: period.to };
      const [lib, totals, saved] = await Promise.all([
        segmentLibrary(store, { ...span, comparison: null }),
        store.queries.frameworkTotals(span),
        store.config.listSegments(site.id),
      ]);
      const custom = new Map(saved.map((v) => [v.id, definitionOf(v).opportunities ?? []]));
      const opportunitiesOf = (id: string) =>
        isFrameworkSegmentId(id)
          ? [...FRAMEWORK_SEGMENT_CONTENT[id].opportunities]
          : (custom.get(id) ?? []);
      return {
        ...rankOpportunities(lib, totals.total, opportunitiesOf),
        periodInfo: { period, comparison: null },
      };
    },
  });
}
