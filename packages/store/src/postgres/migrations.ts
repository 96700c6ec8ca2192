/**
 * Versioned migrations of the PostgreSQL schema, as the DuckDB backend's (../duckdb/migrations.ts):
 * `schema_migrations` records each applied version; opening applies the missing ones in order,
 * each in its own transaction, under an advisory lock so that processes opening one schema at
 * once apply each version once. A schema written by a newer build is refused.
 */
import type { PgDb, Sql } from "./db.ts";
import { PG_SCHEMA_V1 } from "./schema-v1.ts";

export interface PgMigration {
  version: number;
  name: string;
  statements: string[];
}

export const PG_MIGRATIONS: readonly PgMigration[] = [
  {
    version: 1,
    name: "configuration, login sessions, integrations outbox",
    statements: PG_SCHEMA_V1,
  },
];

export const PG_LATEST_VERSION = PG_MIGRATIONS[PG_MIGRATIONS.length - 1]!.version;

async function versionOf(sql: Sql): Promise<number> {
  await sql.q(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer PRIMARY KEY, name text NOT NULL, applied_at bigint NOT NULL)`);
  const { rows } = await sql.q("SELECT coalesce(max(version), 0) AS v FROM schema_migrations");
  return Number(rows[0]?.v ?? 0);
}

/** Creates the schema if needed and applies pending migrations up to `target`. */
export async function migratePg(
  db: PgDb,
  target: number = PG_LATEST_VERSION,
): Promise<{ from: number; to: number }> {
  return db.locked(`intently-migrate:${db.schema}`, async (sql) => {
    // The schema name passed checkSchema (db.ts): a plain lower-case identifier.
    await sql.q(`CREATE SCHEMA IF NOT EXISTS ${db.schema}`);
    const from = await versionOf(sql);
    if (from > PG_LATEST_VERSION)
      throw new Error(
        `PostgreSQL schema ${db.schema} has version ${from}, newer than this build (${PG_LATEST_VERSION})`,
      );
    for (const m of PG_MIGRATIONS) {
      if (m.version <= from || m.version > target) continue;
      await sql.q("BEGIN");
      try {
        for (const s of m.statements) await sql.q(s);
        await sql.q("INSERT INTO schema_migrations VALUES ($1, $2, $3)", [
          m.version,
          m.name,
          Date.now(),
        ]);
        await sql.q("COMMIT");
      } catch (e) {
        await sql.q("ROLLBACK");
        throw new Error(`migration ${m.version} (${m.name}) failed: ${(e as Error).message}`);
      }
    }
    return { from, to: Math.max(from, Math.min(target, PG_LATEST_VERSION)) };
  });
}
