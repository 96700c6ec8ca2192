/**
 *   GET  /api/workspaces               the caller's workspaces
 *   POST /api/workspaces               a new workspace; the caller becomes its admin (sessions only)
 *   GET  /api/workspaces/:workspace    one of them
 */
import { Type } from "@fastify/type-provider-typebox";
import { WorkspaceParams, WorkspaceView } from "@intently/api-contract";
import { principalOf, tenantOf } from "../auth/principal.ts";
import { forbidden, notFound } from "../errors.ts";
import { randomId } from "../ids.ts";
import type { Api, ApiDeps } from "../types.ts";
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
      summary: "Create a workspace (the caller becomes its admin)",
      body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 120 }) }),
      response: { 201: WorkspaceView },
    },
    handler: async (req, reply) => {
      const p = principalOf(req);
      if (p.kind !== "session") throw forbidden("API tokens are limited to their own workspace");
      const w = await store.config.createWorkspace({
        id: randomId("ws_", 6),
        name: req.body.name.trim(),
      });
      await store.config.setMembership({ workspaceId: w.id, userId: p.user.id, role: "admin" });
      return reply
        .code(201)
        .send({ id: w.id, name: w.name, role: "admin" as const, createdAt: w.createdAt });
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
