/**
 * The scale-out Store in one call: ClickHouse for rows and reports, PostgreSQL for
 * configuration, login sessions and the outbox (postgres/), closed together.
 */
import type { BufferOptions } from "../duckdb/buffer.ts";
import { openPostgresConfig } from "../postgres/index.ts";
import { ClickHouseStore } from "./store.ts";

export interface ClusterStoreOptions {
  /** INTENTLY_CLICKHOUSE_URL: http://host:port/database. */
  clickhouseUrl: string;
  /** INTENTLY_POSTGRES_URL: postgres://user:password@host:port/database. */
  postgresUrl: string;
  /** Overrides the URL's database (tests: one per store). */
  clickhouseDatabase?: string;
  /** The PostgreSQL schema (default: postgres/'s). */
  postgresSchema?: string;
  buffer?: Partial<BufferOptions>;
}

export async function openClusterStore(o: ClusterStoreOptions): Promise<ClickHouseStore> {
  const pg = await openPostgresConfig(
    o.postgresUrl,
    o.postgresSchema === undefined ? {} : { schema: o.postgresSchema },
  );
  try {
    return await ClickHouseStore.open({
      clickhouse: {
        url: o.clickhouseUrl,
        ...(o.clickhouseDatabase === undefined ? {} : { database: o.clickhouseDatabase }),
      },
      side: pg,
      ...(o.buffer === undefined ? {} : { buffer: o.buffer }),
    });
  } catch (e) {
    await pg.close();
    throw e;
  }
}
