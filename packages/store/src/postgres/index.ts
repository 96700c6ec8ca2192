/**
 * PostgreSQL for what the scale-out keeps there (issue 14; docs/deploy.md): configuration, login
 * sessions and the integrations outbox. The ClickHouse store composes these three ports with its
 * own into a full `Store`; every API and delivery process opens its own pool on one schema.
 */
import type { ConfigStore } from "../config.ts";
import type { LoginSessions } from "../login-sessions.ts";
import { PostgresConfig, type SiteHooks } from "./config-store.ts";
import { checkSchema, PgDb } from "./db.ts";
import { PostgresLoginSessions } from "./login-sessions.ts";
import { migratePg } from "./migrations.ts";
import { PostgresOutbox } from "./outbox.ts";

export type { SiteHooks } from "./config-store.ts";
export { PG_LATEST_VERSION } from "./migrations.ts";
export { DEFAULT_CLAIM_MS, PostgresOutbox } from "./outbox.ts";

export interface PostgresConfigOptions {
  /** The schema the tables live in (created if missing): lower-case letters, digits, `_`. */
  schema?: string;
  /** Connections in the pool. */
  maxConnections?: number;
  /** How long a delivery worker's claim on an outbox message holds (see outbox.ts). */
  claimMs?: number;
  /** Site changes the composing store follows (zone and money caches, rollups). */
  siteHooks?: SiteHooks;
}

export interface PostgresConfigPorts {
  config: ConfigStore;
  loginSessions: LoginSessions;
  outbox: PostgresOutbox;
  /** The schema in use. */
  schema: string;
  /** Ends the pool (waits for the statements running). */
  close(): Promise<void>;
}

export const DEFAULT_PG_SCHEMA = "intently";

/** Opens a pool on `url` (postgres://…), creates and migrates the schema, returns the ports. */
export async function openPostgresConfig(
  url: string,
  options: PostgresConfigOptions = {},
): Promise<PostgresConfigPorts> {
  if (typeof url !== "string" || !/^postgres(ql)?:\/\//.test(url))
    throw new RangeError("a PostgreSQL URL starts with postgres:// or postgresql://");
  const schema = checkSchema(options.schema ?? DEFAULT_PG_SCHEMA);
  const max = options.maxConnections ?? 4;
  if (!Number.isSafeInteger(max) || max < 1) throw new RangeError("maxConnections must be ≥ 1");
  const db = PgDb.connect(url, schema, max);
  try {
    await migratePg(db);
  } catch (e) {
    await db.close();
    throw e;
  }
  const outboxOptions = options.claimMs === undefined ? {} : { claimMs: options.claimMs };
  let closing: Promise<void> | null = null;
  return {
    config: new PostgresConfig(db, options.siteHooks),
    loginSessions: new PostgresLoginSessions(db),
    outbox: new PostgresOutbox(db, outboxOptions),
    schema,
    close: () => {
      closing ??= db.close();
      return closing;
    },
  };
}
