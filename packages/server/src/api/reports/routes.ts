/**
 * Reports (docs/product/reports.md) over a period of the site's local days (`range` or `from`/`to`,
 * and
 * `compare`: see period.ts); each answers with `periodInfo` (the period actually used and its
 * comparison) and, for ips, library and segment, the figures compared like for like:
 *   GET /api/sites/:site/reports/ips                        IPS, phase scores, revenue at stake
 *   GET /api/sites/:site/reports/ips/trend                  IPS and sessions per local day
 *   GET /api/sites/:site/reports/library                    every segment vs the comparison
 *   GET /api/sites/:site/reports/segments/:segment          the segment report
 *   GET /api/sites/:site/reports/overlap?a&b                measured overlap of two segments
 *   GET /api/sites/:site/reports/experiments[?segment]      experiments by segment
 */
import { Type } from "@fastify/type-provider-typebox";
import {
  ExperimentsReportView,
  Id,
  IpsReportView,
  IpsTrendView,
  LibraryReportView,
  OverlapReportView,
  SegmentParams,
  SegmentReportView,
  SiteParams,
} from "@intently/api-contract";
import {
  experimentsReport,
  ipsReport,
  ipsTrend,
  measuredOverlap,
  type Outcome,
  segmentLibrary,
  segmentReport,
} from "@intently/store";
import { asBuilt } from "../as-built.ts";
import { siteOf } from "../auth/principal.ts";
import { notFound } from "../errors.ts";
import { CompareQuery, PeriodQuery, periodInfo, periodOf } from "../period.ts";
import { segmentExists } from "../segments/service.ts";
import type { Api, ApiDeps } from "../types.ts";
import { youngSegments } from "./counting.ts";

const tags = ["reports"];
const Period = Type.Object({ ...PeriodQuery, ...CompareQuery });
const span = (p: { from: number; to: number }) => ({ from: p.from, to: p.to });

export function registerReportRoutes(api: Api, deps: ApiDeps): void {
  const { store } = deps.ctx;

  async function known(site: string, ...ids: string[]) {
    for (const id of ids)
      if (!(await segmentExists(store, site, id))) throw notFound(`segment "${id}"`);
  }

  api.get("/sites/:site/reports/ips", {
    ...asBuilt,
    config: { access: "viewer" },
    schema: {
      tags,
      summary: "Intent Performance Score with its four phase scores",
      params: SiteParams,
      querystring: Period,
      response: { 200: IpsReportView },
    },
    handler: async (req) => {
      const site = siteOf(req);
      const info = periodInfo(req.query, site);
      const c = info.comparison;
      const ips = (p: { from: number; to: number }) =>
        ipsReport(store, { site: site.id, ...span(p) });
      const [report, base, against] = await Promise.all([
        ips(info.period),
        c && c.base !== info.period ? ips(c.base) : null,
        c ? ips(c.against) : null,
      ]);
      const pick = (r: { ips: number | null; sessions: number }) => ({
        ips: r.ips,
        sessions: r.sessions,
      });
      return {
        ...report,
        currency: site.settings.currency,
        periodInfo: info,
        compared: against ? { base: pick(base ?? report), against: pick(against) } : null,
      };
    },
  });

  api.get("/sites/:site/reports/ips/trend", {
    config: { access: "viewer" },
    schema: {
      tags,
      summary: "IPS and sessions of every local day of the period (incomplete days marked)",
      params: SiteParams,
      querystring: Type.Object(PeriodQuery),
      response: { 200: IpsTrendView },
    },
    handler: async (req) => {
      const site = siteOf(req);
      const period = periodOf(req.query, site);
      return { ...(await ipsTrend(store, { site: site.id, ...span(period) })), period };
    },
  });

  api.get("/sites/:site/reports/library", {
    ...asBuilt,
    config: { access: "viewer" },
    schema: {
      tags,
      summary:
        "Segment library: sessions, share, conversion, revenue and change vs the previous period",
      params: SiteParams,
      querystring: Type.Object({
        ...PeriodQuery,
        ...CompareQuery,
        days: Type.Optional(
          Type.Integer({
            minimum: 1,
            maximum: 90,
            description: "older form: that many complete days (before `to` when given)",
          }),
        ),
      }),
      response: { 200: LibraryReportView },
    },
    handler: async (req) => {
      const site = siteOf(req);
      const info = periodInfo(req.query, site);
      const c = info.comparison;
      const [lib, counting] = await Promise.all([
        segmentLibrary(store, {
          site: site.id,
          ...span(info.period),
          comparison: c ? { base: span(c.base), against: span(c.against) } : null,
        }),
        youngSegments(store, site, info.period.from),
      ]);
      return { ...lib, currency: site.settings.currency, periodInfo: info, counting };
    },
  });

  api.get("/sites/:site/reports/segments/:segment", {
    ...asBuilt,
    config: { access: "viewer" },
    schema: {
      tags,
      summary: "Segment report: figures, trend, breakdowns, flow, top pages, frustration, vs site",
      params: SegmentParams,
      querystring: Type.Object({
        ...PeriodQuery,
        ...CompareQuery,
        topPages: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 10 })),
      }),
      response: { 200: SegmentReportView },
    },
    handler: async (req) => {
      const site = siteOf(req).id;
      const segment = req.params.segment;
      await known(site, segment);
      const info = periodInfo(req.query, siteOf(req));
      const c = info.comparison;
      const outcome = async (p: { from: number; to: number }): Promise<Outcome> => {
        const { sessions, conversions, revenue } = (
          await store.queries.compare({ site, ...span(p) }, segment)
        ).segment;
        return { sessions, conversions, revenue };
      };
      const [report, base, against, young] = await Promise.all([
        segmentReport(store, {
          site,
          ...span(info.period),
          segment,
          topPages: req.query.topPages ?? 10,
        }),
        c ? outcome(c.base) : null,
        c ? outcome(c.against) : null,
        youngSegments(store, siteOf(req), info.period.from, segment),
      ]);
      return {
        ...report,
        currency: siteOf(req).settings.currency,
        periodInfo: info,
        compared: base && against ? { base, against } : null,
        counting: young[segment] ?? null,
      };
    },
  });

  api.get("/sites/:site/reports/overlap", {
    ...asBuilt,
    config: { access: "viewer" },
    schema: {
      tags,
      summary: "Measured overlap between two segments",
      params: SiteParams,
      querystring: Type.Object({ ...PeriodQuery, a: Id("segment id"), b: Id("segment id") }),
      response: { 200: OverlapReportView },
    },
    handler: async (req) => {
      const site = siteOf(req).id;
      await known(site, req.query.a, req.query.b);
      return measuredOverlap(store, {
        site,
        ...span(periodOf(req.query, siteOf(req))),
        a: req.query.a,
        b: req.query.b,
      });
    },
  });

  api.get("/sites/:site/reports/experiments", {
    ...asBuilt,
    config: { access: "viewer" },
    schema: {
      tags,
      summary: "Experiments (variant vs control) over all sessions or a segment's",
      params: SiteParams,
      querystring: Type.Object({ ...PeriodQuery, segment: Type.Optional(Id("segment id")) }),
      response: { 200: ExperimentsReportView },
    },
    handler: async (req) => {
      const site = siteOf(req).id;
      const segment = req.query.segment ?? null;
      if (segment !== null) await known(site, segment);
      const period = span(periodOf(req.query, siteOf(req)));
      return experimentsReport(store, { site, ...period, segment });
    },
  });
}
