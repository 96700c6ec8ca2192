/**
 *   GET    /api/sites/:site/segments                      framework (read-only) + custom
 *   POST   /api/sites/:site/segments                      a custom segment → {segment, warnings}
 *   GET    /api/sites/:site/segments/:segment             one (framework or custom)
 *   PATCH  /api/sites/:site/segments/:segment             a new version (incl. pause/archive via status)
 *   POST and PATCH with ?dryRun=true                      the same checks and answer, nothing stored
 *   DELETE /api/sites/:site/segments/:segment             archives it (a new version)
 *   GET    /api/sites/:site/segments/:segment/versions    its history: who, when, what
 */
import { Type } from "@fastify/type-provider-typebox";
import {
  CustomSegmentView,
  DryRunQuery,
  OneSegmentView,
  SavedSegment,
  SegmentBody,
  type SegmentList,
  SegmentListView,
  SegmentParams,
  SegmentPatch,
  SiteParams,
} from "@intently/api-contract";
import {
  isFrameworkSegmentId,
  type SegmentDefinition,
  type SegmentStatus,
  validateSegmentDefinition,
} from "@intently/engine";
import type { SegmentVersion } from "@intently/store";
import type { FastifyRequest } from "fastify";
import { asBuilt } from "../as-built.ts";
import { principalOf, siteOf } from "../auth/principal.ts";
import { badRequest, conflict, notFound } from "../errors.ts";
import type { Api, ApiDeps } from "../types.ts";
import { backfillNewSegment } from "./backfill.ts";
import {
  conflictWarnings,
  customView,
  definitionOf,
  frameworkView,
  frameworkViews,
  regexBudgetIssue,
  syncEngine,
} from "./service.ts";

const tags = ["segments"];

function authorOf(req: FastifyRequest): string {
  const p = principalOf(req);
  return p.token ? `${p.user.email} (token ${p.token.name})` : p.user.email;
}

function checked(def: SegmentDefinition): SegmentDefinition {
  const errors = validateSegmentDefinition(def);
  if (errors.length > 0) {
    throw badRequest(
      "invalid segment definition",
      errors.map((e) => ({ path: `/body${e.path}`, message: e.message })),
    );
  }
  return def;
}

const readOnly = () =>
  badRequest("framework segments are read-only: create a custom segment from one");

export function registerSegmentRoutes(api: Api, deps: ApiDeps): void {
  const { ctx } = deps;
  const { store } = ctx;

  async function save(
    req: FastifyRequest,
    def: SegmentDefinition,
    status: SegmentStatus,
    dryRun = false,
  ) {
    const site = siteOf(req).id;
    const costly = await regexBudgetIssue(store, site, { ...def, status });
    if (costly) {
      throw badRequest("invalid segment definition", [
        { path: `/body/condition${costly.path}`, message: costly.message },
      ]);
    }
    if (dryRun) return wouldSave(req, site, { ...def, status });
    const v = await store.config.saveSegment({
      site,
      id: def.id,
      definition: def,
      author: authorOf(req),
      status,
    });
    await syncEngine(ctx, site);
    return {
      segment: customView(v),
      warnings: await conflictWarnings(store, site, definitionOf(v)),
    };
  }

  /** What `save` would answer (the next version, the same warnings), storing nothing. */
  async function wouldSave(req: FastifyRequest, site: string, def: SegmentDefinition) {
    const v: SegmentVersion = {
      site,
      id: def.id,
      version: ((await store.config.getSegment(site, def.id))?.version ?? 0) + 1,
      definition: JSON.parse(JSON.stringify(def)),
      author: authorOf(req),
      createdAt: Date.now(),
      status: def.status,
    };
    return {
      segment: customView(v),
      warnings: await conflictWarnings(store, site, definitionOf(v)),
      dryRun: true,
    };
  }

  async function latest(site: string, id: string) {
    if (isFrameworkSegmentId(id)) throw readOnly();
    const v = await store.config.getSegment(site, id);
    if (!v) throw notFound("segment");
    return v;
  }

  api.get("/sites/:site/segments", {
    ...asBuilt,
    config: { access: "viewer" },
    schema: {
      tags,
      summary: "Framework segments (read-only, with content and opportunities) and custom segments",
      params: SiteParams,
      querystring: Type.Object({
        includeArchived: Type.Optional(Type.Boolean({ default: false })),
      }),
      response: { 200: SegmentListView },
    },
    handler: async (req): Promise<SegmentList> => {
      const saved = await store.config.listSegments(siteOf(req).id);
      const custom = saved.filter((v) => req.query.includeArchived || v.status !== "archived");
      return { framework: frameworkViews(), custom: custom.map(customView) };
    },
  });

  api.post("/sites/:site/segments", {
    config: { access: "editor" },
    schema: {
      tags,
      summary:
        "Create a custom segment: validated (400 with located errors), conflicts returned as warnings; ?dryRun=true stores nothing (200)",
      params: SiteParams,
      querystring: DryRunQuery,
      body: SegmentBody,
      response: { 200: SavedSegment, 201: SavedSegment },
    },
    handler: async (req, reply) => {
      const b = req.body;
      const def = checked({
        method: "in-flight",
        priority: 0,
        status: "live",
        ...b,
      } as SegmentDefinition);
      if (isFrameworkSegmentId(def.id)) throw readOnly();
      if (await store.config.getSegment(siteOf(req).id, def.id))
        throw conflict(`segment "${def.id}" already exists`);
      const dryRun = req.query.dryRun === true;
      const saved = await save(req, def, def.status, dryRun);
      // Live from its first version: its report counts the stored sessions too, as the estimate.
      if (!dryRun && def.status === "live")
        await backfillNewSegment(store, siteOf(req), def.id, def.condition);
      return reply.code(dryRun ? 200 : 201).send(saved);
    },
  });

  api.get("/sites/:site/segments/:segment", {
    ...asBuilt,
    config: { access: "viewer" },
    schema: {
      tags,
      summary: "One segment (framework or custom)",
      params: SegmentParams,
      response: { 200: OneSegmentView },
    },
    handler: async (req) => {
      const id = req.params.segment;
      if (isFrameworkSegmentId(id)) return frameworkView(id);
      const v = await store.config.getSegment(siteOf(req).id, id);
      if (!v) throw notFound("segment");
      return customView(v);
    },
  });

  api.patch("/sites/:site/segments/:segment", {
    config: { access: "editor" },
    schema: {
      tags,
      summary:
        "Change a custom segment (a new version); status pauses, archives or restores it; ?dryRun=true stores nothing",
      params: SegmentParams,
      querystring: DryRunQuery,
      body: SegmentPatch,
      response: { 200: SavedSegment },
    },
    handler: async (req) => {
      const cur = definitionOf(await latest(siteOf(req).id, req.params.segment));
      const { exclusiveGroup, ...rest } = req.body;
      const next: SegmentDefinition = { ...cur, ...rest, id: cur.id };
      if (exclusiveGroup === null) delete next.exclusiveGroup;
      else if (exclusiveGroup !== undefined) next.exclusiveGroup = exclusiveGroup;
      return save(req, checked(next), next.status, req.query.dryRun === true);
    },
  });

  api.delete("/sites/:site/segments/:segment", {
    config: { access: "editor" },
    schema: {
      tags,
      summary: "Archive a custom segment",
      params: SegmentParams,
      response: { 200: SavedSegment },
    },
    handler: async (req) => {
      const cur = definitionOf(await latest(siteOf(req).id, req.params.segment));
      return save(req, { ...cur, status: "archived" }, "archived");
    },
  });

  api.get("/sites/:site/segments/:segment/versions", {
    config: { access: "viewer" },
    schema: {
      tags,
      summary: "Every saved version of a custom segment, oldest first",
      params: SegmentParams,
      response: { 200: Type.Array(CustomSegmentView) },
    },
    handler: async (req) => {
      const history = await store.config.segmentHistory(siteOf(req).id, req.params.segment);
      if (history.length === 0) throw notFound("segment");
      return history.map(customView);
    },
  });
}
