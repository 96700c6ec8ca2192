/**
 * Dashboard and API login sessions, kept so a restart signs nobody out. The API holds them in
 * memory and writes through to here. Rows are keyed by the SHA-256 of the session cookie,
 * computed by the caller: the store never sees a cookie value (it refuses anything that is not
 * a hex SHA-256).
 */

export interface LoginSessionRecord {
  /** SHA-256 (64 lowercase hex characters) of the cookie value. */
  idHash: string;
  userId: string;
  /** The session-bound CSRF token (useless without the cookie). */
  csrfToken: string;
  createdAt: number;
  lastSeenAt: number;
}

/** A session is expired when last seen before `idleBefore` or created before `createdBefore`. */
export interface LoginSessionCutoffs {
  idleBefore: number;
  createdBefore: number;
}

export interface LoginSessions {
  /** Inserts the session, or moves the stored one's last_seen_at forward (never back). */
  save(s: LoginSessionRecord): Promise<void>;
  /** Every session not expired at the cutoffs. */
  live(c: LoginSessionCutoffs): Promise<LoginSessionRecord[]>;
  delete(idHash: string): Promise<boolean>;
  /** Deletes every session of a user but `keepIdHash`; returns how many. */
  deleteUser(userId: string, keepIdHash?: string): Promise<number>;
  /** Deletes the sessions expired at the cutoffs; returns how many. */
  deleteExpired(c: LoginSessionCutoffs): Promise<number>;
}
