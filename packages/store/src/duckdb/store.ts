/**
 * The embedded store: DuckDB in a data folder (`<dir>/intently.duckdb`), buffered appender
 * writes, versioned migrations, retention and erasure. `DuckDbStore.open(null)` is in memory.
 */
import { join } from "node:path";
import { type ConfigStore, retentionCutoff } from "../config.ts";
import { isoDay } from "../local-days.ts";
import { ORDER_WINDOW_MS, type OrderEventRow, OrderLedger } from "../orders.ts";
import type { ReportQueries } from "../queries.ts";
import type { EventRow, IntervalRow, PageViewRow, SessionRow } from "../rows.ts";
import type {
  BackfillRequest,
  DeletedCounts,
  SessionTally,
  Store,
  StoreFiles,
  StoreStats,
  StoreWrite,
  VisitorErasure,
} from "../store.ts";
import { backfillSegment } from "./backfill.ts";
import { type BufferOptions, DEFAULT_BUFFER, WriteBuffer } from "./buffer.ts";
import { checkColumns, type TableName } from "./columns.ts";
import { compactAggregates } from "./compact.ts";
import { DuckDbConfig } from "./config-store.ts";
import { DB_FILE, Db } from "./db.ts";
import { DuckDbActivity, DuckDbExports } from "./exports.ts";
import {
  compactFileIfRequested,
  compactionRequested,
  requestFileCompaction,
} from "./file-compaction.ts";
import { type FoundValue, findValue } from "./find-value.ts";
import { DuckDbLoginSessions } from "./login-sessions.ts";
import { LATEST_VERSION, migrate, schemaVersion } from "./migrations.ts";
import { DuckDbOutbox } from "./outbox.ts";
import { DuckDbQueries } from "./queries.ts";
import { readBack, rebuildRollups } from "./readback.ts";
import { rezoneSite } from "./rezone.ts";
import { appendRollups } from "./rollup-tables.ts";
import { Rollups } from "./rollups.ts";
import { inTransaction, writeBatch } from "./writer.ts";

export interface DuckDbStoreOptions {
  buffer?: Partial<BufferOptions>;
  /** Reader connections for concurrent reports. */
  readers?: number;
  /** Migrate only up to this version (tests build old databases with it); writes need latest. */
  schemaVersion?: number;
  /** Flushes between automatic compactions of the aggregate tables (default 1000; 0 = never). */
  compactEveryFlushes?: number;
}

export class DuckDbStore implements Store, StoreFiles {
  readonly backend = "duckdb";
  readonly config: ConfigStore;
  readonly queries: ReportQueries;
  readonly outbox: DuckDbOutbox;
  readonly loginSessions: DuckDbLoginSessions;
  readonly exports: DuckDbExports;
  readonly activity: DuckDbActivity;
  /** The data folder's file (`snapshot`), or null in memory. */
  readonly files: StoreFiles | null;
  /** Orders once per site (../orders.ts); its rows go through the write buffer. */
  readonly orders: OrderLedger;
  private readonly buffer: WriteBuffer<TableName>;
  private closed: Promise<void> | null = null;
  private flushes = 0;

  private constructor(
    readonly db: Db,
    opts: DuckDbStoreOptions,
    private readonly dir: string | null = null,
  ) {
    this.config = new DuckDbConfig(db);
    this.queries = new DuckDbQueries(db);
    this.outbox = new DuckDbOutbox(db);
    this.loginSessions = new DuckDbLoginSessions(db);
    this.exports = new DuckDbExports(db, () => this.flush());
    this.activity = new DuckDbActivity(db);
    this.files = dir === null ? null : this;
    const compactEvery = opts.compactEveryFlushes ?? 1000;
    this.buffer = new WriteBuffer<TableName>(
      async (batch) => {
        await writeBatch(db, batch);
        // Continuous feeding leaves many small aggregate rows per key: fold them now and then.
        if (compactEvery > 0 && ++this.flushes % compactEvery === 0)
          await inTransaction(db, () => compactAggregates(db));
      },
      { ...DEFAULT_BUFFER, ...opts.buffer },
    );
    // Site money comes from the engine host (orders.useMoney), which reads the site settings.
    this.orders = new OrderLedger((rows) => this.buffer.push("order_events", rows));
    // A site's new time zone re-buckets its rollups, between flushes.
    db.zones.onChange = (site, from, to) =>
      this.buffer.serial(() => inTransaction(db, () => rezoneSite(db, site, from, to)));
  }

  /** The local day of `t` in the site's time zone (the recorder's page-view rollups). */
  localDay(site: string, t: number): number {
    return this.db.zones.dayOf(site, t);
  }

  /** Opens (creating and migrating as needed) the store of a data folder; null = in memory. */
  static async open(dir: string | null, opts: DuckDbStoreOptions = {}): Promise<DuckDbStore> {
    if (dir !== null) await compactFileIfRequested(dir);
    const db = await Db.open(dir, opts.readers);
    const target = opts.schemaVersion ?? LATEST_VERSION;
    try {
      await migrate(db, target);
      if (target === LATEST_VERSION) await checkColumns(db);
    } catch (e) {
      db.close();
      throw e;
    }
    const store = new DuckDbStore(db, opts, dir);
    if (target === LATEST_VERSION) store.orders.load(await loadOrders(db));
    return store;
  }

  async sessionEndsSince(since: number): Promise<[string, string, number][]> {
    const rows = await this.db.query(
      `SELECT site, session, max(ended_at) AS ended FROM sessions
       WHERE ended_at >= $since GROUP BY site, session`,
      { since: Math.floor(since) },
    );
    return rows.map((r) => [String(r.site), String(r.session), Number(r.ended)]);
  }

  async sessionTallies(site: string): Promise<SessionTally[]> {
    await this.flush();
    const rows = await this.db.query(
      `WITH e AS (
         SELECT session, count(*)::BIGINT AS n,
           count(DISTINCT (t, type, page_url, items, value, data))::BIGINT AS d
         FROM events WHERE site = $site GROUP BY session),
       s AS (SELECT session, count(*)::BIGINT AS n FROM sessions WHERE site = $site GROUP BY session)
       SELECT coalesce(e.session, s.session) AS session, coalesce(e.n, 0) AS events,
         coalesce(e.d, 0) AS d, coalesce(s.n, 0) AS rows
       FROM e FULL OUTER JOIN s ON e.session = s.session ORDER BY 1`,
      { site },
    );
    return rows.map((r) => ({
      session: String(r.session),
      events: Number(r.events),
      distinctEvents: Number(r.d),
      sessionRows: Number(r.rows),
    }));
  }

  async identitiesOf(site: string, visitor: string): Promise<string[]> {
    await this.flush();
    const rows = await this.db.query(
      `SELECT DISTINCT identified_hash AS h FROM sessions
       WHERE site = $site AND visitor = $visitor AND identified_hash IS NOT NULL ORDER BY h`,
      { site, visitor },
    );
    return rows.map((r) => String(r.h));
  }

  async visitorsByIdentity(site: string, identifiedHashes: readonly string[]): Promise<string[]> {
    if (identifiedHashes.length === 0) return [];
    await this.flush();
    const params: Record<string, string> = { site };
    const list = identifiedHashes.map((h, i) => {
      params[`h${i}`] = h;
      return `$h${i}`;
    });
    const rows = await this.db.query(
      `SELECT DISTINCT visitor FROM sessions
       WHERE site = $site AND identified_hash IN (${list.join(", ")}) ORDER BY visitor`,
      params,
    );
    return rows.map((r) => String(r.visitor));
  }

  /** Every table column still holding `value` (text search; `intently privacy verify`). */
  async findValue(value: string): Promise<FoundValue[]> {
    await this.flush();
    return findValue(this.db, value);
  }

  /**
   * The file is compacted by `compactIfRequested` (the server runs it within the hour) or at
   * the next open (file-compaction.ts); nothing to do in memory.
   */
  requestCompaction(): void {
    if (this.dir !== null) requestFileCompaction(this.dir);
  }

  /**
   * Compacts the file now if an erasure or retention asked for it: between flushes, with every
   * connection closed and reopened around the copy (reports wait meanwhile). Returns whether
   * it did.
   */
  async compactIfRequested(): Promise<boolean> {
    const dir = this.dir;
    if (dir === null || !compactionRequested(dir)) return false;
    let done = false;
    await this.buffer.serial(() =>
      this.db.reopen(async () => {
        done = await compactFileIfRequested(dir);
      }),
    );
    return done;
  }

  /**
   * A backup's consistent moment: flushes, then — holding the write buffer's turn, with every
   * connection closed (reports wait) — runs `fn` with the database file's path, so `fn` may copy
   * a file no flush is writing. No flush (hence no collector checkpoint) completes meanwhile.
   */
  async snapshot(fn: (dbFile: string) => Promise<void>): Promise<void> {
    const dir = this.dir;
    if (dir === null) throw new Error("an in-memory store has no file to back up");
    await this.flush();
    await this.buffer.serial(() => this.db.reopen(() => fn(join(dir, DB_FILE))));
  }

  writeEvents(rows: readonly EventRow[]): void {
    this.buffer.push("events", rows);
  }
  writeSessions(rows: readonly SessionRow[]): void {
    this.buffer.push("sessions", rows);
  }
  writeIntervals(rows: readonly IntervalRow[]): void {
    this.buffer.push("intervals", rows);
  }
  writePageViews(rows: readonly PageViewRow[]): void {
    this.buffer.push("page_views", rows);
  }

  pendingRows(): number {
    return this.buffer.pending;
  }

  onWrite(fn: (w: StoreWrite) => void): () => void {
    return this.buffer.onWrite(fn);
  }

  flush(): Promise<void> {
    return this.buffer.flush();
  }

  close(): Promise<void> {
    this.closed ??= this.buffer.flush().finally(() => this.db.close());
    return this.closed;
  }

  async stats(): Promise<StoreStats> {
    const [r] = await this.db.query(`SELECT
      (SELECT count(*) FROM events) AS events, (SELECT count(*) FROM sessions) AS sessions,
      (SELECT count(*) FROM intervals) AS intervals, (SELECT count(*) FROM page_views) AS pv`);
    return {
      schemaVersion: await schemaVersion(this.db),
      events: Number(r?.events ?? 0),
      sessions: Number(r?.sessions ?? 0),
      intervals: Number(r?.intervals ?? 0),
      pageViews: Number(r?.pv ?? 0),
      pending: this.buffer.pending,
    };
  }

  async deleteBefore(site: string, cutoff: number): Promise<DeletedCounts> {
    await this.flush();
    // Session summaries waiting in (or dead in) the outbox are the site's data too.
    const outbox = await this.outbox.deleteOlder(site, cutoff);
    // Page rollups are by session start (local) day: only whole days before the cutoff go.
    const rows = await this.deleteData(
      {
        events: "site = $site AND t < $cutoff",
        sessions: "site = $site AND started_at < $cutoff",
        intervals: "site = $site AND session_start < $cutoff",
        pageViews: "site = $site AND day < $day",
      },
      { site, cutoff, day: this.db.zones.dayOf(site, cutoff) },
    );
    return { ...rows, outbox };
  }

  async applyRetention(now: number): Promise<Record<string, DeletedCounts>> {
    const out: Record<string, DeletedCounts> = {};
    for (const site of await this.config.listSites()) {
      const cutoff = retentionCutoff(site, now);
      if (cutoff !== null) out[site.id] = await this.deleteBefore(site.id, cutoff);
    }
    return out;
  }

  async eraseVisitor(site: string, visitor: string): Promise<VisitorErasure> {
    await this.flush();
    const where = "site = $site AND visitor = $visitor";
    const ends = await this.db.query(`SELECT DISTINCT ended_at FROM sessions WHERE ${where}`, {
      site,
      visitor,
    });
    // The site's local days, as the export files are named (exports.ts).
    const zone = this.db.zones.days(site);
    const days = [...new Set(ends.map((r) => isoDay(zone.dayOf(Number(r.ended_at)))))].sort();
    // Their session summaries not yet sent (or dead, or kept after delivery) go too.
    const outbox = await this.outbox.deleteVisitor(site, visitor);
    const rows = await this.deleteData(
      { events: where, sessions: where, intervals: where, pageViews: null },
      { site, visitor },
    );
    this.orders.forgetVisitor(site, visitor);
    return { ...rows, outbox, endedDays: days };
  }

  async backfillSegment(q: BackfillRequest): Promise<number> {
    await this.flush();
    // After every queued write, in one transaction: a failed back-fill leaves nothing half done.
    return this.buffer.serial(() => inTransaction(this.db, () => backfillSegment(this.db, q)));
  }

  /** Folds the aggregate tables to one row per key (also done every `compactEveryFlushes`). */
  compact(): Promise<void> {
    return this.buffer.serial(() => inTransaction(this.db, () => compactAggregates(this.db)));
  }

  /** Recomputes the rollups from the raw tables (repair; migrations use it to backfill). */
  rebuildRollups(pageSize?: number): Promise<void> {
    return this.buffer.serial(() =>
      inTransaction(this.db, () => rebuildRollups(this.db, pageSize)),
    );
  }

  /**
   * Deletes matching rows in one transaction, after queued writes, first subtracting what the
   * deleted sessions and intervals contributed to the rollups.
   */
  private deleteData(
    where: { events: string; sessions: string; intervals: string; pageViews: string | null },
    params: Record<string, string | number>,
  ): Promise<Omit<DeletedCounts, "outbox">> {
    return this.buffer.serial(() =>
      inTransaction(this.db, async () => {
        const gone = await readBack(this.db, where, params);
        const r = new Rollups(this.db.zones);
        r.addSessions(gone.sessions, -1);
        r.addIntervals(gone.intervals, -1);
        await appendRollups(this.db, r);
        const del = async (table: string, pred: string | null) =>
          pred === null
            ? 0
            : Number(
                (await this.db.exec(`DELETE FROM ${table} WHERE ${pred}`, params))[0]?.Count ?? 0,
              );
        // Order rows have the events' columns (site, visitor, t): they go with the events.
        await del("order_events", where.events);
        return {
          events: await del("events", where.events),
          sessions: await del("sessions", where.sessions),
          intervals: await del("intervals", where.intervals),
          pageViews: await del("page_views", where.pageViews),
        };
      }),
    );
  }
}

/** The stored orders of the last ORDER_WINDOW_MS (by order time) and their refunds, oldest first. */
async function loadOrders(db: Db): Promise<OrderEventRow[]> {
  const rows = await db.exec(
    `SELECT site, transaction_id, kind, key, session, visitor, t, value, currency, amount
     FROM order_events
     WHERE kind <> 'duplicate' AND t >= (SELECT coalesce(max(t), 0) FROM order_events) - $window
     ORDER BY t, kind`,
    { window: ORDER_WINDOW_MS },
  );
  return rows.map((r) => ({
    site: String(r.site),
    transactionId: String(r.transaction_id),
    kind: String(r.kind) as OrderEventRow["kind"],
    key: r.key === null ? null : String(r.key),
    session: String(r.session),
    visitor: String(r.visitor),
    t: Number(r.t),
    value: Number(r.value),
    currency: r.currency === null ? null : String(r.currency),
    amount: r.amount === null ? null : Number(r.amount),
  }));
}
