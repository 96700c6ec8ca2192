/**
 * The API's route table, collected by an onRoute hook as routes are registered: what the
 * security tests enumerate, and where each route's OpenAPI security requirement is set. A route
 * without `config.access` is refused at registration, so none is left open by omission.
 */
import type { FastifyInstance, RouteOptions } from "fastify";
import type { Access } from "./types.ts";

export interface ApiRoute {
  method: string;
  url: string;
  access: Access;
  /** Path parameter names, in order. */
  params: string[];
  /** The response schemas by status (as declared: TypeBox), what the OpenAPI test checks answers with. */
  response: Readonly<Record<string, unknown>> | null;
}

const tables = new WeakMap<FastifyInstance, ApiRoute[]>();

/** The API routes registered on an app (empty before the API plugin ran). */
export function apiRoutesOf(app: FastifyInstance): readonly ApiRoute[] {
  return tables.get(app) ?? [];
}

const SECURITY: { [scheme: string]: string[] }[] = [{ bearer: [] }, { session: [], csrf: [] }];

export function collectRoutes(root: FastifyInstance, api: FastifyInstance): void {
  const table: ApiRoute[] = [];
  tables.set(root, table);
  api.addHook("onRoute", (r: RouteOptions) => {
    const access = r.config?.access;
    if (access === undefined) throw new Error(`${r.url}: API routes must declare config.access`);
    const methods = Array.isArray(r.method) ? r.method : [r.method];
    if (access !== "public") r.schema = { ...r.schema, security: SECURITY };
    else r.schema = { ...r.schema, security: [] };
    for (const method of methods) {
      if (method === "HEAD") continue;
      const params = [...r.url.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]!);
      const response = (r.schema?.response as Record<string, unknown> | undefined) ?? null;
      table.push({ method, url: r.url, access, params, response });
    }
  });
}
