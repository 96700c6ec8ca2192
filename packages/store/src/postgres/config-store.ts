/**
 * Configuration (ConfigStore) on PostgreSQL. Rows map to objects with the DuckDB backend's
 * mappers (one rule for settings defaults and JSON parsing); db.ts returns values in the shape
 * they read. Read-modify-write operations (site and user updates, segment versions, invitations)
 * are transactions, so API processes sharing the database never lose each other's change.
 */
import type { SegmentStatus } from "@intently/engine";
import {
  type ApiToken,
  type ConfigStore,
  DEFAULT_SITE_SETTINGS,
  type Integration,
  type Invitation,
  type Membership,
  type NewSite,
  type SegmentVersion,
  type Site,
  type SiteSettings,
  type User,
  type Workspace,
} from "../config.ts";
import {
  first,
  integration,
  membership,
  normEmail,
  segment,
  site,
  token,
  user,
  workspace,
} from "../duckdb/config-rows.ts";
import { canonicalTimeZone } from "../local-days.ts";
import type { PgDb } from "./db.ts";
import * as invitations from "./invitations.ts";

/** What the store composing this configuration learns of site changes (its caches, rollups). */
export interface SiteHooks {
  /** After a site was created or updated (currency, zone and platform caches). */
  saved?(site: Site): void;
  /**
   * Awaited after a site's time zone changed, inside the update's transaction (the site row
   * locked): the store re-buckets the site's rollups. When it throws, the update is rolled back.
   */
  zoneChanged?(site: string, from: string, to: string): Promise<void>;
}

/** Settings with the time zone's canonical name; an unknown zone is refused. */
function withZone(s: SiteSettings): SiteSettings {
  const timeZone = canonicalTimeZone(s.timeZone);
  if (timeZone === null) throw new RangeError(`not an IANA time zone: ${s.timeZone}`);
  return { ...s, timeZone };
}

export class PostgresConfig implements ConfigStore {
  constructor(
    private readonly db: PgDb,
    private readonly hooks: SiteHooks = {},
  ) {}

  async createWorkspace(w: { id: string; name: string }): Promise<Workspace> {
    const { rows } = await this.db.q(
      "INSERT INTO workspaces (id, name, created_at) VALUES ($1, $2, $3) RETURNING *",
      [w.id, w.name, Date.now()],
    );
    return workspace(rows[0]!);
  }
  async getWorkspace(id: string) {
    return first((await this.db.q("SELECT * FROM workspaces WHERE id = $1", [id])).rows, workspace);
  }
  async listWorkspaces() {
    return (await this.db.q("SELECT * FROM workspaces ORDER BY id")).rows.map(workspace);
  }

  async createSite(s: NewSite): Promise<Site> {
    const settings = withZone({ ...DEFAULT_SITE_SETTINGS, ...s.settings });
    const { rows } = await this.db.q(
      `INSERT INTO sites (id, workspace_id, name, public_key, allowed_origins, settings, created_at)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7) RETURNING *`,
      [
        s.id,
        s.workspaceId,
        s.name,
        s.publicKey,
        s.allowedOrigins ?? [],
        JSON.stringify(settings),
        Date.now(),
      ],
    );
    const created = site(rows[0]!);
    this.hooks.saved?.(created);
    return created;
  }
  async getSite(id: string) {
    return first((await this.db.q("SELECT * FROM sites WHERE id = $1", [id])).rows, site);
  }
  async getSiteByPublicKey(key: string) {
    return first((await this.db.q("SELECT * FROM sites WHERE public_key = $1", [key])).rows, site);
  }
  async listSites(workspaceId?: string) {
    const r = workspaceId
      ? await this.db.q("SELECT * FROM sites WHERE workspace_id = $1 ORDER BY id", [workspaceId])
      : await this.db.q("SELECT * FROM sites ORDER BY id");
    return r.rows.map(site);
  }
  async updateSite(
    id: string,
    patch: { name?: string; allowedOrigins?: string[]; settings?: Partial<SiteSettings> },
  ): Promise<Site | null> {
    const updated = await this.db.tx(async (sql) => {
      const cur = first(
        (await sql.q("SELECT * FROM sites WHERE id = $1 FOR UPDATE", [id])).rows,
        site,
      );
      if (!cur) return null;
      const settings = withZone({ ...cur.settings, ...patch.settings });
      const { rows } = await sql.q(
        `UPDATE sites SET name = $2, allowed_origins = $3, settings = $4::jsonb WHERE id = $1
         RETURNING *`,
        [
          id,
          patch.name ?? cur.name,
          patch.allowedOrigins ?? cur.allowedOrigins,
          JSON.stringify(settings),
        ],
      );
      if (settings.timeZone !== cur.settings.timeZone)
        await this.hooks.zoneChanged?.(id, cur.settings.timeZone, settings.timeZone);
      return site(rows[0]!);
    });
    if (updated) this.hooks.saved?.(updated);
    return updated;
  }
  async deleteSite(id: string) {
    return (await this.db.q("DELETE FROM sites WHERE id = $1", [id])).count > 0;
  }

  async saveSegment(s: {
    site: string;
    id: string;
    definition: unknown;
    author: string;
    status: SegmentStatus;
  }): Promise<SegmentVersion> {
    return this.db.tx(async (sql) => {
      // Two saves of one segment at once would compute the same next version: one waits.
      await sql.q(
        "SELECT pg_advisory_xact_lock(hashtext('segment'), hashtext($1::text || '/' || $2::text))",
        [s.site, s.id],
      );
      const { rows } = await sql.q(
        `INSERT INTO segment_versions (site, id, version, definition, author, created_at, status)
         SELECT $1::text, $2::text, coalesce(max(version), 0) + 1, $3::jsonb, $4::text,
           $5::bigint, $6::text
         FROM segment_versions WHERE site = $1 AND id = $2 RETURNING *`,
        [s.site, s.id, JSON.stringify(s.definition), s.author, Date.now(), s.status],
      );
      return segment(rows[0]!);
    });
  }
  async getSegment(siteId: string, id: string, version?: number) {
    const r =
      version === undefined
        ? await this.db.q(
            `SELECT * FROM segment_versions WHERE site = $1 AND id = $2
             ORDER BY version DESC LIMIT 1`,
            [siteId, id],
          )
        : await this.db.q(
            "SELECT * FROM segment_versions WHERE site = $1 AND id = $2 AND version = $3",
            [siteId, id, version],
          );
    return first(r.rows, segment);
  }
  async listSegments(siteId: string) {
    const { rows } = await this.db.q(
      `SELECT DISTINCT ON (id) * FROM segment_versions WHERE site = $1
       ORDER BY id, version DESC`,
      [siteId],
    );
    return rows.map(segment);
  }
  async segmentHistory(siteId: string, id: string) {
    const { rows } = await this.db.q(
      "SELECT * FROM segment_versions WHERE site = $1 AND id = $2 ORDER BY version",
      [siteId, id],
    );
    return rows.map(segment);
  }

  async createUser(u: { id: string; email: string; passwordHash: string }): Promise<User> {
    const { rows } = await this.db.q(
      `INSERT INTO users (id, email, password_hash, created_at, disabled)
       VALUES ($1, $2, $3, $4, false) RETURNING *`,
      [u.id, normEmail(u.email), u.passwordHash, Date.now()],
    );
    return user(rows[0]!);
  }
  async getUser(id: string) {
    return first((await this.db.q("SELECT * FROM users WHERE id = $1", [id])).rows, user);
  }
  async getUserByEmail(email: string) {
    const r = await this.db.q("SELECT * FROM users WHERE email = $1", [normEmail(email)]);
    return first(r.rows, user);
  }
  async updateUser(id: string, patch: { passwordHash?: string; disabled?: boolean }) {
    // One statement: the fields not given keep their stored value.
    const r = await this.db.q(
      `UPDATE users SET password_hash = coalesce($2, password_hash),
         disabled = coalesce($3, disabled) WHERE id = $1 RETURNING *`,
      [id, patch.passwordHash ?? null, patch.disabled ?? null],
    );
    return first(r.rows, user);
  }
  async setMembership(m: Membership) {
    await this.db.q(
      `INSERT INTO memberships (workspace_id, user_id, role) VALUES ($1, $2, $3)
       ON CONFLICT (workspace_id, user_id) DO UPDATE SET role = excluded.role`,
      [m.workspaceId, m.userId, m.role],
    );
  }
  async removeMembership(workspaceId: string, userId: string) {
    const r = await this.db.q("DELETE FROM memberships WHERE workspace_id = $1 AND user_id = $2", [
      workspaceId,
      userId,
    ]);
    return r.count > 0;
  }
  async memberships(userId: string) {
    const r = await this.db.q(
      "SELECT * FROM memberships WHERE user_id = $1 ORDER BY workspace_id",
      [userId],
    );
    return r.rows.map(membership);
  }
  async members(workspaceId: string) {
    const r = await this.db.q(
      "SELECT * FROM memberships WHERE workspace_id = $1 ORDER BY user_id",
      [workspaceId],
    );
    return r.rows.map(membership);
  }

  createInvitation(i: Invitation) {
    return invitations.createInvitation(this.db, i);
  }
  findInvitation(tokenHash: string) {
    return invitations.findInvitation(this.db, tokenHash);
  }
  listInvitations(workspaceId: string) {
    return invitations.listInvitations(this.db, workspaceId);
  }
  deleteInvitation(id: string) {
    return invitations.deleteInvitation(this.db, id);
  }

  async createToken(t: Omit<ApiToken, "createdAt" | "lastUsedAt" | "revokedAt">) {
    const { rows } = await this.db.q(
      `INSERT INTO api_tokens (id, workspace_id, user_id, name, token_hash, role, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
      [t.id, t.workspaceId, t.userId, t.name, t.tokenHash, t.role, Date.now()],
    );
    return token(rows[0]!);
  }
  async findToken(tokenHash: string) {
    const r = await this.db.q(
      "SELECT * FROM api_tokens WHERE token_hash = $1 AND revoked_at IS NULL",
      [tokenHash],
    );
    return first(r.rows, token);
  }
  async touchToken(id: string, at: number) {
    await this.db.q("UPDATE api_tokens SET last_used_at = $2 WHERE id = $1", [id, at]);
  }
  async revokeToken(id: string) {
    const r = await this.db.q(
      "UPDATE api_tokens SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL",
      [id, Date.now()],
    );
    return r.count > 0;
  }
  async listTokens(workspaceId: string) {
    const r = await this.db.q(
      "SELECT * FROM api_tokens WHERE workspace_id = $1 ORDER BY created_at, id",
      [workspaceId],
    );
    return r.rows.map(token);
  }

  async saveIntegration(i: Omit<Integration, "createdAt" | "updatedAt">) {
    const { rows } = await this.db.q(
      `INSERT INTO integrations (id, site, kind, name, config, enabled, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $7)
       ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, name = excluded.name,
         config = excluded.config, enabled = excluded.enabled, updated_at = excluded.updated_at
       RETURNING *`,
      [i.id, i.site, i.kind, i.name, JSON.stringify(i.config), i.enabled, Date.now()],
    );
    return integration(rows[0]!);
  }
  async getIntegration(id: string) {
    return first(
      (await this.db.q("SELECT * FROM integrations WHERE id = $1", [id])).rows,
      integration,
    );
  }
  async listIntegrations(siteId: string) {
    const r = await this.db.q("SELECT * FROM integrations WHERE site = $1 ORDER BY id", [siteId]);
    return r.rows.map(integration);
  }
  async deleteIntegration(id: string) {
    return (await this.db.q("DELETE FROM integrations WHERE id = $1", [id])).count > 0;
  }
}
