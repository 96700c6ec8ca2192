/**
 * Versioned schema migrations. `schema_migrations` records each applied version; opening a
 * store applies the missing ones in order, each in its own transaction. A database written by a
 * newer version is refused rather than guessed at.
 */
import type { Db } from "./db.ts";
import { visitorKey } from "./keys.ts";
import { rebuildRollups } from "./readback.ts";
import { SCHEMA_V1 } from "./schema-v1.ts";
import { FROZEN_SIGNALS, SCHEMA_V3 } from "./schema-v3.ts";
import { SCHEMA_V4 } from "./schema-v4.ts";
import { SCHEMA_V5 } from "./schema-v5.ts";
import { SCHEMA_V6 } from "./schema-v6.ts";
import { SCHEMA_V7 } from "./schema-v7.ts";
import { SCHEMA_V8 } from "./schema-v8.ts";

export interface Migration {
  version: number;
  name: string;
  statements: string[];
  /** Data steps after the statements, in the same transaction. */
  run?: (db: Db) => Promise<void>;
}

/** Fills sessions.visitor_key for rows written before version 3. */
async function backfillVisitorKeys(db: Db): Promise<void> {
  const rows = await db.exec("SELECT DISTINCT visitor FROM sessions WHERE visitor_key IS NULL");
  if (rows.length === 0) return;
  await db.exec("CREATE TABLE _visitor_keys (visitor VARCHAR, k BIGINT)");
  const ap = await db.writer.createAppender("_visitor_keys");
  for (const r of rows) {
    const v = String(r.visitor);
    ap.appendVarchar(v);
    ap.appendBigInt(BigInt(visitorKey(v)));
    ap.endRow();
  }
  ap.closeSync();
  await db.exec(
    "UPDATE sessions SET visitor_key = k.k FROM _visitor_keys k WHERE sessions.visitor = k.visitor",
  );
  await db.exec("DROP TABLE _visitor_keys");
}

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: "events, sessions, intervals, configuration", statements: SCHEMA_V1 },
  {
    version: 2,
    name: "behaviour signal counts per session; page-view rollups by segment",
    statements: [
      ...FROZEN_SIGNALS.map((s) => `ALTER TABLE sessions ADD COLUMN sig_${s} INTEGER DEFAULT 0`),
      `CREATE TABLE page_views (
        site VARCHAR NOT NULL, day INTEGER NOT NULL, segment VARCHAR NOT NULL,
        path VARCHAR NOT NULL, page_type VARCHAR NOT NULL, views BIGINT NOT NULL,
        sessions BIGINT NOT NULL)`,
    ],
  },
  {
    version: 3,
    name: "write-time rollups; integer visitor keys",
    statements: SCHEMA_V3,
    run: async (db) => {
      await backfillVisitorKeys(db);
      await rebuildRollups(db);
    },
  },
  { version: 4, name: "integrations outbox", statements: SCHEMA_V4 },
  { version: 5, name: "login sessions", statements: SCHEMA_V5 },
  { version: 6, name: "workspace invitations", statements: SCHEMA_V6 },
  { version: 7, name: "orders once per site", statements: SCHEMA_V7 },
  { version: 8, name: "orders in other currencies kept apart", statements: SCHEMA_V8 },
];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

export async function schemaVersion(db: Db): Promise<number> {
  await db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at BIGINT NOT NULL)`);
  const rows = await db.exec("SELECT coalesce(max(version), 0) AS v FROM schema_migrations");
  return Number(rows[0]?.v ?? 0);
}

/** Applies pending migrations up to `target` (tests stop early to build old databases). */
export async function migrate(
  db: Db,
  target: number = LATEST_VERSION,
): Promise<{ from: number; to: number }> {
  const from = await schemaVersion(db);
  if (from > LATEST_VERSION)
    throw new Error(
      `data folder has schema version ${from}, newer than this build (${LATEST_VERSION})`,
    );
  for (const m of MIGRATIONS) {
    if (m.version <= from || m.version > target) continue;
    await db.exec("BEGIN TRANSACTION");
    try {
      for (const sql of m.statements) await db.exec(sql);
      await m.run?.(db);
      await db.exec("INSERT INTO schema_migrations VALUES ($version, $name, $at)", {
        version: m.version,
        name: m.name,
        at: Date.now(),
      });
      await db.exec("COMMIT");
    } catch (e) {
      await db.exec("ROLLBACK");
      throw new Error(`migration ${m.version} (${m.name}) failed: ${(e as Error).message}`);
    }
  }
  // Rollups are by each site's local days from here on (site-zones.ts).
  if (Math.min(target, LATEST_VERSION) >= 1) {
    await db.zones.load(db);
  }
  return { from, to: Math.max(from, Math.min(target, LATEST_VERSION)) };
}
