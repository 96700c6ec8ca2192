/**
 * Who is calling, and on which workspace. Two hooks on every API route:
 * - onRequest (before the body is read or validated): resolves the caller from
 *   `Authorization: Bearer <token>` (API token; CSRF-exempt) or the session cookie; answers 401
 *   without one, and 403 when a cookie-authenticated state-changing request lacks the session's
 *   `X-CSRF-Token`.
 * - preValidation: resolves the `:site` / `:workspace` of the path to its workspace and the
 *   caller's role there — 404 when the caller is not a member (indistinguishable from a
 *   missing resource), 403 when the role is below the route's `config.access`.
 */
import type { ApiToken, Role, Site, User } from "@intently/store";
import type { FastifyRequest } from "fastify";
import { forbidden, HttpError, notFound } from "../errors.ts";
import { safeEqual, sha256 } from "../ids.ts";
import { type Api, type ApiDeps, atLeast, isRole } from "../types.ts";
import { readCookie, SESSION_COOKIE } from "./cookies.ts";

export interface Principal {
  kind: "session" | "token";
  user: User;
  /** Role per workspace id (a token: its own workspace only, at most its role). */
  roles: Map<string, Role>;
  /** The session cookie value and CSRF token (kind "session"). */
  session: { cookie: string; csrfToken: string } | null;
  token: ApiToken | null;
}

export interface Tenant {
  workspaceId: string;
  role: Role;
  site: Site | null;
}

const principals = new WeakMap<FastifyRequest, Principal>();
const tenants = new WeakMap<FastifyRequest, Tenant>();

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
/** Tokens' last-used time is written at most this often per token. */
const TOUCH_EVERY_MS = 60_000;
const touched = new Map<string, number>();

export function principalOf(req: FastifyRequest): Principal {
  const p = principals.get(req);
  if (!p) throw new HttpError(401, { message: "authentication required" });
  return p;
}

export function tenantOf(req: FastifyRequest): Tenant {
  const t = tenants.get(req);
  if (!t) throw new Error("route has no workspace or site in its path");
  return t;
}

/** The tenant's site (routes under /api/sites/:site). */
export function siteOf(req: FastifyRequest): Site {
  const s = tenantOf(req).site;
  if (!s) throw new Error("route has no site in its path");
  return s;
}

const rank = (r: Role) => (r === "admin" ? 2 : r === "editor" ? 1 : 0);
const lower = (a: Role, b: Role): Role => (rank(a) <= rank(b) ? a : b);

async function fromToken(raw: string, deps: ApiDeps): Promise<Principal | null> {
  const config = deps.ctx.store.config;
  const token = await config.findToken(sha256(raw));
  if (!token) return null;
  const user = await config.getUser(token.userId);
  if (!user || user.disabled) return null;
  const member = (await config.memberships(user.id)).find(
    (m) => m.workspaceId === token.workspaceId,
  );
  if (!member) return null;
  const now = Date.now();
  if (now - (touched.get(token.id) ?? 0) >= TOUCH_EVERY_MS) {
    touched.set(token.id, now);
    if (touched.size > 10_000) touched.clear();
    await config.touchToken(token.id, now);
  }
  const roles = new Map([[token.workspaceId, lower(token.role, member.role)]]);
  return { kind: "token", user, roles, session: null, token };
}

async function fromCookie(cookie: string, deps: ApiDeps): Promise<Principal | null> {
  const s = deps.sessions.get(cookie);
  if (!s) return null;
  const config = deps.ctx.store.config;
  const user = await config.getUser(s.userId);
  if (!user || user.disabled) {
    await deps.sessions.destroy(cookie);
    return null;
  }
  const roles = new Map((await config.memberships(user.id)).map((m) => [m.workspaceId, m.role]));
  return { kind: "session", user, roles, session: { cookie, csrfToken: s.csrfToken }, token: null };
}

export async function authenticate(req: FastifyRequest, deps: ApiDeps): Promise<Principal | null> {
  const header = req.headers.authorization;
  if (header !== undefined) {
    const m = /^Bearer\s+([A-Za-z0-9_-]{16,200})\s*$/i.exec(header);
    return m ? fromToken(m[1]!, deps) : null;
  }
  const cookie = readCookie(req.headers.cookie, SESSION_COOKIE);
  return cookie ? fromCookie(cookie, deps) : null;
}

export function csrfOk(req: FastifyRequest, p: Principal): boolean {
  const sent = req.headers["x-csrf-token"];
  return typeof sent === "string" && p.session !== null && safeEqual(sent, p.session.csrfToken);
}

export function registerAuthHooks(api: Api, deps: ApiDeps): void {
  api.addHook("onRequest", async (req) => {
    const access = req.routeOptions.config.access;
    if (access === undefined || access === "public") return;
    const p = await authenticate(req, deps);
    if (!p) {
      throw new HttpError(401, {
        message: "authentication required: sign in or send an API token",
        headers: { "www-authenticate": 'Bearer realm="intently"' },
      });
    }
    if (p.kind === "session" && !SAFE_METHODS.has(req.method) && !csrfOk(req, p)) {
      throw forbidden("missing or invalid CSRF token: send the X-CSRF-Token header");
    }
    principals.set(req, p);
  });

  api.addHook("preValidation", async (req) => {
    const access = req.routeOptions.config.access;
    if (!isRole(access)) return;
    const p = principalOf(req);
    const params = req.params as Record<string, string | undefined>;
    let workspaceId: string;
    let site: Site | null = null;
    if (params.site !== undefined) {
      site = await deps.ctx.store.config.getSite(params.site);
      if (!site || !p.roles.has(site.workspaceId)) throw notFound("site");
      workspaceId = site.workspaceId;
    } else if (params.workspace !== undefined) {
      workspaceId = params.workspace;
      if (!p.roles.has(workspaceId)) throw notFound("workspace");
    } else throw new Error(`${req.routeOptions.url}: a role needs :site or :workspace`);
    const role = p.roles.get(workspaceId)!;
    if (!atLeast(role, access)) throw forbidden(`this needs the ${access} role (you are ${role})`);
    tenants.set(req, { workspaceId, role, site });
  });
}
