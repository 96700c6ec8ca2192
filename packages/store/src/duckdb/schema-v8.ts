/**
 * Schema version 8: an order in another currency than the site's, without a rate to convert it,
 * is kept apart (../money.ts, issue 19): its row has value 0 and carries its currency and amount.
 * Frozen like the versions before.
 */

export const SCHEMA_V8: string[] = [
  "ALTER TABLE order_events ADD COLUMN currency VARCHAR",
  "ALTER TABLE order_events ADD COLUMN amount DOUBLE",
];
