/**
 * Schema version 1: events, sessions, segment intervals and configuration. Frozen: later
 * changes are new migrations, never edits here (databases in the field were built from this).
 * Closed vocabularies of the framework are ENUMs (1 byte, fast grouping); open ones (device,
 * source, country…) are VARCHAR, which DuckDB dictionary-compresses on disk.
 */

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(", ");

const STAGES = ["browsing", "refining", "evaluating", "deciding", "committing", "post-purchase"];
const PHASES = ["engage", "build-intent", "maintain-intent", "convert", "converted"];
const STATES = ["focus", "struggle", "abandon"];
const INTENTS = ["low", "building", "high"];
const FRAMEWORK_SEGMENTS = [
  "focused-browsers",
  "struggling-browsers",
  "unengaged-browsers",
  "focused-explorers",
  "struggling-explorers",
  "drifting-explorers",
  "focused-considerers",
  "struggling-considerers",
  "wavering-considerers",
  "focused-buyers",
  "struggling-buyers",
  "abandoning-buyers",
  "converted",
];

export const SCHEMA_V1: string[] = [
  `CREATE TYPE stage_t AS ENUM (${list(STAGES)})`,
  `CREATE TYPE phase_t AS ENUM (${list(PHASES)})`,
  `CREATE TYPE state_t AS ENUM (${list(STATES)})`,
  `CREATE TYPE intent_t AS ENUM (${list(INTENTS)})`,
  `CREATE TYPE fsegment_t AS ENUM (${list(FRAMEWORK_SEGMENTS)})`,
  `CREATE TABLE events (
    site VARCHAR NOT NULL, session VARCHAR NOT NULL, visitor VARCHAR NOT NULL,
    t BIGINT NOT NULL, type VARCHAR NOT NULL, page_url VARCHAR, page_type VARCHAR,
    items VARCHAR, value DOUBLE, data VARCHAR, bot BOOLEAN NOT NULL)`,
  `CREATE TABLE sessions (
    site VARCHAR NOT NULL, session VARCHAR NOT NULL, visitor VARCHAR NOT NULL,
    started_at BIGINT NOT NULL, last_event_at BIGINT NOT NULL, ended_at BIGINT NOT NULL,
    device VARCHAR NOT NULL, browser VARCHAR NOT NULL, os VARCHAR NOT NULL,
    country VARCHAR NOT NULL, language VARCHAR NOT NULL,
    traffic_source VARCHAR NOT NULL, source_name VARCHAR NOT NULL, medium VARCHAR NOT NULL,
    campaign VARCHAR NOT NULL, landing_page VARCHAR NOT NULL, landing_page_type VARCHAR NOT NULL,
    is_returning BOOLEAN NOT NULL, previous_sessions INTEGER NOT NULL,
    previous_purchases INTEGER NOT NULL, events INTEGER NOT NULL, page_views INTEGER NOT NULL,
    product_views INTEGER NOT NULL, searches INTEGER NOT NULL, cart_adds INTEGER NOT NULL,
    stage stage_t NOT NULL, phase phase_t NOT NULL, state state_t NOT NULL,
    intent intent_t NOT NULL, final_segment fsegment_t NOT NULL,
    framework_seen USMALLINT NOT NULL, persisted_segments VARCHAR[] NOT NULL,
    custom_segments VARCHAR[] NOT NULL, custom_final VARCHAR[] NOT NULL,
    xc_initial DOUBLE NOT NULL, xc_final DOUBLE NOT NULL, xc_max DOUBLE NOT NULL,
    xatc_initial DOUBLE NOT NULL, xatc_final DOUBLE NOT NULL, xatc_max DOUBLE NOT NULL,
    xe_initial DOUBLE NOT NULL, xe_final DOUBLE NOT NULL, xe_max DOUBLE NOT NULL,
    revenue DOUBLE NOT NULL, orders INTEGER NOT NULL, purchased BOOLEAN NOT NULL,
    added_to_cart BOOLEAN NOT NULL, bot BOOLEAN NOT NULL, bot_reason VARCHAR,
    identified_hash VARCHAR, experiments VARCHAR[] NOT NULL)`,
  `CREATE TABLE intervals (
    site VARCHAR NOT NULL, session VARCHAR NOT NULL, visitor VARCHAR NOT NULL,
    session_start BIGINT NOT NULL, segment VARCHAR NOT NULL,
    entered_at BIGINT NOT NULL, exited_at BIGINT NOT NULL,
    prev_segment VARCHAR, next_segment VARCHAR, bot BOOLEAN NOT NULL)`,
  `CREATE TABLE workspaces (id VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, created_at BIGINT NOT NULL)`,
  `CREATE TABLE sites (
    id VARCHAR PRIMARY KEY, workspace_id VARCHAR NOT NULL, name VARCHAR NOT NULL,
    public_key VARCHAR NOT NULL UNIQUE, allowed_origins VARCHAR[] NOT NULL,
    settings VARCHAR NOT NULL, created_at BIGINT NOT NULL)`,
  `CREATE TABLE segment_versions (
    site VARCHAR NOT NULL, id VARCHAR NOT NULL, version INTEGER NOT NULL,
    definition VARCHAR NOT NULL, author VARCHAR NOT NULL, created_at BIGINT NOT NULL,
    status VARCHAR NOT NULL, PRIMARY KEY (site, id, version))`,
  `CREATE TABLE users (
    id VARCHAR PRIMARY KEY, email VARCHAR NOT NULL UNIQUE, password_hash VARCHAR NOT NULL,
    created_at BIGINT NOT NULL, disabled BOOLEAN NOT NULL)`,
  `CREATE TABLE memberships (
    workspace_id VARCHAR NOT NULL, user_id VARCHAR NOT NULL, role VARCHAR NOT NULL,
    PRIMARY KEY (workspace_id, user_id))`,
  `CREATE TABLE api_tokens (
    id VARCHAR PRIMARY KEY, workspace_id VARCHAR NOT NULL, user_id VARCHAR NOT NULL,
    name VARCHAR NOT NULL, token_hash VARCHAR NOT NULL UNIQUE, role VARCHAR NOT NULL,
    created_at BIGINT NOT NULL, last_used_at BIGINT, revoked_at BIGINT)`,
  `CREATE TABLE integrations (
    id VARCHAR PRIMARY KEY, site VARCHAR NOT NULL, kind VARCHAR NOT NULL, name VARCHAR NOT NULL,
    config VARCHAR NOT NULL, enabled BOOLEAN NOT NULL, created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL)`,
];
