/**
 * Users and their roles in a workspace (admins only):
 *   GET    /api/workspaces/:workspace/members
 *   POST   /api/workspaces/:workspace/members          {email, role, password?} — adds an existing
 *          user, or creates one (with a generated password, returned once, when none is given)
 *   PATCH  /api/workspaces/:workspace/members/:user    {role}
 *   DELETE /api/workspaces/:workspace/members/:user
 * A workspace always keeps one admin (409 otherwise).
 */
import { Type } from "@fastify/type-provider-typebox";
import type { Membership, Role, Store } from "@intently/store";
import { hashPassword, MAX_PASSWORD, MIN_PASSWORD } from "../auth/passwords.ts";
import { tenantOf } from "../auth/principal.ts";
import { conflict, notFound } from "../errors.ts";
import { randomId, secret } from "../ids.ts";
import { Id, NoContent, RoleSchema, WorkspaceParams } from "../schemas.ts";
import type { Api, ApiDeps } from "../types.ts";

const tags = ["members"];

const MemberView = Type.Object({
  userId: Type.String(),
  email: Type.String(),
  role: RoleSchema,
  disabled: Type.Boolean(),
  createdAt: Type.Number(),
});
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

  api.post("/workspaces/:workspace/members", {
    config: { access: "admin" },
    schema: {
      tags,
      summary: "Add a user (created when new; a generated password is returned once)",
      params: WorkspaceParams,
      body: Type.Object({
        email: Type.String({ format: "email", maxLength: 254 }),
        role: RoleSchema,
        password: Type.Optional(Type.String({ minLength: MIN_PASSWORD, maxLength: MAX_PASSWORD })),
      }),
      response: {
        201: Type.Object({
          member: MemberView,
          password: Type.Union([Type.String(), Type.Null()], {
            description: "generated password, shown once",
          }),
        }),
      },
    },
    handler: async (req, reply) => {
      const { workspaceId } = tenantOf(req);
      const { email, role } = req.body;
      let user = await store.config.getUserByEmail(email);
      let generated: string | null = null;
      if (user) {
        if ((await store.config.members(workspaceId)).some((m) => m.userId === user!.id))
          throw conflict("already a member of this workspace");
      } else {
        const password = req.body.password ?? secret(15);
        if (req.body.password === undefined) generated = password;
        user = await store.config.createUser({
          id: randomId("usr_"),
          email,
          passwordHash: await hashPassword(password),
        });
      }
      const m = { workspaceId, userId: user.id, role };
      await store.config.setMembership(m);
      return reply.code(201).send({ member: await view(store, m), password: generated });
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
