/**
 * PostgreSQL schema version 1: configuration (../config.ts), login sessions
 * (../login-sessions.ts) and the integrations outbox (../outbox.ts), the tables the DuckDB
 * backend reached in its versions 1, 4, 5 and 6. Frozen: a change is a new version.
 *
 * Identifiers and keys are `COLLATE "C"` so that they compare and sort byte by byte, as DuckDB
 * does (the database's default collation may be a locale's). JSON columns are jsonb, except the
 * outbox payload: it is the exact text the delivery worker sends, and jsonb would refuse a
 * summary holding a `\u0000` escape (visitor-supplied text can). The visitor and the session
 * start the outbox's erasure and retention select by are read from it at enqueue.
 */

const ID = 'text COLLATE "C" NOT NULL';

export const PG_SCHEMA_V1: string[] = [
  `CREATE TABLE workspaces (id ${ID} PRIMARY KEY, name text NOT NULL, created_at bigint NOT NULL)`,
  `CREATE TABLE sites (
    id ${ID} PRIMARY KEY, workspace_id ${ID}, name text NOT NULL,
    public_key ${ID} UNIQUE, allowed_origins text[] NOT NULL, settings jsonb NOT NULL,
    created_at bigint NOT NULL)`,
  "CREATE INDEX sites_workspace ON sites (workspace_id, id)",
  `CREATE TABLE segment_versions (
    site ${ID}, id ${ID}, version integer NOT NULL, definition jsonb NOT NULL,
    author text NOT NULL, created_at bigint NOT NULL, status text NOT NULL,
    PRIMARY KEY (site, id, version))`,
  `CREATE TABLE users (
    id ${ID} PRIMARY KEY, email ${ID} UNIQUE, password_hash text NOT NULL,
    created_at bigint NOT NULL, disabled boolean NOT NULL)`,
  `CREATE TABLE memberships (
    workspace_id ${ID}, user_id ${ID}, role text NOT NULL, PRIMARY KEY (workspace_id, user_id))`,
  "CREATE INDEX memberships_user ON memberships (user_id, workspace_id)",
  `CREATE TABLE api_tokens (
    id ${ID} PRIMARY KEY, workspace_id ${ID}, user_id ${ID}, name text NOT NULL,
    token_hash ${ID} UNIQUE, role text NOT NULL, created_at bigint NOT NULL,
    last_used_at bigint, revoked_at bigint)`,
  "CREATE INDEX api_tokens_workspace ON api_tokens (workspace_id)",
  `CREATE TABLE invitations (
    id ${ID} PRIMARY KEY, workspace_id ${ID}, email ${ID}, role text NOT NULL,
    token_hash ${ID} UNIQUE, invited_by text NOT NULL, created_at bigint NOT NULL,
    expires_at bigint NOT NULL, UNIQUE (workspace_id, email))`,
  `CREATE TABLE integrations (
    id ${ID} PRIMARY KEY, site ${ID}, kind text NOT NULL, name text NOT NULL,
    config jsonb NOT NULL, enabled boolean NOT NULL, created_at bigint NOT NULL,
    updated_at bigint NOT NULL)`,
  "CREATE INDEX integrations_site ON integrations (site, id)",
  `CREATE TABLE login_sessions (
    id_hash ${ID} PRIMARY KEY, user_id ${ID}, csrf_token text NOT NULL,
    created_at bigint NOT NULL, last_seen_at bigint NOT NULL)`,
  "CREATE INDEX login_sessions_user ON login_sessions (user_id)",
  // claimed_by / claimed_until: the delivery worker that took a pending message, and until when
  // (postgres/outbox.ts): another worker skips it meanwhile.
  `CREATE TABLE outbox (
    key ${ID} PRIMARY KEY, site ${ID}, destination ${ID}, payload text NOT NULL,
    visitor text, started_at bigint, status text NOT NULL, attempts integer NOT NULL,
    retries integer NOT NULL, created_at bigint NOT NULL, next_at bigint NOT NULL,
    settled_at bigint, last_status integer, last_error text,
    claimed_by text, claimed_until bigint)`,
  "CREATE INDEX outbox_due ON outbox (next_at, created_at, key) WHERE status = 'pending'",
  "CREATE INDEX outbox_delivered ON outbox (settled_at) WHERE status = 'delivered'",
  "CREATE INDEX outbox_visitor ON outbox (site, visitor)",
  "CREATE INDEX outbox_site ON outbox (site, created_at)",
];
