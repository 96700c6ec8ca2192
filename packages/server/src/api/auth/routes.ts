/**
 * Sign-in and the caller's own account:
 *   POST /api/auth/login     → session cookie (HttpOnly, SameSite=Lax) + CSRF token
 *   POST /api/auth/logout    → ends the session
 *   GET  /api/me             → the caller, its workspaces, and (sessions) the CSRF token again
 *   POST /api/me/password    → changes the password, ends the user's other sessions
 */
import { Type } from "@fastify/type-provider-typebox";
import { ErrorSchema, NoContent, SignedIn } from "@intently/api-contract";
import { forbidden, HttpError } from "../errors.ts";
import type { Api, ApiDeps } from "../types.ts";
import { userOut, workspacesOf } from "../workspaces/views.ts";
import { clearedSessionCookie } from "./cookies.ts";
import { hashPassword, MAX_PASSWORD, MIN_PASSWORD, verifyPassword } from "./passwords.ts";
import { principalOf } from "./principal.ts";
import { admit, checkPassword, startSession } from "./sign-in.ts";

const tags = ["auth"];

export function registerAuthRoutes(api: Api, deps: ApiDeps): void {
  const { store } = deps.ctx;

  api.post("/auth/login", {
    config: { access: "public" },
    schema: {
      tags,
      summary: "Sign in with email and password: sets the session cookie, returns the CSRF token",
      body: Type.Object({
        email: Type.String({ minLength: 3, maxLength: 254 }),
        password: Type.String({ minLength: 1, maxLength: MAX_PASSWORD }),
      }),
      response: { 200: SignedIn, 401: ErrorSchema, 429: ErrorSchema },
    },
    handler: async (req, reply) => {
      const { email, password } = req.body;
      // Counted before the password is checked (see rate-limit.ts), taken back on success.
      const user = await checkPassword(deps, req, email, password);
      if (!user) throw new HttpError(401, { message: "wrong email or password" });
      return startSession(deps, req, reply, user);
    },
  });

  api.post("/auth/logout", {
    config: { access: "user" },
    schema: { tags, summary: "Sign out: ends the session", response: { 204: NoContent } },
    handler: async (req, reply) => {
      const p = principalOf(req);
      if (p.session) await deps.sessions.destroy(p.session.cookie);
      reply.header("set-cookie", clearedSessionCookie(deps.secureCookies));
      return reply.code(204).send(null);
    },
  });

  api.get("/me", {
    config: { access: "user" },
    schema: { tags, summary: "The caller and its workspaces", response: { 200: SignedIn } },
    handler: async (req, reply) => {
      const p = principalOf(req);
      reply.header("cache-control", "no-store");
      return {
        user: userOut(p.user),
        auth: p.kind,
        csrfToken: p.session?.csrfToken ?? null,
        workspaces: await workspacesOf(store, p.roles),
      };
    },
  });

  api.post("/me/password", {
    config: { access: "user" },
    schema: {
      tags,
      summary: "Change the caller's password (signed-in sessions only); other sessions end",
      body: Type.Object({
        currentPassword: Type.String({ minLength: 1, maxLength: MAX_PASSWORD }),
        newPassword: Type.String({ minLength: MIN_PASSWORD, maxLength: MAX_PASSWORD }),
      }),
      response: { 204: NoContent, 403: ErrorSchema, 429: ErrorSchema },
    },
    handler: async (req, reply) => {
      const p = principalOf(req);
      if (!p.session) throw forbidden("API tokens cannot change passwords");
      const attempt = admit(deps, p.user.email, req.ip, "too many attempts");
      try {
        if (!(await verifyPassword(p.user.passwordHash, req.body.currentPassword)))
          throw forbidden("the current password is wrong");
        attempt.succeed();
      } finally {
        attempt.settle();
      }
      await store.config.updateUser(p.user.id, {
        passwordHash: await hashPassword(req.body.newPassword),
      });
      await deps.sessions.destroyUser(p.user.id, p.session.cookie);
      return reply.code(204).send(null);
    },
  });
}
