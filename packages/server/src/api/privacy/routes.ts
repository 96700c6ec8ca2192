/**
 * Erasure of a visitor's data (SPEC §9, issue 22): `DELETE /api/sites/:site/visitors/:visitor`
 * (admins). In this order, so that a crash at any point cannot bring the data back:
 * 1. a tombstone, durable before anything else (the collector never applies the visitor's
 *    batches again, on replay or when new ones arrive, and the next start finishes an erasure
 *    cut short);
 * 2. the visitor's live sessions end in the engine (not told to post-session integrations);
 * 3. the store deletes their events, sessions, intervals and outbox messages (pending, dead or
 *    delivered), after the summaries of sessions that ended just before are in it;
 * 4. the collector log's segments are rewritten without their batches;
 * 5. export files of the days their sessions ended are rewritten from the store;
 * 6. the store's file is compacted at the next start, so deleted values leave its free blocks.
 * The answer says what was removed where.
 */
import { Type } from "@fastify/type-provider-typebox";
import { rewriteExports } from "@intently/integrations";
import { siteOf } from "../auth/principal.ts";
import { serviceOf } from "../integrations/service.ts";
import { Id } from "../schemas.ts";
import type { Api, ApiDeps } from "../types.ts";
import { collectorOfApi } from "./collector-of.ts";
import { endLiveSessions } from "./end-sessions.ts";

export function registerPrivacyRoutes(api: Api, deps: ApiDeps): void {
  const { ctx } = deps;

  api.delete("/sites/:site/visitors/:visitor", {
    config: { access: "admin" },
    schema: {
      tags: ["privacy"],
      summary:
        "Erase a visitor's data: live sessions end, then events, sessions, intervals and outbox messages are deleted",
      params: Type.Object({
        site: Id("site id"),
        visitor: Type.String({ minLength: 1, maxLength: 200 }),
      }),
      response: {
        200: Type.Object({
          liveSessionsEnded: Type.Integer(),
          deleted: Type.Object({
            events: Type.Integer(),
            sessions: Type.Integer(),
            intervals: Type.Integer(),
            pageViews: Type.Integer(),
            /** Integration outbox messages (the visitor's session summaries). */
            outbox: Type.Integer(),
          }),
          log: Type.Object({
            /** Collector log segments rewritten, and the visitor's batches dropped from them. */
            segments: Type.Integer(),
            batches: Type.Integer(),
          }),
          /** Export files rewritten without the visitor. */
          exports: Type.Integer(),
          /** When the store's file drops the deleted values from its free blocks. */
          compaction: Type.Literal("next-start"),
        }),
      },
    },
    handler: async (req) => {
      const site = siteOf(req).id;
      const visitor = req.params.visitor;
      const collector = collectorOfApi(api);
      collector?.tombstone(site, [visitor]);
      const liveSessionsEnded = endLiveSessions(
        ctx,
        (s) => s.site === site && s.visitor === visitor,
      );
      // Summaries of sessions ended a moment ago may still be on their way into the outbox.
      await serviceOf(api)?.flush();
      const { endedDays, ...deleted } = await ctx.store.eraseVisitor(site, visitor);
      const log = collector
        ? await collector.eraseFromLog(site, [visitor])
        : { segments: 0, batches: 0 };
      const exports = await rewriteExports(ctx.store, site, endedDays);
      ctx.store.requestCompaction();
      collector?.erasureDone(site, [visitor]);
      return {
        liveSessionsEnded,
        deleted,
        log: { segments: log.segments, batches: log.batches },
        exports: exports.length,
        compaction: "next-start" as const,
      };
    },
  });
}
