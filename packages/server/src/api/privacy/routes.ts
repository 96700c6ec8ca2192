/**
 * Erasure routes (issue 22; docs/privacy.md#erasure), for admins; the steps are in erase.ts.
 * - `DELETE /api/sites/:site/visitors/:visitor`: the visitor and every visitor linked to it by
 *   the same identified id (`?linked=false` for the one id only).
 * - `POST /api/sites/:site/identities/erase` `{id}`: every visitor a shop's own id (an e-mail or
 *   customer id, as given to `intently.identify`) was seen for. The id travels in the body, so
 *   it is in no URL or access log.
 * Both answer with what was removed where.
 */
import { Type } from "@fastify/type-provider-typebox";
import { Id } from "@intently/api-contract";
import { siteOf } from "../auth/principal.ts";
import type { Api, ApiDeps } from "../types.ts";
import { eraseVisitors, linkedVisitors, visitorsOfIdentity } from "./erase.ts";

const Erased = Type.Object({
  /** Every visitor id erased. */
  visitors: Type.Array(Type.String()),
  liveSessionsEnded: Type.Integer(),
  deleted: Type.Object({
    events: Type.Integer(),
    sessions: Type.Integer(),
    intervals: Type.Integer(),
    pageViews: Type.Integer(),
    /** Integration outbox messages (the visitors' session summaries). */
    outbox: Type.Integer(),
  }),
  log: Type.Object({
    /** Collector log segments rewritten, and the visitors' batches dropped from them. */
    segments: Type.Integer(),
    batches: Type.Integer(),
  }),
  /** Export files rewritten without the visitors. */
  exports: Type.Integer(),
  /** When the store's file drops the deleted values from its free blocks. */
  compaction: Type.Literal("within-1h"),
});

export function registerPrivacyRoutes(api: Api, deps: ApiDeps): void {
  const { ctx } = deps;

  api.delete("/sites/:site/visitors/:visitor", {
    config: { access: "admin" },
    schema: {
      tags: ["privacy"],
      summary:
        "Erase a visitor's data everywhere (tables, outbox, collector log, exports), with every visitor linked to it by the same identified id",
      params: Type.Object({
        site: Id("site id"),
        visitor: Type.String({ minLength: 1, maxLength: 200 }),
      }),
      querystring: Type.Object({ linked: Type.Optional(Type.Boolean({ default: true })) }),
      response: { 200: Erased },
    },
    handler: async (req) => {
      const site = siteOf(req).id;
      const { visitor } = req.params;
      const visitors =
        req.query.linked === false ? [visitor] : await linkedVisitors(ctx, site, visitor);
      return eraseVisitors(api, ctx, site, visitors);
    },
  });

  api.post("/sites/:site/identities/erase", {
    config: { access: "admin" },
    schema: {
      tags: ["privacy"],
      summary:
        "Erase every visitor a shop's own id (e-mail or customer id given to intently.identify) was seen for",
      params: Type.Object({ site: Id("site id") }),
      body: Type.Object({ id: Type.String({ minLength: 1, maxLength: 320 }) }),
      response: { 200: Erased },
    },
    handler: async (req) => {
      const site = siteOf(req);
      const visitors = await visitorsOfIdentity(api, ctx, site, req.body.id);
      return eraseVisitors(api, ctx, site.id, visitors);
    },
  });
}
