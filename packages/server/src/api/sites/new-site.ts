/**
 * A new site's record: its id (from the name) and public key are generated here, for the API's
 * POST /api/workspaces/:workspace/sites and for `intently sites add` on a stopped server
 * (issue 23, admin CLI), which checks its input against the API's own schema (SiteBody).
 */
import { randomBytes } from "node:crypto";
import { Origin, SiteBody } from "@intently/api-contract";
import type { SiteSettings, Store } from "@intently/store";
import { AdminInputError } from "../auth/admin-users.ts";
import { slug } from "../ids.ts";

type NewSite = Parameters<Store["config"]["createSite"]>[0];

export function newSiteRecord(
  workspaceId: string,
  o: { name: string; allowedOrigins?: string[]; settings?: Partial<SiteSettings> },
): NewSite {
  return {
    id: `${slug(o.name, 32) || "site"}-${randomBytes(3).toString("hex")}`,
    workspaceId,
    name: o.name.trim(),
    publicKey: `pk_live_${randomBytes(12).toString("hex")}`,
    allowedOrigins: o.allowedOrigins ?? [],
    settings: o.settings ?? {},
  };
}

/** A schema's JSON Schema limits (TypeBox's types do not list them). */
type Limits = { pattern?: string; minLength?: number; maxLength?: number; maxItems?: number };
const NAME = SiteBody.properties.name as Limits;
const ORIGINS = SiteBody.properties.allowedOrigins as Limits;
const ORIGIN_LIMITS = Origin as Limits;
const ORIGIN = new RegExp(ORIGIN_LIMITS.pattern ?? "^$");

/** Adds a site to a workspace from the command line: the API's limits, one message each. */
export async function addSite(
  store: Store,
  o: { workspace: string; name: string; allowedOrigins: string[] },
) {
  const name = o.name.trim();
  if (name.length < (NAME.minLength ?? 1) || name.length > (NAME.maxLength ?? 120))
    throw new AdminInputError(`the name must have 1 to ${NAME.maxLength} characters`);
  if (o.allowedOrigins.length > (ORIGINS.maxItems ?? 100))
    throw new AdminInputError(`at most ${ORIGINS.maxItems} allowed origins`);
  for (const origin of o.allowedOrigins)
    if (origin.length > (ORIGIN_LIMITS.maxLength ?? 300) || !ORIGIN.test(origin))
      throw new AdminInputError(
        `not an origin: ${JSON.stringify(origin.slice(0, 80))} (e.g. https://shop.example, ` +
          "https://*.shop.example, http://localhost:*, loopback or *)",
      );
  if (!(await store.config.getWorkspace(o.workspace)))
    throw new AdminInputError(`no workspace "${o.workspace}"`);
  return store.config.createSite(newSiteRecord(o.workspace, { ...o, name }));
}
