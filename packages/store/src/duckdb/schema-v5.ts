/**
 * Schema version 5: login sessions (see ../login-sessions.ts), keyed by the SHA-256 of the
 * cookie value. Frozen like the versions before.
 */

export const SCHEMA_V5: string[] = [
  `CREATE TABLE login_sessions (
    id_hash VARCHAR PRIMARY KEY, user_id VARCHAR NOT NULL, csrf_token VARCHAR NOT NULL,
    created_at BIGINT NOT NULL, last_seen_at BIGINT NOT NULL)`,
];
