/**
 * The REST API (docs/product/reports.md#api, docs/product/dashboard.md#users-and-roles) as a server
 * plugin, under /api: authentication (argon2id passwords, server-side sessions in an HTTP-only
 * SameSite=Lax cookie with a session-bound CSRF token, hashed revocable API tokens, login rate
 * limits), workspaces and members, sites, segments with validation, conflicts and matching scripts,
 * reports, live sessions, model card, exports and visitor erasure — every route with a JSON schema,
 * the OpenAPI document at /api/openapi.json. A user of one workspace gets 404 for every resource of
 * another.
 *
 *   startServer(config, [apiPlugin])
 *   startServer(config, [createApiPlugin({ env: {…}, print: () => {} })])
 *   apiRoutesOf(app)   // the route table (method, url, access, params)
 */

import { registerBackupRoutes } from "../backup/route.ts";
import type { Plugin } from "../context.ts";
import { ensureAdmin } from "./auth/bootstrap.ts";
import { registerAuthHooks } from "./auth/principal.ts";
import { DEFAULT_LIMITER_OPTIONS, type LimiterOptions, LoginLimiter } from "./auth/rate-limit.ts";
import { registerAuthRoutes } from "./auth/routes.ts";
import { DEFAULT_SESSION_OPTIONS, type SessionOptions, SessionStore } from "./auth/sessions.ts";
import { registerDataQualityRoutes } from "./data-quality/routes.ts";
import { apiErrorHandler } from "./errors.ts";
import { registerExportRoutes } from "./exports/routes.ts";
import { registerIntegrationRoutes } from "./integrations/routes.ts";
import { registerOpenApi } from "./openapi.ts";
import { registerOpportunityRoutes } from "./opportunities/routes.ts";
import { registerPrivacyRoutes } from "./privacy/routes.ts";
import { registerLiveRoutes } from "./reports/live.ts";
import { registerReportRoutes } from "./reports/routes.ts";
import { collectRoutes } from "./route-table.ts";
import { registerConflictRoutes } from "./segments/conflicts.ts";
import { registerEstimateRoutes } from "./segments/estimate.ts";
import { registerSegmentRoutes } from "./segments/routes.ts";
import { registerScriptRoutes } from "./segments/scripts.ts";
import { registerSiteRoutes } from "./sites/routes.ts";
import { registerShopifyPixelRoute } from "./sites/shopify-pixel.ts";
import type { Api, ApiDeps } from "./types.ts";
import { registerAcceptRoutes } from "./workspaces/accept.ts";
import { registerInvitationRoutes } from "./workspaces/invitations.ts";
import { registerMemberRoutes } from "./workspaces/members.ts";
import { registerWorkspaceRoutes } from "./workspaces/routes.ts";
import { registerTokenRoutes } from "./workspaces/tokens.ts";

export interface ApiOptions {
  /** Where INTENTLY_ADMIN_EMAIL / INTENTLY_ADMIN_PASSWORD are read (default process.env). */
  env: Record<string, string | undefined>;
  /** Where the first-start admin credentials are printed (default stdout). */
  print: (line: string) => void;
  /** Where API warnings go, e.g. a store that stopped keeping sessions (default stderr). */
  warn: (line: string) => void;
  sessions: Partial<SessionOptions>;
  loginLimits: Partial<LimiterOptions>;
}

export function createApiPlugin(options: Partial<ApiOptions> = {}): Plugin {
  return async (app, ctx) => {
    await ensureAdmin(
      ctx.store,
      options.env ?? process.env,
      options.print ?? ((line) => process.stdout.write(`${line}\n`)),
    );
    // Login sessions survive restarts: loaded now, written through, flushed on close.
    const sessions = new SessionStore(
      { ...DEFAULT_SESSION_OPTIONS, ...options.sessions },
      Date.now,
      {
        store: ctx.store.loginSessions,
        warn: options.warn ?? ((line) => process.stderr.write(`api: ${line}\n`)),
      },
    );
    await sessions.start();
    app.addHook("onClose", () => sessions.close());
    const deps: ApiDeps = {
      ctx,
      sessions,
      limiter: new LoginLimiter({ ...DEFAULT_LIMITER_OPTIONS, ...options.loginLimits }),
      secureCookies: ctx.config.publicUrl.startsWith("https:"),
    };
    await app.register(
      async (scope) => {
        const api = scope as unknown as Api;
        collectRoutes(app, api);
        await registerOpenApi(api);
        api.setErrorHandler(apiErrorHandler);
        registerAuthHooks(api, deps);
        for (const register of [
          registerAuthRoutes,
          registerWorkspaceRoutes,
          registerMemberRoutes,
          registerInvitationRoutes,
          registerAcceptRoutes,
          registerTokenRoutes,
          registerSiteRoutes,
          registerShopifyPixelRoute,
          registerSegmentRoutes,
          registerEstimateRoutes,
          registerScriptRoutes,
          registerConflictRoutes,
          registerReportRoutes,
          registerOpportunityRoutes,
          registerDataQualityRoutes,
          registerLiveRoutes,
          registerExportRoutes,
          registerPrivacyRoutes,
          registerIntegrationRoutes,
          registerBackupRoutes,
        ])
          register(api, deps);
      },
      { prefix: "/api" },
    );
  };
}

export const apiPlugin: Plugin = createApiPlugin();

export { AdminInputError, addUser, resetPassword } from "./auth/admin-users.ts";
export { ensureAdmin } from "./auth/bootstrap.ts";
export type { Principal, Tenant } from "./auth/principal.ts";
export { HttpError } from "./errors.ts";
export { type ApiRoute, apiRoutesOf } from "./route-table.ts";
export type { Access } from "./types.ts";
