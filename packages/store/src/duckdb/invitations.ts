/** Pending workspace invitations on DuckDB (the ConfigStore's invitation methods). */
import type { Invitation, Role } from "../config.ts";
import { changed, first, normEmail } from "./config-rows.ts";
import type { Db, Row } from "./db.ts";

const SHA256_HEX = /^[0-9a-f]{64}$/;

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

/** Saves `i`, replacing any invitation of the same email to the same workspace. */
export async function createInvitation(db: Db, i: Invitation): Promise<Invitation> {
  // The store never sees a raw invitation token.
  if (!SHA256_HEX.test(i.tokenHash)) throw new Error("invitation token must be a hex SHA-256");
  const email = normEmail(i.email);
  await db.config("DELETE FROM invitations WHERE (workspace_id = $ws AND email = $e) OR id = $id", {
    ws: i.workspaceId,
    e: email,
    id: i.id,
  });
  const rows = await db.config(
    `INSERT INTO invitations VALUES ($id, $ws, $e, $role, $h, $by, $at, $exp) RETURNING *`,
    {
      id: i.id,
      ws: i.workspaceId,
      e: email,
      role: i.role,
      h: i.tokenHash,
      by: i.invitedBy,
      at: i.createdAt,
      exp: i.expiresAt,
    },
  );
  return invitation(rows[0]!);
}

export async function findInvitation(db: Db, tokenHash: string): Promise<Invitation | null> {
  const rows = await db.config("SELECT * FROM invitations WHERE token_hash = $h", {
    h: tokenHash,
  });
  return first(rows, invitation);
}

export async function listInvitations(db: Db, workspaceId: string): Promise<Invitation[]> {
  const rows = await db.config(
    "SELECT * FROM invitations WHERE workspace_id = $ws ORDER BY created_at, id",
    { ws: workspaceId },
  );
  return rows.map(invitation);
}

export async function deleteInvitation(db: Db, id: string): Promise<boolean> {
  return changed(await db.config("DELETE FROM invitations WHERE id = $id", { id }));
}
