/**
 * Schema version 6: pending invitations to a workspace (see ../config.ts). The invitation's
 * token is kept as its SHA-256 only. Frozen like the versions before.
 */

export const SCHEMA_V6: string[] = [
  `CREATE TABLE invitations (
    id VARCHAR PRIMARY KEY, workspace_id VARCHAR NOT NULL, email VARCHAR NOT NULL,
    role VARCHAR NOT NULL, token_hash VARCHAR NOT NULL UNIQUE, invited_by VARCHAR NOT NULL,
    created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL)`,
];
