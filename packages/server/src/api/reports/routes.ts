/**
 * Reports (SPEC §8) over a period (`from`, `to`: see period.ts):
 *   GET /api/sites/:site/reports/ips                        IPS, phase scores, revenue at stake
 *   GET /api/sites/:site/reports/library?to&days            every segment vs the previous period
 *   GET /api/sites/:site/reports/segments/:segment          the segment report
 *   GET /api/sites/:site/reports/overlap?a&b                measured overlap of two segments
 *   GET /api/sites/:site/reports/experiments[?segment]      experiments by segment
 */
import { Type } from "@fastify/type-provider-typebox";
import {
  experimentsReport,
  ipsReport,
  measuredOverlap,
  segmentLibrary,
  segmentReport,
} from "@intently/store";
import { siteOf } from "../auth/principal.ts";
import { notFound } from "../errors.ts";
import { PeriodQuery, periodOf } from "../period.ts";
import { Id, SegmentParams, SiteParams } from "../schemas.ts";
import { segmentExists } from "../segments/service.ts";
import type { Api, ApiDeps } from "../types.ts";

const tags = ["reports"];
const Period = Type.Object(PeriodQuery);

export function registerReportRoutes(api: Api, deps: ApiDeps): void {
  const { store } = deps.ctx;

  async function known(site: string, ...ids: string[]) {
    for (const id of ids)
      if (!(await segmentExists(store, site, id))) throw notFound(`segment "${id}"`);
  }

  api.get("/sites/:site/reports/ips", {
    config: { access: "viewer" },
    schema: {
      tags,
      summary: "Intent Performance Score with its four phase scores",
      params: SiteParams,
      querystring: Period,
    },
    handler: async (req) => ipsReport(store, { site: siteOf(req).id, ...periodOf(req.query) }),
  });

  api.get("/sites/:site/reports/library", {
    config: { access: "viewer" },
    schema: {
      tags,
      summary:
        "Segment library: sessions, share, conversion, revenue and change vs the previous period",
      params: SiteParams,
      querystring: Type.Object({
        to: PeriodQuery.to,
        days: Type.Optional(Type.Integer({ minimum: 1, maximum: 90, default: 7 })),
      }),
    },
    handler: async (req) => {
      const { to } = periodOf({ to: req.query.to, from: undefined });
      return segmentLibrary(store, { site: siteOf(req).id, to, days: req.query.days ?? 7 });
    },
  });

  api.get("/sites/:site/reports/segments/:segment", {
    config: { access: "viewer" },
    schema: {
      tags,
      summary: "Segment report: figures, trend, breakdowns, flow, top pages, frustration, vs site",
      params: SegmentParams,
      querystring: Type.Object({
        ...PeriodQuery,
        topPages: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 10 })),
      }),
    },
    handler: async (req) => {
      const site = siteOf(req).id;
      await known(site, req.params.segment);
      const period = periodOf(req.query);
      return segmentReport(store, {
        site,
        ...period,
        segment: req.params.segment,
        topPages: req.query.topPages ?? 10,
      });
    },
  });

  api.get("/sites/:site/reports/overlap", {
    config: { access: "viewer" },
    schema: {
      tags,
      summary: "Measured overlap between two segments",
      params: SiteParams,
      querystring: Type.Object({ ...PeriodQuery, a: Id("segment id"), b: Id("segment id") }),
    },
    handler: async (req) => {
      const site = siteOf(req).id;
      await known(site, req.query.a, req.query.b);
      return measuredOverlap(store, {
        site,
        ...periodOf(req.query),
        a: req.query.a,
        b: req.query.b,
      });
    },
  });

  api.get("/sites/:site/reports/experiments", {
    config: { access: "viewer" },
    schema: {
      tags,
      summary: "Experiments (variant vs control) over all sessions or a segment's",
      params: SiteParams,
      querystring: Type.Object({ ...PeriodQuery, segment: Type.Optional(Id("segment id")) }),
    },
    handler: async (req) => {
      const site = siteOf(req).id;
      const segment = req.query.segment ?? null;
      if (segment !== null) await known(site, segment);
      return experimentsReport(store, { site, ...periodOf(req.query), segment });
    },
  });
}
