/**
 * The conflict matrix (docs/product/segments.md#conflicts): every pair of the site's live custom
 * segments (and, with
 * `framework=true`, each custom segment against the 13 framework segments) with its static
 * verdict from the conditions and the measured overlap over the period, plus remedies.
 *   GET /api/sites/:site/conflicts?from&to&framework
 */
import { Type } from "@fastify/type-provider-typebox";
import { type ConflictMatrix, ConflictMatrixSchema, SiteParams } from "@intently/api-contract";
import {
  FRAMEWORK_SEGMENT_CONTENT,
  isFrameworkSegmentId,
  segmentConflictPairs,
} from "@intently/engine";
import { measuredOverlap } from "@intently/store";
import pMap from "p-map";
import { asBuilt } from "../as-built.ts";
import { siteOf } from "../auth/principal.ts";
import { PeriodQuery, periodOf } from "../period.ts";
import type { Api, ApiDeps } from "../types.ts";
import { liveDefinitions, remediesFor } from "./service.ts";
import { collectInSlices } from "./slices.ts";

/** Pairs measured at once. */
const OVERLAP_QUERIES = 4;

export function registerConflictRoutes(api: Api, deps: ApiDeps): void {
  const { store } = deps.ctx;

  api.get("/sites/:site/conflicts", {
    ...asBuilt,
    config: { access: "viewer" },
    schema: {
      tags: ["segments"],
      summary:
        "Conflict matrix: static verdict and measured overlap for every pair of live segments",
      params: SiteParams,
      querystring: Type.Object({
        ...PeriodQuery,
        framework: Type.Optional(Type.Boolean({ default: false })),
      }),
      response: { 200: ConflictMatrixSchema },
    },
    handler: async (req): Promise<ConflictMatrix> => {
      const site = siteOf(req).id;
      const { from, to } = periodOf(req.query, siteOf(req));
      const period = { from, to };
      const live = await liveDefinitions(store, site);
      const byId = new Map(live.map((d) => [d.id, d]));
      // Pair by pair, giving the event loop back between slices: a site's matrix is N² pairs.
      const pairs = await collectInSlices(
        segmentConflictPairs(live, { framework: req.query.framework === true }),
      );
      // A few pairs' measures at a time: hundreds of queries at once starve the event loop.
      const rows = await pMap(
        pairs,
        async (p) => {
          const m = await measuredOverlap(store, { site, ...period, a: p.a, b: p.b });
          const custom = byId.get(p.a) ?? byId.get(p.b)!;
          const other = custom.id === p.a ? p.b : p.a;
          const sameGroup =
            custom.exclusiveGroup !== undefined &&
            byId.get(other)?.exclusiveGroup === custom.exclusiveGroup;
          return {
            a: p.a,
            b: p.b,
            verdict: p.verdict,
            direction: p.direction ?? null,
            detail: p.detail,
            exclusiveGroup: sameGroup ? (custom.exclusiveGroup ?? null) : null,
            measured: {
              a: m.a.sessions,
              b: m.b.sessions,
              both: m.both,
              shareOfA: m.shareOfA,
              shareOfB: m.shareOfB,
              jaccard: m.jaccard,
              concurrent: m.concurrent,
            },
            remedies:
              p.verdict === "disjoint" || sameGroup
                ? []
                : remediesFor(custom, {
                    id: other,
                    condition: byId.get(other)?.condition ?? { segment: other },
                  }),
          };
        },
        { concurrency: OVERLAP_QUERIES },
      );
      const ids = [...new Set(pairs.flatMap((p) => [p.a, p.b]))];
      return {
        site,
        period,
        segments: (ids.length > 0 ? ids : live.map((d) => d.id)).map((id) =>
          isFrameworkSegmentId(id)
            ? { id, kind: "framework", name: FRAMEWORK_SEGMENT_CONTENT[id].name }
            : { id, kind: "custom", name: byId.get(id)?.name ?? id },
        ),
        pairs: rows,
      };
    },
  });
}
