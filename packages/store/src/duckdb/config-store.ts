/** Configuration tables on DuckDB (see ConfigStore). JSON columns are VARCHAR holding JSON text. */
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
import { canonicalTimeZone } from "../local-days.ts";
import {
  changed,
  first,
  integration,
  membership,
  normEmail,
  segment,
  site,
  token,
  user,
  workspace,
} from "./config-rows.ts";
import type { Db } from "./db.ts";
import * as invitations from "./invitations.ts";

/** Settings with the time zone's canonical name; an unknown zone is refused. */
function withZone(s: SiteSettings): SiteSettings {
  const timeZone = canonicalTimeZone(s.timeZone);
  if (timeZone === null) throw new RangeError(`not an IANA time zone: ${s.timeZone}`);
  return { ...s, timeZone };
}

export class DuckDbConfig implements ConfigStore {
  constructor(private readonly db: Db) {}

  async createWorkspace(w: { id: string; name: string }): Promise<Workspace> {
    const rows = await this.db.config(
      "INSERT INTO workspaces VALUES ($id, $name, $at) RETURNING *",
      {
        ...w,
        at: Date.now(),
      },
    );
    return workspace(rows[0]!);
  }
  async getWorkspace(id: string) {
    return first(
      await this.db.config("SELECT * FROM workspaces WHERE id = $id", { id }),
      workspace,
    );
  }
  async listWorkspaces() {
    return (await this.db.config("SELECT * FROM workspaces ORDER BY id")).map(workspace);
  }

  async createSite(s: NewSite): Promise<Site> {
    const settings = withZone({ ...DEFAULT_SITE_SETTINGS, ...s.settings });
    const rows = await this.db.config(
      `INSERT INTO sites VALUES ($id, $ws, $name, $key, $origins, $settings, $at) RETURNING *`,
      {
        id: s.id,
        ws: s.workspaceId,
        name: s.name,
        key: s.publicKey,
        origins: s.allowedOrigins ?? [],
        settings: JSON.stringify(settings),
        at: Date.now(),
      },
    );
    this.db.zones.set(s.id, settings.timeZone);
    return site(rows[0]!);
  }
  async getSite(id: string) {
    return first(await this.db.config("SELECT * FROM sites WHERE id = $id", { id }), site);
  }
  async getSiteByPublicKey(key: string) {
    return first(
      await this.db.config("SELECT * FROM sites WHERE public_key = $key", { key }),
      site,
    );
  }
  async listSites(workspaceId?: string) {
    const rows = workspaceId
      ? await this.db.config("SELECT * FROM sites WHERE workspace_id = $ws ORDER BY id", {
          ws: workspaceId,
        })
      : await this.db.config("SELECT * FROM sites ORDER BY id");
    return rows.map(site);
  }
  async updateSite(
    id: string,
    patch: { name?: string; allowedOrigins?: string[]; settings?: Partial<SiteSettings> },
  ) {
    const cur = await this.getSite(id);
    if (!cur) return null;
    const settings = withZone({ ...cur.settings, ...patch.settings });
    await this.db.config(
      "UPDATE sites SET name = $name, allowed_origins = $origins, settings = $settings WHERE id = $id",
      {
        id,
        name: patch.name ?? cur.name,
        origins: patch.allowedOrigins ?? cur.allowedOrigins,
        settings: JSON.stringify(settings),
      },
    );
    const zones = this.db.zones;
    if (settings.timeZone !== cur.settings.timeZone) {
      // The store re-buckets the site's rollups (rezone.ts); without a store, just remember.
      if (!zones.onChange) zones.set(id, settings.timeZone);
      else
        try {
          await zones.onChange(id, cur.settings.timeZone, settings.timeZone);
        } catch (e) {
          // Rollups unchanged: so is the zone they are bucketed by.
          await this.db.config("UPDATE sites SET settings = $settings WHERE id = $id", {
            id,
            settings: JSON.stringify(cur.settings),
          });
          throw e;
        }
    }
    return this.getSite(id);
  }
  async deleteSite(id: string) {
    // The zone stays known: the site's data is deleted after this, by its local days.
    return changed(await this.db.config("DELETE FROM sites WHERE id = $id", { id }));
  }

  async saveSegment(s: {
    site: string;
    id: string;
    definition: unknown;
    author: string;
    status: SegmentStatus;
  }): Promise<SegmentVersion> {
    const rows = await this.db.config(
      `INSERT INTO segment_versions
       SELECT $site, $id, coalesce(max(version), 0) + 1, $def, $author, $at, $status
       FROM segment_versions WHERE site = $site AND id = $id RETURNING *`,
      {
        site: s.site,
        id: s.id,
        def: JSON.stringify(s.definition),
        author: s.author,
        status: s.status,
        at: Date.now(),
      },
    );
    return segment(rows[0]!);
  }
  async getSegment(siteId: string, id: string, version?: number) {
    const rows =
      version === undefined
        ? await this.db.config(
            `SELECT * FROM segment_versions WHERE site = $site AND id = $id
             ORDER BY version DESC LIMIT 1`,
            { site: siteId, id },
          )
        : await this.db.config(
            "SELECT * FROM segment_versions WHERE site = $site AND id = $id AND version = $v",
            { site: siteId, id, v: version },
          );
    return first(rows, segment);
  }
  async listSegments(siteId: string) {
    const rows = await this.db.config(
      `SELECT * FROM segment_versions WHERE site = $site
       QUALIFY version = max(version) OVER (PARTITION BY id) ORDER BY id`,
      { site: siteId },
    );
    return rows.map(segment);
  }
  async segmentHistory(siteId: string, id: string) {
    const rows = await this.db.config(
      "SELECT * FROM segment_versions WHERE site = $site AND id = $id ORDER BY version",
      { site: siteId, id },
    );
    return rows.map(segment);
  }

  async createUser(u: { id: string; email: string; passwordHash: string }): Promise<User> {
    const rows = await this.db.config(
      "INSERT INTO users VALUES ($id, $email, $hash, $at, false) RETURNING *",
      { id: u.id, email: normEmail(u.email), hash: u.passwordHash, at: Date.now() },
    );
    return user(rows[0]!);
  }
  async getUser(id: string) {
    return first(await this.db.config("SELECT * FROM users WHERE id = $id", { id }), user);
  }
  async getUserByEmail(email: string) {
    const rows = await this.db.config("SELECT * FROM users WHERE email = $e", {
      e: normEmail(email),
    });
    return first(rows, user);
  }
  async updateUser(id: string, patch: { passwordHash?: string; disabled?: boolean }) {
    const cur = await this.getUser(id);
    if (!cur) return null;
    await this.db.config("UPDATE users SET password_hash = $h, disabled = $d WHERE id = $id", {
      id,
      h: patch.passwordHash ?? cur.passwordHash,
      d: patch.disabled ?? cur.disabled,
    });
    return this.getUser(id);
  }
  async setMembership(m: Membership) {
    await this.db.config(
      `INSERT INTO memberships VALUES ($ws, $user, $role)
       ON CONFLICT (workspace_id, user_id) DO UPDATE SET role = excluded.role`,
      { ws: m.workspaceId, user: m.userId, role: m.role },
    );
  }
  async removeMembership(workspaceId: string, userId: string) {
    const rows = await this.db.config(
      "DELETE FROM memberships WHERE workspace_id = $ws AND user_id = $user",
      { ws: workspaceId, user: userId },
    );
    return changed(rows);
  }
  async memberships(userId: string) {
    const rows = await this.db.config(
      "SELECT * FROM memberships WHERE user_id = $u ORDER BY workspace_id",
      { u: userId },
    );
    return rows.map(membership);
  }
  async members(workspaceId: string) {
    const rows = await this.db.config(
      "SELECT * FROM memberships WHERE workspace_id = $ws ORDER BY user_id",
      { ws: workspaceId },
    );
    return rows.map(membership);
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
    const rows = await this.db.config(
      `INSERT INTO api_tokens VALUES ($id, $ws, $user, $name, $hash, $role, $at, NULL, NULL)
       RETURNING *`,
      {
        id: t.id,
        ws: t.workspaceId,
        user: t.userId,
        name: t.name,
        hash: t.tokenHash,
        role: t.role,
        at: Date.now(),
      },
    );
    return token(rows[0]!);
  }
  async findToken(tokenHash: string) {
    const rows = await this.db.config(
      "SELECT * FROM api_tokens WHERE token_hash = $h AND revoked_at IS NULL",
      { h: tokenHash },
    );
    return first(rows, token);
  }
  async touchToken(id: string, at: number) {
    await this.db.config("UPDATE api_tokens SET last_used_at = $at WHERE id = $id", { id, at });
  }
  async revokeToken(id: string) {
    const rows = await this.db.config(
      "UPDATE api_tokens SET revoked_at = $at WHERE id = $id AND revoked_at IS NULL",
      { id, at: Date.now() },
    );
    return changed(rows);
  }
  async listTokens(workspaceId: string) {
    const rows = await this.db.config(
      "SELECT * FROM api_tokens WHERE workspace_id = $ws ORDER BY created_at, id",
      { ws: workspaceId },
    );
    return rows.map(token);
  }

  async saveIntegration(i: Omit<Integration, "createdAt" | "updatedAt">) {
    const at = Date.now();
    const rows = await this.db.config(
      `INSERT INTO integrations VALUES ($id, $site, $kind, $name, $config, $enabled, $at, $at)
       ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, name = excluded.name,
         config = excluded.config, enabled = excluded.enabled, updated_at = excluded.updated_at
       RETURNING *`,
      {
        id: i.id,
        site: i.site,
        kind: i.kind,
        name: i.name,
        config: JSON.stringify(i.config),
        enabled: i.enabled,
        at,
      },
    );
    return integration(rows[0]!);
  }
  async getIntegration(id: string) {
    const rows = await this.db.config("SELECT * FROM integrations WHERE id = $id", { id });
    return first(rows, integration);
  }
  async listIntegrations(siteId: string) {
    const rows = await this.db.config("SELECT * FROM integrations WHERE site = $s ORDER BY id", {
      s: siteId,
    });
    return rows.map(integration);
  }
  async deleteIntegration(id: string) {
    return changed(await this.db.config("DELETE FROM integrations WHERE id = $id", { id }));
  }
}
