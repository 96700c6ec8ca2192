/**
 * API tokens of a workspace (admins only). A token is `itk_` + 256 random bits, shown once at
 * creation; the store keeps its SHA-256. It acts for its creator in its workspace only, with at
 * most its role (and never more than the creator's current role), and needs no CSRF token.
 *   GET    /api/workspaces/:workspace/tokens
 *   POST   /api/workspaces/:workspace/tokens           {name, role} → {…, token}
 *   DELETE /api/workspaces/:workspace/tokens/:token    revokes it
 */
import { Type } from "@fastify/type-provider-typebox";
import { Id, NoContent, RoleSchema, TokenView, WorkspaceParams } from "@intently/api-contract";
import type { ApiToken } from "@intently/store";
import { principalOf, tenantOf } from "../auth/principal.ts";
import { notFound } from "../errors.ts";
import type { Api, ApiDeps } from "../types.ts";
import { issueToken } from "./issue-token.ts";

const tags = ["tokens"];

const view = (t: ApiToken) => ({
  id: t.id,
  name: t.name,
  role: t.role,
  userId: t.userId,
  createdAt: t.createdAt,
  lastUsedAt: t.lastUsedAt,
  revokedAt: t.revokedAt,
});

export function registerTokenRoutes(api: Api, deps: ApiDeps): void {
  const { store } = deps.ctx;

  api.get("/workspaces/:workspace/tokens", {
    config: { access: "admin" },
    schema: {
      tags,
      summary: "API tokens (never their secret)",
      params: WorkspaceParams,
      response: { 200: Type.Array(TokenView) },
    },
    handler: async (req) => (await store.config.listTokens(tenantOf(req).workspaceId)).map(view),
  });

  api.post("/workspaces/:workspace/tokens", {
    config: { access: "admin" },
    schema: {
      tags,
      summary: "Create an API token: its secret is in this answer only",
      params: WorkspaceParams,
      body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 120 }), role: RoleSchema }),
      response: { 201: Type.Intersect([TokenView, Type.Object({ token: Type.String() })]) },
    },
    handler: async (req, reply) => {
      const { token: t, raw } = await issueToken(store, {
        workspaceId: tenantOf(req).workspaceId,
        userId: principalOf(req).user.id,
        name: req.body.name,
        role: req.body.role,
      });
      reply.header("cache-control", "no-store");
      return reply.code(201).send({ ...view(t), token: raw });
    },
  });

  api.delete("/workspaces/:workspace/tokens/:token", {
    config: { access: "admin" },
    schema: {
      tags,
      summary: "Revoke an API token",
      params: Type.Object({ workspace: Id("workspace id"), token: Id("token id") }),
      response: { 204: NoContent },
    },
    handler: async (req, reply) => {
      const tokens = await store.config.listTokens(tenantOf(req).workspaceId);
      if (!tokens.some((t) => t.id === req.params.token)) throw notFound("token");
      await store.config.revokeToken(req.params.token);
      return reply.code(204).send(null);
    },
  });
}
