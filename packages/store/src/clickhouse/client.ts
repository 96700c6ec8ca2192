/**
 * The ClickHouse connection of a store: `@clickhouse/client` over HTTP, kept to what
 * ClickHouse 18.16 (Debian's) and current versions share: SQL text with values quoted by sql.ts
 * (no server-side parameters), JSONEachRow in and out, inserts that name their columns. 64-bit
 * integers come back as JSON strings: readers convert with `Number` (our magnitudes fit 2^53).
 */
import { type ClickHouseClient, createClient } from "@clickhouse/client";
import { ident } from "./sql.ts";

export type Row = Record<string, unknown>;

export interface ClickHouseOptions {
  /**
   * The HTTP interface, e.g. http://127.0.0.1:8123/intently (`scripts/services`'
   * INTENTLY_CLICKHOUSE_URL): credentials in the URL or below, the database as the path.
   */
  url: string;
  /** The store's database (created when missing); default: the URL's path, else `intently`. */
  database?: string;
  username?: string;
  password?: string;
  /** Per request, ms (default 60 s). */
  requestTimeoutMs?: number;
}

/** Settings sent with every insert: 18.16 reads dates only in its own format without it. */
const INSERT_SETTINGS = { date_time_input_format: "best_effort" } as const;

export class Ch {
  private constructor(
    private readonly client: ClickHouseClient,
    readonly database: string,
  ) {}

  /** Connects to the server, creating the database when missing. */
  static async open(o: ClickHouseOptions): Promise<Ch> {
    const u = new URL(o.url);
    if (u.protocol !== "http:" && u.protocol !== "https:")
      throw new RangeError("a ClickHouse URL starts with http:// or https://");
    const path = decodeURIComponent(u.pathname.replace(/^\/+|\/+$/g, ""));
    const database = ident(o.database ?? (path || "intently"));
    const username = o.username ?? (u.username ? decodeURIComponent(u.username) : undefined);
    const password = o.password ?? (u.password ? decodeURIComponent(u.password) : undefined);
    const base = {
      url: u.origin,
      ...(username !== undefined ? { username } : {}),
      ...(password !== undefined ? { password } : {}),
      request_timeout: o.requestTimeoutMs ?? 60_000,
    };
    const admin = createClient(base);
    try {
      await admin.command({ query: `CREATE DATABASE IF NOT EXISTS ${database}` });
    } finally {
      await admin.close();
    }
    return new Ch(createClient({ ...base, database }), database);
  }

  /** Runs a statement that returns no rows (DDL, ALTER … DELETE). */
  async command(query: string): Promise<void> {
    await this.client.command({ query });
  }

  /** Runs a SELECT and answers its rows. */
  async rows(query: string): Promise<Row[]> {
    const rs = await this.client.query({ query, format: "JSONEachRow" });
    return (await rs.json()) as Row[];
  }

  /** The first row of a SELECT (aggregates without GROUP BY always have one). */
  async row(query: string): Promise<Row> {
    return (await this.rows(query))[0] ?? {};
  }

  /** Inserts rows (objects keyed by column name) as JSONEachRow, naming the columns. */
  async insert(table: string, columns: readonly string[], values: readonly Row[]): Promise<void> {
    if (values.length === 0) return;
    await this.client.insert({
      table: ident(table),
      values: values as Row[],
      format: "JSONEachRow",
      columns: columns as [string, ...string[]],
      clickhouse_settings: INSERT_SETTINGS,
    });
  }

  close(): Promise<void> {
    return this.client.close();
  }
}

/** A JSON number or 64-bit integer string as a number; null and undefined as 0. */
export const n = (v: unknown): number => Number(v ?? 0);
