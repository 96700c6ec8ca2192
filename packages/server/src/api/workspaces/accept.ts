/**
 * Accepting an invitation (public routes: the token is the credential to the invitation, the
 * account's own credentials are still needed for an existing account):
 *   POST /api/invitations/lookup  {token}             → what it invites to (email, workspace, role)
 *   POST /api/invitations/accept  {token, password?}  → joins, answers like a sign-in
 * Signed in (cookie session + CSRF token) as the invited email: joins. Signed out: an existing
 * account proves its password (counted by the login limiter), a new one chooses it; then it is
 * signed in. Signed in as anyone else: 403. The token works once.
 */
import { Type } from "@fastify/type-provider-typebox";
import { ErrorSchema, InvitationLookup, SignedIn } from "@intently/api-contract";
import type { Invitation, User } from "@intently/store";
import type { FastifyRequest } from "fastify";
import { hashPassword, MAX_PASSWORD, MIN_PASSWORD } from "../auth/passwords.ts";
import { authenticate, csrfOk } from "../auth/principal.ts";
import { checkPassword, signedIn, startSession } from "../auth/sign-in.ts";
import { badRequest, conflict, forbidden, HttpError, notFound } from "../errors.ts";
import { randomId } from "../ids.ts";
import type { Api, ApiDeps } from "../types.ts";
import { liveInvitation } from "./invitations.ts";

const tags = ["members"];
const Token = Type.String({ minLength: 1, maxLength: 200, description: "the invitation token" });

export function registerAcceptRoutes(api: Api, deps: ApiDeps): void {
  const { store } = deps.ctx;

  const invitationOf = async (token: string): Promise<Invitation> => {
    const i = await liveInvitation(store, token);
    if (!i) throw notFound("invitation (or it expired, was revoked or used)");
    return i;
  };

  api.post("/invitations/lookup", {
    config: { access: "public" },
    schema: {
      tags,
      summary: "What an invitation token invites to",
      body: Type.Object({ token: Token }),
      response: {
        200: InvitationLookup,
        404: ErrorSchema,
      },
    },
    handler: async (req, reply) => {
      const i = await invitationOf(req.body.token);
      const w = await store.config.getWorkspace(i.workspaceId);
      reply.header("cache-control", "no-store");
      return {
        email: i.email,
        role: i.role,
        workspace: { id: i.workspaceId, name: w?.name ?? i.workspaceId },
        expiresAt: i.expiresAt,
      };
    },
  });

  api.post("/invitations/accept", {
    config: { access: "public" },
    schema: {
      tags,
      summary:
        "Accept an invitation: signed in as the invited email, or signed out with the account's password (a new account chooses it)",
      body: Type.Object({
        token: Token,
        password: Type.Optional(Type.String({ minLength: 1, maxLength: MAX_PASSWORD })),
      }),
      response: {
        200: SignedIn,
        400: ErrorSchema,
        401: ErrorSchema,
        403: ErrorSchema,
        404: ErrorSchema,
        429: ErrorSchema,
      },
    },
    handler: async (req, reply) => {
      const invitation = await invitationOf(req.body.token);
      const p = await authenticate(req, deps);
      let user: User;
      if (p) {
        // The route is public, so the hooks did not check CSRF: a cookie session must send it.
        if (p.kind !== "session") throw forbidden("API tokens cannot accept invitations");
        if (!csrfOk(req, p))
          throw forbidden("missing or invalid CSRF token: send the X-CSRF-Token header");
        if (p.user.email !== invitation.email)
          throw forbidden("this invitation is for another account: sign in as it to accept");
        user = p.user;
      } else user = await signedOutUser(req, invitation, req.body.password);
      if (!(await store.config.members(invitation.workspaceId)).some((m) => m.userId === user.id))
        await store.config.setMembership({
          workspaceId: invitation.workspaceId,
          userId: user.id,
          role: invitation.role,
        });
      await store.config.deleteInvitation(invitation.id);
      if (p?.session) {
        reply.header("cache-control", "no-store");
        return signedIn(deps, user, p.session.csrfToken);
      }
      return startSession(deps, req, reply, user);
    },
  });

  /** Signed out: the existing account's password, or a new account with the chosen one. */
  async function signedOutUser(
    req: FastifyRequest,
    i: Invitation,
    password: string | undefined,
  ): Promise<User> {
    if (password === undefined)
      throw badRequest("password is required when not signed in", [
        { path: "/body/password", message: "required when not signed in" },
      ]);
    if (await store.config.getUserByEmail(i.email)) {
      const user = await checkPassword(deps, req, i.email, password);
      if (!user) throw new HttpError(401, { message: "wrong email or password" });
      return user;
    }
    if (password.length < MIN_PASSWORD)
      throw badRequest(`the password needs at least ${MIN_PASSWORD} characters`, [
        { path: "/body/password", message: `at least ${MIN_PASSWORD} characters` },
      ]);
    try {
      return await store.config.createUser({
        id: randomId("usr_"),
        email: i.email,
        passwordHash: await hashPassword(password),
      });
    } catch {
      throw conflict("the account was created meanwhile: accept again with its password");
    }
  }
}
