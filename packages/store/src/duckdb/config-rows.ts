/** Configuration rows → objects (JSON columns parsed, settings merged over the defaults). */
import type { SegmentStatus } from "@intently/engine";
import {
  type ApiToken,
  DEFAULT_SITE_SETTINGS,
  type Integration,
  type Membership,
  type Role,
  type SegmentVersion,
  type Site,
  type SiteSettings,
  type User,
  type Workspace,
} from "../config.ts";
import type { Row } from "./db.ts";

const num = (v: unknown) => Number(v);
const numN = (v: unknown) => (v === null || v === undefined ? null : Number(v));

function settingsOf(json: string): SiteSettings {
  const stored = JSON.parse(json) as Partial<SiteSettings>;
  return {
    ...DEFAULT_SITE_SETTINGS,
    ...stored,
    ipsBenchmarks: { ...DEFAULT_SITE_SETTINGS.ipsBenchmarks, ...stored.ipsBenchmarks },
  };
}

export const workspace = (r: Row): Workspace => ({
  id: String(r.id),
  name: String(r.name),
  createdAt: num(r.created_at),
});
export const site = (r: Row): Site => ({
  id: String(r.id),
  workspaceId: String(r.workspace_id),
  name: String(r.name),
  publicKey: String(r.public_key),
  allowedOrigins: r.allowed_origins as string[],
  settings: settingsOf(String(r.settings)),
  createdAt: num(r.created_at),
});
export const segment = (r: Row): SegmentVersion => ({
  site: String(r.site),
  id: String(r.id),
  version: num(r.version),
  definition: JSON.parse(String(r.definition)),
  author: String(r.author),
  createdAt: num(r.created_at),
  status: String(r.status) as SegmentStatus,
});
export const user = (r: Row): User => ({
  id: String(r.id),
  email: String(r.email),
  passwordHash: String(r.password_hash),
  createdAt: num(r.created_at),
  disabled: Boolean(r.disabled),
});
export const membership = (r: Row): Membership => ({
  workspaceId: String(r.workspace_id),
  userId: String(r.user_id),
  role: String(r.role) as Role,
});
export const token = (r: Row): ApiToken => ({
  id: String(r.id),
  workspaceId: String(r.workspace_id),
  userId: String(r.user_id),
  name: String(r.name),
  tokenHash: String(r.token_hash),
  role: String(r.role) as Role,
  createdAt: num(r.created_at),
  lastUsedAt: numN(r.last_used_at),
  revokedAt: numN(r.revoked_at),
});
export const integration = (r: Row): Integration => ({
  id: String(r.id),
  site: String(r.site),
  kind: String(r.kind),
  name: String(r.name),
  config: JSON.parse(String(r.config)),
  enabled: Boolean(r.enabled),
  createdAt: num(r.created_at),
  updatedAt: num(r.updated_at),
});

export const first = <T>(rows: Row[], f: (r: Row) => T): T | null => (rows[0] ? f(rows[0]) : null);
export const changed = (rows: Row[]) => Number(rows[0]?.Count ?? 0) > 0;

/** Normalised e-mail (trimmed, lower case) so look-ups are case-insensitive. */
export const normEmail = (e: string) => e.trim().toLowerCase();
