/**
 * The DuckDB instance of a data folder with one writer connection (migrations, appenders and
 * deletes, serialised by the write buffer), one for configuration (so a config write never
 * lands inside a delete's transaction) and a small pool of reader connections so reports can
 * run concurrently. DuckDB locks the file: one process per data folder.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import {
  type DuckDBConnection,
  DuckDBInstance,
  type DuckDBType,
  type DuckDBValue,
  LIST,
  listValue,
  VARCHAR,
} from "@duckdb/node-api";
import { privateDir, privateFile, privateUmask } from "../private-fs.ts";
import { SiteZones } from "./site-zones.ts";

export type Params = Record<string, string | number | boolean | null | bigint | string[]>;
export type Row = Record<string, unknown>;

export const DB_FILE = "intently.duckdb";

const VARCHAR_LIST = LIST(VARCHAR);

/**
 * JS values → DuckDB values: integral numbers bind as BIGINT (so BIGINT columns keep their
 * zonemaps), string arrays as VARCHAR[].
 */
function bind(
  sql: string,
  params: Params | undefined,
): [Record<string, DuckDBValue>, Record<string, DuckDBType>] {
  const values: Record<string, DuckDBValue> = {};
  const types: Record<string, DuckDBType> = {};
  for (const [k, v] of Object.entries(params ?? {})) {
    // DuckDB refuses parameters a statement does not use; callers share params objects.
    if (!new RegExp(`\\$${k}\\b`).test(sql)) continue;
    if (Array.isArray(v)) {
      values[k] = listValue(v);
      types[k] = VARCHAR_LIST;
    } else values[k] = typeof v === "number" && Number.isSafeInteger(v) ? BigInt(v) : v;
  }
  return [values, types];
}

/** bigint (BIGINT, HUGEINT sums) → number; lists recursively. Our magnitudes fit 2^53. */
function plain(v: unknown): unknown {
  if (typeof v === "bigint") return Number(v);
  if (Array.isArray(v)) return v.map(plain);
  return v;
}

export async function readAll(
  conn: DuckDBConnection,
  sql: string,
  params?: Params,
): Promise<Row[]> {
  const [values, types] = bind(sql, params);
  const reader = params
    ? await conn.runAndReadAll(sql, values, types)
    : await conn.runAndReadAll(sql);
  const rows = reader.getRowObjectsJS() as Row[];
  for (const r of rows) for (const k of Object.keys(r)) r[k] = plain(r[k]);
  return rows;
}

export class Db {
  private readonly free: DuckDBConnection[] = [];
  private readonly waiting: ((c: DuckDBConnection) => void)[] = [];
  private readonly all: DuckDBConnection[] = [];
  /** Each site's time zone (site-zones.ts): loaded by the store once migrated. */
  readonly zones = new SiteZones();

  private constructor(
    readonly instance: DuckDBInstance,
    readonly writer: DuckDBConnection,
    private readonly configConn: DuckDBConnection,
  ) {}

  static async open(dir: string | null, readers = 4): Promise<Db> {
    let path = ":memory:";
    if (dir !== null) {
      privateDir(dir);
      // DuckDB creates its file, WAL and spill files itself, the WAL again after every
      // checkpoint: only the umask makes those private (see private-fs.ts).
      privateUmask();
      path = join(dir, DB_FILE);
    }
    const instance = await DuckDBInstance.create(path);
    if (dir !== null) for (const f of [path, `${path}.wal`]) if (existsSync(f)) privateFile(f);
    const db = new Db(instance, await instance.connect(), await instance.connect());
    for (let i = 0; i < readers; i++) {
      const c = await instance.connect();
      db.all.push(c);
      db.free.push(c);
    }
    return db;
  }

  /** Runs on the writer connection. */
  exec(sql: string, params?: Params): Promise<Row[]> {
    return readAll(this.writer, sql, params);
  }

  /** Runs on the configuration connection. */
  config(sql: string, params?: Params): Promise<Row[]> {
    return readAll(this.configConn, sql, params);
  }

  /** Runs on a pooled reader connection. */
  async query(sql: string, params?: Params): Promise<Row[]> {
    const c = this.free.pop() ?? (await new Promise<DuckDBConnection>((r) => this.waiting.push(r)));
    try {
      return await readAll(c, sql, params);
    } finally {
      const next = this.waiting.shift();
      if (next) next(c);
      else this.free.push(c);
    }
  }

  close(): void {
    for (const c of this.all) c.closeSync();
    this.configConn.closeSync();
    this.writer.closeSync();
    this.instance.closeSync();
  }
}
