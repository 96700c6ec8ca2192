/** Schema version 4: the integrations outbox (see ../outbox.ts). Frozen like the versions before. */

export const SCHEMA_V4: string[] = [
  `CREATE TABLE outbox (
    key VARCHAR PRIMARY KEY, site VARCHAR NOT NULL, destination VARCHAR NOT NULL,
    payload VARCHAR NOT NULL, status VARCHAR NOT NULL, attempts INTEGER NOT NULL,
    retries INTEGER NOT NULL, created_at BIGINT NOT NULL, next_at BIGINT NOT NULL,
    settled_at BIGINT, last_status INTEGER, last_error VARCHAR)`,
];
