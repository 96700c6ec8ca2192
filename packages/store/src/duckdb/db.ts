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

interface Connections {
  instance: DuckDBInstance;
  writer: DuckDBConnection;
  config: DuckDBConnection;
  readers: DuckDBConnection[];
}

async function connect(path: string, dir: string | null, readers: number): Promise<Connections> {
  const instance = await DuckDBInstance.create(path);
  if (dir !== null) for (const f of [path, `${path}.wal`]) if (existsSync(f)) privateFile(f);
  const c: Connections = {
    instance,
    writer: await instance.connect(),
    config: await instance.connect(),
    readers: [],
  };
  for (let i = 0; i < readers; i++) c.readers.push(await instance.connect());
  return c;
}

export class Db {
  private free: DuckDBConnection[];
  private readonly waiting: ((c: DuckDBConnection) => void)[] = [];
  /** Each site's time zone (site-zones.ts): loaded by the store once migrated. */
  readonly zones = new SiteZones();
  /** Statements running, and the pause `reopen` holds new ones at (see there). */
  private active = 0;
  private paused: Promise<void> | null = null;
  private idle: (() => void) | null = null;

  private constructor(
    private c: Connections,
    private readonly path: string,
    private readonly dir: string | null,
  ) {
    this.free = [...c.readers];
  }

  static async open(dir: string | null, readers = 4): Promise<Db> {
    let path = ":memory:";
    if (dir !== null) {
      privateDir(dir);
      // DuckDB creates its file, WAL and spill files itself, the WAL again after every
      // checkpoint: only the umask makes those private (see private-fs.ts).
      privateUmask();
      path = join(dir, DB_FILE);
    }
    return new Db(await connect(path, dir, readers), path, dir);
  }

  get instance(): DuckDBInstance {
    return this.c.instance;
  }

  /** The writer connection (appenders; callers hold the write buffer's turn). */
  get writer(): DuckDBConnection {
    return this.c.writer;
  }

  private async enter(): Promise<void> {
    while (this.paused) await this.paused;
    this.active++;
  }

  private leave(): void {
    if (--this.active === 0) this.idle?.();
  }

  private async run(conn: () => DuckDBConnection, sql: string, params?: Params): Promise<Row[]> {
    await this.enter();
    try {
      return await readAll(conn(), sql, params);
    } finally {
      this.leave();
    }
  }

  /** Runs on the writer connection. */
  exec(sql: string, params?: Params): Promise<Row[]> {
    return this.run(() => this.c.writer, sql, params);
  }

  /** Runs on the configuration connection. */
  config(sql: string, params?: Params): Promise<Row[]> {
    return this.run(() => this.c.config, sql, params);
  }

  /** Runs on a pooled reader connection. */
  async query(sql: string, params?: Params): Promise<Row[]> {
    await this.enter();
    try {
      const c =
        this.free.pop() ?? (await new Promise<DuckDBConnection>((r) => this.waiting.push(r)));
      try {
        return await readAll(c, sql, params);
      } finally {
        const next = this.waiting.shift();
        if (next) next(c);
        else this.free.push(c);
      }
    } finally {
      this.leave();
    }
  }

  /**
   * Closes every connection and the file, runs `fn` (which may replace the file: compaction),
   * and opens them again. Statements already running finish first; new ones wait and then run
   * on the new connections. The caller holds the write buffer's turn, so no appender or
   * transaction of the writer spans it.
   */
  async reopen(fn: () => Promise<void>): Promise<void> {
    let release: () => void = () => {};
    while (this.paused) await this.paused;
    this.paused = new Promise<void>((r) => {
      release = r;
    });
    try {
      if (this.active > 0) await new Promise<void>((r) => (this.idle = r));
      this.idle = null;
      this.closeAll();
      try {
        await fn();
      } finally {
        this.c = await connect(this.path, this.dir, this.c.readers.length);
        this.free = [...this.c.readers];
      }
    } finally {
      this.paused = null;
      release();
    }
  }

  private closeAll(): void {
    for (const c of this.c.readers) c.closeSync();
    this.c.config.closeSync();
    this.c.writer.closeSync();
    this.c.instance.closeSync();
  }

  close(): void {
    this.closeAll();
  }
}
