/** Pending workspace invitations on PostgreSQL (the ConfigStore's invitation methods). */
import type { Invitation, Role } from "../config.ts";
import { first, normEmail } from "../duckdb/config-rows.ts";
import type { PgDb, Row } from "./db.ts";
import { checkSha256 } from "./sha256.ts";

const invitation = (r: Row): Invitation => ({
  id: String(r.id),
  workspaceId: String(r.workspace_id),
  email: String(r.email),
  role: String(r.role) as Role,
  tokenHash: String(r.token_hash),
  invitedBy: String(r.invited_by),
  createdAt: Number(r.created_at),
  expiresAt: Number(r.expires_at),
});

/** Saves `i`, replacing any invitation of the same email to the same workspace (one transaction). */
export async function createInvitation(db: PgDb, i: Invitation): Promise<Invitation> {
  // The store never sees a raw invitation token.
  checkSha256(i.tokenHash, "invitation token");
  const email = normEmail(i.email);
  return db.tx(async (sql) => {
    await sql.q("DELETE FROM invitations WHERE (workspace_id = $1 AND email = $2) OR id = $3", [
      i.workspaceId,
      email,
      i.id,
    ]);
    const { rows } = await sql.q(
      `INSERT INTO invitations
         (id, workspace_id, email, role, token_hash, invited_by, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
      [i.id, i.workspaceId, email, i.role, i.tokenHash, i.invitedBy, i.createdAt, i.expiresAt],
    );
    return invitation(rows[0]!);
  });
}

export async function findInvitation(db: PgDb, tokenHash: string): Promise<Invitation | null> {
  const r = await db.q("SELECT * FROM invitations WHERE token_hash = $1", [tokenHash]);
  return first(r.rows, invitation);
}

export async function listInvitations(db: PgDb, workspaceId: string): Promise<Invitation[]> {
  const r = await db.q(
    "SELECT * FROM invitations WHERE workspace_id = $1 ORDER BY created_at, id",
    [workspaceId],
  );
  return r.rows.map(invitation);
}

export async function deleteInvitation(db: PgDb, id: string): Promise<boolean> {
  return (await db.q("DELETE FROM invitations WHERE id = $1", [id])).count > 0;
}
