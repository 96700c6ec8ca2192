/** Login sessions on PostgreSQL: one statement per call (see ../login-sessions.ts). */
import type { LoginSessionCutoffs, LoginSessionRecord, LoginSessions } from "../login-sessions.ts";
import type { PgDb, Row } from "./db.ts";
import { checkSha256 } from "./sha256.ts";

const record = (r: Row): LoginSessionRecord => ({
  idHash: String(r.id_hash),
  userId: String(r.user_id),
  csrfToken: String(r.csrf_token),
  createdAt: Number(r.created_at),
  lastSeenAt: Number(r.last_seen_at),
});

const key = (h: string) => checkSha256(h, "login session key");

const EXPIRED = "last_seen_at < $1 OR created_at < $2";

export class PostgresLoginSessions implements LoginSessions {
  constructor(private readonly db: PgDb) {}

  async save(s: LoginSessionRecord): Promise<void> {
    await this.db.q(
      `INSERT INTO login_sessions (id_hash, user_id, csrf_token, created_at, last_seen_at)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (id_hash) DO UPDATE
       SET last_seen_at = greatest(login_sessions.last_seen_at, excluded.last_seen_at)`,
      [key(s.idHash), s.userId, s.csrfToken, s.createdAt, s.lastSeenAt],
    );
  }

  async live(c: LoginSessionCutoffs): Promise<LoginSessionRecord[]> {
    const r = await this.db.q(
      `SELECT * FROM login_sessions WHERE NOT (${EXPIRED}) ORDER BY created_at, id_hash`,
      [c.idleBefore, c.createdBefore],
    );
    return r.rows.map(record);
  }

  async delete(idHash: string): Promise<boolean> {
    return (
      (await this.db.q("DELETE FROM login_sessions WHERE id_hash = $1", [key(idHash)])).count > 0
    );
  }

  async deleteUser(userId: string, keepIdHash?: string): Promise<number> {
    const r =
      keepIdHash === undefined
        ? await this.db.q("DELETE FROM login_sessions WHERE user_id = $1", [userId])
        : await this.db.q("DELETE FROM login_sessions WHERE user_id = $1 AND id_hash <> $2", [
            userId,
            key(keepIdHash),
          ]);
    return r.count;
  }

  async deleteExpired(c: LoginSessionCutoffs): Promise<number> {
    const r = await this.db.q(`DELETE FROM login_sessions WHERE ${EXPIRED}`, [
      c.idleBefore,
      c.createdBefore,
    ]);
    return r.count;
  }
}
