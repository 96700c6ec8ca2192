/**
 * Login sessions on DuckDB: one auto-committed statement per call on the configuration
 * connection (the caller serialises its writes).
 */
import type { LoginSessionCutoffs, LoginSessionRecord, LoginSessions } from "../login-sessions.ts";
import type { Db, Row } from "./db.ts";

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Guards the "never the raw cookie" rule: only a hex SHA-256 may be a key. */
function checkHash(h: string): string {
  if (!SHA256_HEX.test(h)) throw new Error("login session key must be a hex SHA-256");
  return h;
}

const record = (r: Row): LoginSessionRecord => ({
  idHash: String(r.id_hash),
  userId: String(r.user_id),
  csrfToken: String(r.csrf_token),
  createdAt: Number(r.created_at),
  lastSeenAt: Number(r.last_seen_at),
});

const count = (rows: Row[]) => Number(rows[0]?.Count ?? 0);

const EXPIRED = "last_seen_at < $idle OR created_at < $created";

export class DuckDbLoginSessions implements LoginSessions {
  constructor(private readonly db: Db) {}

  async save(s: LoginSessionRecord): Promise<void> {
    await this.db.config(
      `INSERT INTO login_sessions VALUES ($h, $user, $csrf, $created, $seen)
       ON CONFLICT (id_hash) DO UPDATE
       SET last_seen_at = greatest(login_sessions.last_seen_at, excluded.last_seen_at)`,
      {
        h: checkHash(s.idHash),
        user: s.userId,
        csrf: s.csrfToken,
        created: s.createdAt,
        seen: s.lastSeenAt,
      },
    );
  }

  async live(c: LoginSessionCutoffs): Promise<LoginSessionRecord[]> {
    const rows = await this.db.config(
      `SELECT * FROM login_sessions WHERE NOT (${EXPIRED}) ORDER BY created_at, id_hash`,
      { idle: c.idleBefore, created: c.createdBefore },
    );
    return rows.map(record);
  }

  async delete(idHash: string): Promise<boolean> {
    const rows = await this.db.config("DELETE FROM login_sessions WHERE id_hash = $h", {
      h: checkHash(idHash),
    });
    return count(rows) > 0;
  }

  async deleteUser(userId: string, keepIdHash?: string): Promise<number> {
    const rows =
      keepIdHash === undefined
        ? await this.db.config("DELETE FROM login_sessions WHERE user_id = $u", { u: userId })
        : await this.db.config(
            "DELETE FROM login_sessions WHERE user_id = $u AND id_hash <> $keep",
            { u: userId, keep: checkHash(keepIdHash) },
          );
    return count(rows);
  }

  async deleteExpired(c: LoginSessionCutoffs): Promise<number> {
    const rows = await this.db.config(`DELETE FROM login_sessions WHERE ${EXPIRED}`, {
      idle: c.idleBefore,
      created: c.createdBefore,
    });
    return count(rows);
  }
}
