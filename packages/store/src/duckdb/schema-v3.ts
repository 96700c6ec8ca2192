/**
 * Schema version 3: write-time rollups (see rollups.ts) and an integer visitor key on
 * sessions. Frozen like the versions before it; the data is backfilled by migrations.ts.
 */

/** The signals as they stood when version 2 added their columns (frozen). */
export const FROZEN_SIGNALS = [
  "rage_click",
  "dead_click",
  "error_click",
  "js_error",
  "form_error",
  "thrashed_cursor",
  "u_turn",
  "zero_result_search",
  "back_and_forth",
  "not_found",
  "exit_intent",
  "tab_hidden",
  "idle",
  "cart_emptied",
];

const KEY = "site VARCHAR NOT NULL, day INTEGER NOT NULL";

export const SCHEMA_V3: string[] = [
  "ALTER TABLE sessions ADD COLUMN visitor_key BIGINT",
  `CREATE TABLE segment_daily (${KEY}, segment VARCHAR NOT NULL,
    sessions BIGINT NOT NULL, conversions BIGINT NOT NULL, orders BIGINT NOT NULL,
    revenue DOUBLE NOT NULL, xc_final_sum DOUBLE NOT NULL, xc_max_sum DOUBLE NOT NULL,
    frustrated BIGINT NOT NULL,
    ${FROZEN_SIGNALS.map((s) => `sig_${s} BIGINT NOT NULL, sigs_${s} BIGINT NOT NULL`).join(", ")})`,
  `CREATE TABLE dimension_daily (${KEY}, segment VARCHAR NOT NULL, dimension VARCHAR NOT NULL,
    key VARCHAR NOT NULL, sessions BIGINT NOT NULL, conversions BIGINT NOT NULL,
    revenue DOUBLE NOT NULL)`,
  `CREATE TABLE phase_daily (${KEY}, phase VARCHAR NOT NULL, segment VARCHAR NOT NULL,
    sessions BIGINT NOT NULL, revenue DOUBLE NOT NULL)`,
  `CREATE TABLE flow_daily (${KEY}, segment VARCHAR NOT NULL, prev_segment VARCHAR,
    next_segment VARCHAR, stays BIGINT NOT NULL)`,
  `CREATE TABLE pair_daily (${KEY}, a VARCHAR NOT NULL, b VARCHAR NOT NULL,
    both_sessions BIGINT NOT NULL, concurrent_sessions BIGINT NOT NULL,
    concurrent_ms DOUBLE NOT NULL)`,
];
