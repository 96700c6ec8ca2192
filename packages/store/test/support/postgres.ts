/**
 * The PostgreSQL of `scripts/services` for the store's tests: its URL (the services are started
 * when they are not running), a fresh schema per use so suites never see each other's rows, and
 * the schemas dropped when the test file ends.
 */
import { randomBytes } from "node:crypto";
import { after } from "node:test";
import pg from "pg";
import { ensureServices } from "../../../cluster/src/services.ts";
import {
  openPostgresConfig,
  type PostgresConfigOptions,
  type PostgresConfigPorts,
} from "../../src/postgres/index.ts";

let url: Promise<string> | null = null;
const made: string[] = [];
let admin: pg.Pool | null = null;

/** INTENTLY_POSTGRES_URL of the running services (started once per process). */
export function postgresUrl(): Promise<string> {
  url ??= ensureServices().then((s) => s.postgres);
  return url;
}

/** A schema name no other test uses. */
export function freshSchema(): string {
  const name = `t_${process.pid}_${randomBytes(5).toString("hex")}`;
  made.push(name);
  return name;
}

/** The three PostgreSQL ports on a new schema. */
export async function openFresh(
  options: Omit<PostgresConfigOptions, "schema"> = {},
): Promise<PostgresConfigPorts> {
  return openPostgresConfig(await postgresUrl(), { ...options, schema: freshSchema() });
}

/** Runs one statement on an admin connection (checks, and the schemas' cleanup). */
export async function adminQuery(sql: string, params: unknown[] = []): Promise<pg.QueryResult> {
  admin ??= new pg.Pool({ connectionString: await postgresUrl(), max: 1 });
  return admin.query(sql, params);
}

after(async () => {
  if (url === null) return;
  for (const s of made.splice(0)) await adminQuery(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
  await admin?.end();
  admin = null;
});
