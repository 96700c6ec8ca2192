/**
 * Erasure of a visitor's data (SPEC §9): `DELETE /api/sites/:site/visitors/:visitor` (admins).
 * The visitor's live sessions are ended in the engine first (their rows recorded, and so erased
 * with the rest; post-session integrations are not told), then the store erases the visitor's
 * events, sessions and intervals, and their session summaries in the integrations outbox
 * (pending, dead or delivered) — after the summaries of sessions that ended just before are in it.
 */
import { Type } from "@fastify/type-provider-typebox";
import { siteOf } from "../auth/principal.ts";
import { serviceOf } from "../integrations/service.ts";
import { Id } from "../schemas.ts";
import type { Api, ApiDeps } from "../types.ts";
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
        }),
      },
    },
    handler: async (req) => {
      const site = siteOf(req).id;
      const visitor = req.params.visitor;
      const liveSessionsEnded = endLiveSessions(
        ctx,
        (s) => s.site === site && s.visitor === visitor,
      );
      // Summaries of sessions ended a moment ago may still be on their way into the outbox.
      await serviceOf(api)?.flush();
      const deleted = await ctx.store.eraseVisitor(site, visitor);
      return { liveSessionsEnded, deleted };
    },
  });
}
