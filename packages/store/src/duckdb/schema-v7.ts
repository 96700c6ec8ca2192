/**
 * Schema version 7: orders once per site (../orders.ts, issue 19). One row per order first seen,
 * per duplicate seen again (in any session) and per refund applied. Frozen like the versions before.
 */

export const SCHEMA_V7: string[] = [
  `CREATE TABLE order_events (
    site VARCHAR NOT NULL, transaction_id VARCHAR NOT NULL, kind VARCHAR NOT NULL, key VARCHAR,
    session VARCHAR NOT NULL, visitor VARCHAR NOT NULL, t BIGINT NOT NULL, value DOUBLE NOT NULL)`,
];
