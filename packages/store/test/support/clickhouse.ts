/**
 * The ClickHouse of `scripts/services` for the store's tests: its URL (the services are started
 * when they are not running), a fresh database per store so suites never see each other's rows,
 * composed with a fresh PostgreSQL schema (./postgres.ts), and the databases dropped when the
 * test file ends.
 */
import { randomBytes } from "node:crypto";
import { after } from "node:test";
import { ensureServices } from "../../../cluster/src/services.ts";
import { Ch } from "../../src/clickhouse/client.ts";
import { openClusterStore } from "../../src/clickhouse/open.ts";
import type { ClickHouseStore } from "../../src/clickhouse/store.ts";
import type { BufferOptions } from "../../src/duckdb/buffer.ts";
import { freshSchema, postgresUrl } from "./postgres.ts";

let url: Promise<string> | null = null;
const made: string[] = [];

/** INTENTLY_CLICKHOUSE_URL of the running services (started once per process). */
export function clickhouseUrl(): Promise<string> {
  url ??= ensureServices().then((s) => s.clickhouse);
  return url;
}

/** A database name no other test uses. */
export function freshDatabase(): string {
  const name = `t_${process.pid}_${randomBytes(5).toString("hex")}`;
  made.push(name);
  return name;
}

/** An empty ClickHouse store (its own database) on an empty PostgreSQL schema. */
export async function openClickHouseStore(
  buffer: Partial<BufferOptions> = {},
): Promise<ClickHouseStore> {
  return openClusterStore({
    clickhouseUrl: await clickhouseUrl(),
    postgresUrl: await postgresUrl(),
    clickhouseDatabase: freshDatabase(),
    postgresSchema: freshSchema(),
    buffer,
  });
}

/** A connection to a fresh database (for checks below the Store port). */
export async function openCh(): Promise<Ch> {
  return Ch.open({ url: await clickhouseUrl(), database: freshDatabase() });
}

after(async () => {
  if (url === null || made.length === 0) return;
  const ch = await Ch.open({ url: await url, database: "default" });
  try {
    for (const db of made.splice(0)) await ch.command(`DROP DATABASE IF EXISTS ${db}`);
  } finally {
    await ch.close();
  }
});
