/**
 * Shared types of the API: the typed Fastify instance routes are declared on, who may call a
 * route (`config.access`), and the dependencies every area receives.
 */
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { ROLES, type Role } from "@intently/store";
import type { FastifyBaseLogger, FastifyInstance } from "fastify";
import type { AppContext } from "../context.ts";
import type { LoginLimiter } from "./auth/rate-limit.ts";
import type { SessionStore } from "./auth/sessions.ts";

export type Api = FastifyInstance<
  Server,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

/**
 * Who may call a route: `public` (anyone), `user` (any signed-in user or token; no workspace in
 * the path), or the least role needed in the workspace that owns the `:workspace` / `:site` of
 * the path.
 */
export type Access = "public" | "user" | Role;

declare module "fastify" {
  interface FastifyContextConfig {
    access?: Access;
  }
}

const RANK: Record<Role, number> = { viewer: 0, editor: 1, admin: 2 };

export const isRole = (x: unknown): x is Role => (ROLES as readonly unknown[]).includes(x);

/** Whether `role` is at least `needed`. */
export const atLeast = (role: Role, needed: Role): boolean => RANK[role] >= RANK[needed];

export interface ApiDeps {
  ctx: AppContext;
  sessions: SessionStore;
  limiter: LoginLimiter;
  /** Cookies get `Secure` when the server is reached over https. */
  secureCookies: boolean;
}
