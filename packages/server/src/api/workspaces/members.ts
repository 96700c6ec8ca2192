/**
 * Users and their roles in a workspace (admins only):
 *   GET    /api/workspaces/:workspace/members
 *   POST   /api/workspaces/:workspace/members          {email, role} — an invitation, see
 *          ./invitations.ts (nobody joins a workspace without accepting)
 *   PATCH  /api/workspaces/:workspace/members/:user    {role}
 *   DELETE /api/workspaces/:workspace/members/:user
 * A workspace always keeps one admin (409 otherwise).
 */
import { Type } from "@fastify/type-provider-typebox";
import { Id, MemberView, NoContent, RoleSchema, WorkspaceParams } from "@intently/api-contract";
import type { Membership, Role, Store } from "@intently/store";
import { tenantOf } from "../auth/principal.ts";
import { conflict, notFound } from "../errors.ts";
import type { Api, ApiDeps } from "../types.ts";

const tags = ["members"];

const MemberParams = Type.Object({ workspace: Id("workspace id"), user: Id("user id") });

async function view(store: Store, m: Membership) {
  const u = await store.config.getUser(m.userId);
  return {
    userId: m.userId,
    email: u?.email ?? "",
    role: m.role,
    disabled: u?.disabled ?? true,
    createdAt: u?.createdAt ?? 0,
  };
}

async function memberOf(store: Store, workspaceId: string, userId: string): Promise<Membership> {
  const m = (await store.config.members(workspaceId)).find((x) => x.userId === userId);
  if (!m) throw notFound("member");
  return m;
}

async function keepAnAdmin(store: Store, workspaceId: string, userId: string, next: Role | null) {
  if (next === "admin") return;
  const admins = (await store.config.members(workspaceId)).filter((m) => m.role === "admin");
  if (admins.length === 1 && admins[0]!.userId === userId)
    throw conflict("a workspace must keep at least one admin");
}

export function registerMemberRoutes(api: Api, deps: ApiDeps): void {
  const { store } = deps.ctx;

  api.get("/workspaces/:workspace/members", {
    config: { access: "admin" },
    schema: {
      tags,
      summary: "Members and roles",
      params: WorkspaceParams,
      response: { 200: Type.Array(MemberView) },
    },
    handler: async (req) => {
      const members = await store.config.members(tenantOf(req).workspaceId);
      return Promise.all(members.map((m) => view(store, m)));
    },
  });

  api.patch("/workspaces/:workspace/members/:user", {
    config: { access: "admin" },
    schema: {
      tags,
      summary: "Change a member's role",
      params: MemberParams,
      body: Type.Object({ role: RoleSchema }),
      response: { 200: MemberView },
    },
    handler: async (req) => {
      const { workspaceId } = tenantOf(req);
      const m = await memberOf(store, workspaceId, req.params.user);
      await keepAnAdmin(store, workspaceId, m.userId, req.body.role);
      const next = { ...m, role: req.body.role };
      await store.config.setMembership(next);
      return view(store, next);
    },
  });

  api.delete("/workspaces/:workspace/members/:user", {
    config: { access: "admin" },
    schema: {
      tags,
      summary: "Remove a member",
      params: MemberParams,
      response: { 204: NoContent },
    },
    handler: async (req, reply) => {
      const { workspaceId } = tenantOf(req);
      const m = await memberOf(store, workspaceId, req.params.user);
      await keepAnAdmin(store, workspaceId, m.userId, null);
      await store.config.removeMembership(workspaceId, m.userId);
      return reply.code(204).send(null);
    },
  });
}
