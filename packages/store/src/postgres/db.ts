/**
 * A PostgreSQL pool for the configuration, login-session and outbox tables of one schema
 * (issue 14: the scale-out's PostgreSQL part). Every statement is parameterised; the schema is
 * the connection's search_path, so the SQL names bare tables and one database can hold several
 * Intently schemas (tests open one per suite).
 *
 * Values come back as the row mappers of the DuckDB backend expect them (../duckdb/config-rows.ts,
 * backend-neutral despite the folder): BIGINT as a number (our magnitudes — ms timestamps,
 * counts — fit 2^53), json/jsonb as their JSON text.
 */
import pg from "pg";

export type Row = Record<string, unknown>;
export type Value =
  | string
  | number
  | boolean
  | null
  | readonly (string | null)[]
  | readonly (number | null)[];

export interface Result {
  rows: Row[];
  /** Rows inserted, updated or deleted (0 for other statements). */
  count: number;
}

/** Lower-case identifiers only: the name is spliced into a connection option and DDL. */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export function checkSchema(name: string): string {
  if (!SCHEMA_NAME.test(name)) throw new RangeError(`not a PostgreSQL schema name: ${name}`);
  return name;
}

const INT8 = 20;
const JSON_OID = 114;
const JSONB = 3802;
const toNumber = (v: string) => Number(v);
const raw = (v: string) => v;

/** Type parsers of this pool only (pg's global ones stay as they are for other users). */
const TYPES = {
  getTypeParser: ((oid: number, format?: "text" | "binary") => {
    if (format !== "binary" && oid === INT8) return toNumber;
    if (format !== "binary" && (oid === JSONB || oid === JSON_OID)) return raw;
    return pg.types.getTypeParser(oid, format);
  }) as typeof pg.types.getTypeParser,
};

/** Something that runs statements: the pool, or one client inside a transaction. */
export interface Sql {
  q(sql: string, params?: readonly Value[]): Promise<Result>;
}

const resultOf = (r: pg.QueryResult): Result => ({
  rows: r.rows as Row[],
  count: r.command === "SELECT" ? 0 : (r.rowCount ?? 0),
});

export class PgDb implements Sql {
  private constructor(
    private readonly pool: pg.Pool,
    readonly schema: string,
  ) {}

  static connect(url: string, schema: string, max = 4): PgDb {
    const pool = new pg.Pool({
      connectionString: url,
      max,
      idleTimeoutMillis: 10_000,
      types: TYPES,
      options: `-c search_path=${checkSchema(schema)}`,
      application_name: "intently-config",
    });
    // An idle client whose server went away emits here; without a listener it crashes the
    // process. The next query gets a fresh connection (or the error).
    pool.on("error", () => undefined);
    return new PgDb(pool, schema);
  }

  async q(sql: string, params: readonly Value[] = []): Promise<Result> {
    return resultOf(await this.pool.query(sql, params as unknown[]));
  }

  /** Runs `f` in one transaction on one client: committed when it resolves, rolled back if not. */
  async tx<T>(f: (sql: Sql) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query("BEGIN");
      const sql: Sql = {
        q: async (text, params = []) => resultOf(await client.query(text, params as unknown[])),
      };
      const out = await f(sql);
      await client.query("COMMIT");
      return out;
    } catch (e) {
      try {
        await client.query("ROLLBACK");
      } catch (r) {
        broken = r as Error; // the connection is unusable: do not return it to the pool
      }
      throw e;
    } finally {
      client.release(broken);
    }
  }

  /**
   * Runs `f` on one client holding a session-level advisory lock (migrations: two processes
   * opening one schema at once apply each version once).
   */
  async locked<T>(key: string, f: (sql: Sql) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    const sql: Sql = {
      q: async (text, params = []) => resultOf(await client.query(text, params as unknown[])),
    };
    try {
      await client.query("SELECT pg_advisory_lock(hashtext($1))", [key]);
      try {
        return await f(sql);
      } finally {
        await client.query("SELECT pg_advisory_unlock(hashtext($1))", [key]);
      }
    } catch (e) {
      broken = e as Error;
      throw e;
    } finally {
      client.release(broken);
    }
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
