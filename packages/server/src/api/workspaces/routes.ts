/**
 *   GET  /api/workspaces               the caller's workspaces
 *   POST /api/workspaces               a new workspace; the caller becomes its admin. With an API
 *                                      token (admin in its workspace), the token's user does, and
 *                                      the answer carries an admin token of the new workspace (a
 *                                      token acts in its own workspace only)
 *   GET  /api/workspaces/:workspace    one of them
 */
import { Type } from "@fastify/type-provider-typebox";
import { WorkspaceParams, WorkspaceView } from "@intently/api-contract";
import { principalOf, tenantOf } from "../auth/principal.ts";
import { forbidden, notFound } from "../errors.ts";
import { randomId } from "../ids.ts";
import type { Api, ApiDeps } from "../types.ts";
import { issueToken } from "./issue-token.ts";
import { workspacesOf } from "./views.ts";

const tags = ["workspaces"];

export function registerWorkspaceRoutes(api: Api, deps: ApiDeps): void {
  const { store } = deps.ctx;

  api.get("/workspaces", {
    config: { access: "user" },
    schema: {
      tags,
      summary: "The caller's workspaces",
      response: { 200: Type.Array(WorkspaceView) },
    },
    handler: async (req) => workspacesOf(store, principalOf(req).roles),
  });

  api.post("/workspaces", {
    config: { access: "user" },
    schema: {
      tags,
      summary:
        "Create a workspace (the caller becomes its admin); with an API token, the answer " +
        "carries an admin token of the new workspace, shown once",
      body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 120 }) }),
      response: {
        201: Type.Intersect([
          WorkspaceView,
          Type.Object({
            token: Type.Optional(
              Type.String({ description: "with an API token: an admin token of the new one" }),
            ),
          }),
        ]),
      },
    },
    handler: async (req, reply) => {
      const p = principalOf(req);
      // A token may create one when it is admin where it acts (its role is at most its user's).
      if (p.kind === "token" && ![...p.roles.values()].includes("admin"))
        throw forbidden("an API token needs the admin role to create a workspace");
      const w = await store.config.createWorkspace({
        id: randomId("ws_", 6),
        name: req.body.name.trim(),
      });
      await store.config.setMembership({ workspaceId: w.id, userId: p.user.id, role: "admin" });
      const view = { id: w.id, name: w.name, role: "admin" as const, createdAt: w.createdAt };
      if (p.kind !== "token") return reply.code(201).send(view);
      const { raw } = await issueToken(store, {
        workspaceId: w.id,
        userId: p.user.id,
        name: `${p.token?.name ?? "token"} (${w.id})`.slice(0, 120),
        role: "admin",
      });
      reply.header("cache-control", "no-store");
      return reply.code(201).send({ ...view, token: raw });
    },
  });

  api.get("/workspaces/:workspace", {
    config: { access: "viewer" },
    schema: {
      tags,
      summary: "One workspace",
      params: WorkspaceParams,
      response: { 200: WorkspaceView },
    },
    handler: async (req) => {
      const t = tenantOf(req);
      const w = await store.config.getWorkspace(t.workspaceId);
      if (!w) throw notFound("workspace");
      return { id: w.id, name: w.name, role: t.role, createdAt: w.createdAt };
    },
  });
}
