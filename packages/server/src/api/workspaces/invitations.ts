/**
 * Adding people to a workspace is an invitation (admins only):
 *   POST   /api/workspaces/:workspace/members                     {email, role} → 201
 *          {invitation, token}: the same answer whether the email has an account or not
 *   GET    /api/workspaces/:workspace/invitations                 pending ones (never a token)
 *   DELETE /api/workspaces/:workspace/invitations/:invitation     revokes one
 * The token (`inv_` + 256 random bits, stored as its SHA-256, valid 7 days, used once) is for
 * the admin to pass on; the invited person accepts it (./accept.ts) and only then joins. So an
 * admin learns nothing about accounts of other workspaces and cannot pull one in.
 */
import { Type } from "@fastify/type-provider-typebox";
import { Id, InvitationView, NoContent, RoleSchema, WorkspaceParams } from "@intently/api-contract";
import type { Invitation, Store } from "@intently/store";
import { principalOf, tenantOf } from "../auth/principal.ts";
import { conflict, notFound } from "../errors.ts";
import { randomId, secret, sha256 } from "../ids.ts";
import type { Api, ApiDeps } from "../types.ts";

const tags = ["members"];
export const INVITATION_TTL_MS = 7 * 24 * 3600_000;

export const invitationView = (i: Invitation) => ({
  id: i.id,
  email: i.email,
  role: i.role,
  invitedBy: i.invitedBy,
  createdAt: i.createdAt,
  expiresAt: i.expiresAt,
});

/** The pending (unexpired) invitation a token opens, or null. */
export async function liveInvitation(store: Store, token: string): Promise<Invitation | null> {
  const i = await store.config.findInvitation(sha256(token));
  return i && i.expiresAt > Date.now() ? i : null;
}

export function registerInvitationRoutes(api: Api, deps: ApiDeps): void {
  const { store } = deps.ctx;

  api.post("/workspaces/:workspace/members", {
    config: { access: "admin" },
    schema: {
      tags,
      summary:
        "Invite someone: answers a one-time token to pass on (the same answer for any email); they join on accepting it",
      params: WorkspaceParams,
      body: Type.Object({
        email: Type.String({ format: "email", maxLength: 254 }),
        role: RoleSchema,
      }),
      response: {
        201: Type.Object({
          invitation: InvitationView,
          token: Type.String({
            description: `shown once; accepted at POST /api/invitations/accept within ${INVITATION_TTL_MS / 86_400_000} days`,
          }),
        }),
      },
    },
    handler: async (req, reply) => {
      const { workspaceId } = tenantOf(req);
      const { email, role } = req.body;
      // Only this workspace's own members are told apart (the admin sees them in the list);
      // both lookups run whatever the email, so the work does not depend on it either.
      const [user, members] = await Promise.all([
        store.config.getUserByEmail(email),
        store.config.members(workspaceId),
      ]);
      if (user && members.some((m) => m.userId === user.id))
        throw conflict("already a member of this workspace");
      const token = `inv_${secret()}`;
      const now = Date.now();
      const saved = await store.config.createInvitation({
        id: randomId("iv_"),
        workspaceId,
        email,
        role,
        tokenHash: sha256(token),
        invitedBy: principalOf(req).user.id,
        createdAt: now,
        expiresAt: now + INVITATION_TTL_MS,
      });
      reply.header("cache-control", "no-store");
      return reply.code(201).send({ invitation: invitationView(saved), token });
    },
  });

  api.get("/workspaces/:workspace/invitations", {
    config: { access: "admin" },
    schema: {
      tags,
      summary: "Pending invitations (never their token)",
      params: WorkspaceParams,
      response: { 200: Type.Array(InvitationView) },
    },
    handler: async (req) => {
      const now = Date.now();
      const all = await store.config.listInvitations(tenantOf(req).workspaceId);
      for (const i of all) if (i.expiresAt <= now) await store.config.deleteInvitation(i.id);
      return all.filter((i) => i.expiresAt > now).map(invitationView);
    },
  });

  api.delete("/workspaces/:workspace/invitations/:invitation", {
    config: { access: "admin" },
    schema: {
      tags,
      summary: "Revoke a pending invitation",
      params: Type.Object({ workspace: Id("workspace id"), invitation: Id("invitation id") }),
      response: { 204: NoContent },
    },
    handler: async (req, reply) => {
      const all = await store.config.listInvitations(tenantOf(req).workspaceId);
      if (!all.some((i) => i.id === req.params.invitation)) throw notFound("invitation");
      await store.config.deleteInvitation(req.params.invitation);
      return reply.code(204).send(null);
    },
  });
}
