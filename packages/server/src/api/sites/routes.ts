/**
 *   GET    /api/workspaces/:workspace/sites    sites of a workspace
 *   POST   /api/workspaces/:workspace/sites    a new site (admin): id and public key generated
 *   GET    /api/sites/:site                    one site, with its tag snippet and tag status
 *   PATCH  /api/sites/:site                    name, allowed origins, settings (admin)
 *   DELETE /api/sites/:site                    the site, its custom segments in the engine and
 *                                              its collected data (admin)
 */
import { Type } from "@fastify/type-provider-typebox";
import {
  NoContent,
  SiteBody,
  SiteParams,
  SitePatch,
  SiteView,
  WorkspaceParams,
} from "@intently/api-contract";
import { refusedOrigins } from "../../collector/refused-origins.ts";
import { forgetSite } from "../../collector/sites.ts";
import { siteOf, tenantOf } from "../auth/principal.ts";
import { notFound } from "../errors.ts";
import { endLiveSessions } from "../privacy/end-sessions.ts";
import type { Api, ApiDeps } from "../types.ts";
import { newSiteRecord } from "./new-site.ts";
import { mergeSettings, siteView } from "./view.ts";

const tags = ["sites"];

export function registerSiteRoutes(api: Api, deps: ApiDeps): void {
  const { ctx } = deps;
  const { store } = ctx;

  api.get("/workspaces/:workspace/sites", {
    config: { access: "viewer" },
    schema: {
      tags,
      summary: "Sites of a workspace",
      params: WorkspaceParams,
      response: { 200: Type.Array(SiteView) },
    },
    handler: async (req) => {
      const sites = await store.config.listSites(tenantOf(req).workspaceId);
      return Promise.all(sites.map((s) => siteView(api, ctx, s)));
    },
  });

  api.post("/workspaces/:workspace/sites", {
    config: { access: "admin" },
    schema: {
      tags,
      summary: "Create a site: its id and public key are generated",
      params: WorkspaceParams,
      body: SiteBody,
      response: { 201: SiteView },
    },
    handler: async (req, reply) => {
      const { workspaceId } = tenantOf(req);
      const { name, allowedOrigins, settings } = req.body;
      const site = await store.config.createSite(
        newSiteRecord(workspaceId, {
          name,
          allowedOrigins: allowedOrigins ?? [],
          settings: settings ? mergeSettings(null, settings) : {},
        }),
      );
      ctx.host.siteSettings(site.id, site.settings);
      return reply.code(201).send(await siteView(api, ctx, site));
    },
  });

  api.get("/sites/:site", {
    config: { access: "viewer" },
    schema: { tags, summary: "One site", params: SiteParams, response: { 200: SiteView } },
    handler: async (req) => siteView(api, ctx, siteOf(req)),
  });

  api.patch("/sites/:site", {
    config: { access: "admin" },
    schema: {
      tags,
      summary: "Update a site's name, allowed origins or settings (merged)",
      params: SiteParams,
      body: SitePatch,
      response: { 200: SiteView },
    },
    handler: async (req) => {
      const site = siteOf(req);
      const { name, allowedOrigins, settings } = req.body;
      const updated = await store.config.updateSite(site.id, {
        ...(name !== undefined ? { name: name.trim() } : {}),
        ...(allowedOrigins !== undefined ? { allowedOrigins } : {}),
        ...(settings !== undefined ? { settings: mergeSettings(site.settings, settings) } : {}),
      });
      if (!updated) throw notFound("site");
      // Events from now on are read with the site's platform and currency (page types, revenue).
      ctx.host.siteSettings(updated.id, updated.settings);
      // The collector caches sites for a few seconds: an allowed origin counts from the next event.
      forgetSite(store.config, updated.publicKey);
      return siteView(api, ctx, updated);
    },
  });

  api.delete("/sites/:site", {
    config: { access: "admin" },
    schema: {
      tags,
      summary: "Delete a site and its collected data",
      params: SiteParams,
      response: { 204: NoContent },
    },
    handler: async (req, reply) => {
      const site = siteOf(req);
      await store.config.deleteSite(site.id);
      forgetSite(store.config, site.publicKey);
      refusedOrigins(ctx.store).forget(site.id);
      ctx.host.setSegments(site.id, []);
      ctx.host.siteSettings(site.id, undefined);
      endLiveSessions(ctx, (s) => s.site === site.id);
      await store.deleteBefore(site.id, Number.MAX_SAFE_INTEGER);
      return reply.code(204).send(null);
    },
  });
}
