/** Route-table helpers for the generated security tests. */
import { type ApiRoute, apiRoutesOf } from "../../src/api/index.ts";
import type { World } from "./server.ts";

export const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export function routes(w: World): readonly ApiRoute[] {
  return apiRoutesOf(w.server.app);
}

/** The route's path with its parameters filled from `ids` (unknown ones: "x"). */
export function pathOf(r: ApiRoute, ids: Record<string, string>, query = ""): string {
  return (
    r.url.replace(/:([A-Za-z]+)/g, (_, p: string) => encodeURIComponent(ids[p] ?? "x")) + query
  );
}

/** Ids of workspace A's resources. */
export const idsOfA = (w: World): Record<string, string> => ({
  workspace: w.a.workspace,
  site: w.a.site,
  segment: "focused-browsers",
  user: "usr_none",
  token: "tok_none",
  visitor: "v-none",
});

/** Ids of workspace B's resources. */
export const idsOfB = (w: World): Record<string, string> => ({
  workspace: w.b.workspace,
  site: w.b.site,
  segment: w.b.segment,
  user: w.b.user,
  token: w.b.token,
  visitor: "v-b",
});

export const label = (r: ApiRoute) => `${r.method} ${r.url}`;

/** A body that passes the schemas of routes that take one (the checks come before anyway). */
export const bodyFor = (r: ApiRoute) =>
  STATE_CHANGING.has(r.method) && r.method !== "DELETE" ? { role: "viewer" } : undefined;
