/**
 * The scale-out store (issue 14 item 4): events, sessions, intervals, page views and the order
 * ledger in ClickHouse (MergeTree tables, batch JSONEachRow inserts, schema.ts); configuration,
 * login sessions and the integrations' outbox in another database (PostgreSQL), given as
 * `side` ports. Writes go through the same buffer as the embedded store's (duckdb/buffer.ts:
 * queued, flushed every `maxRows` rows or `maxDelayMs`, a failed batch queued again) and are
 * idempotent by key, so a worker replaying a batch stores nothing twice. Reports are computed
 * by queries over the raw tables (queries.ts). Deletes are ClickHouse mutations, waited for
 * (mutations.ts).
 */
import { type ConfigStore, retentionCutoff } from "../config.ts";
import { type BufferOptions, DEFAULT_BUFFER, WriteBuffer } from "../duckdb/buffer.ts";
import { isoDay } from "../local-days.ts";
import type { LoginSessions } from "../login-sessions.ts";
import { ORDER_WINDOW_MS, type OrderEventRow, OrderLedger } from "../orders.ts";
import type { Outbox } from "../outbox.ts";
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
import { backfillRows } from "./backfill.ts";
import { Ch, type ClickHouseOptions, n } from "./client.ts";
import { ClickHouseActivity, ClickHouseExports } from "./exports.ts";
import { deleteWhere, MUTATION_TIMEOUT_MS } from "./mutations.ts";
import { periodSql } from "./period.ts";
import { ClickHouseQueries } from "./queries.ts";
import { createStatements, type TableName } from "./schema.ts";
import { SiteCache } from "./sites.ts";
import { int, str, strs } from "./sql.ts";
import { writeBatch } from "./writer.ts";

/** The schema's version (schema.ts); no migrations yet. */
export const CLICKHOUSE_SCHEMA_VERSION = 1;

/** The ports kept outside ClickHouse (PostgreSQL), and how to release them with the store. */
export interface SideStores {
  config: ConfigStore;
  outbox: Outbox;
  loginSessions: LoginSessions;
  close?(): Promise<void>;
}

export interface ClickHouseStoreOptions {
  clickhouse: ClickHouseOptions;
  side: SideStores;
  buffer?: Partial<BufferOptions>;
  /** How often the sites' time zones are re-read for the event path (default 30 s). */
  siteRefreshMs?: number;
  /** Longest wait for a delete's mutation (default 120 s). */
  mutationTimeoutMs?: number;
}

export class ClickHouseStore implements Store {
  readonly backend = "clickhouse";
  readonly config: ConfigStore;
  readonly outbox: Outbox;
  readonly loginSessions: LoginSessions;
  readonly queries: ClickHouseQueries;
  readonly exports: ClickHouseExports;
  readonly activity: ClickHouseActivity;
  /** Database servers are backed up by their own tools. */
  readonly files: StoreFiles | null = null;
  readonly orders: OrderLedger;
  private readonly buffer: WriteBuffer<TableName>;
  private closed: Promise<void> | null = null;

  private constructor(
    private readonly ch: Ch,
    private readonly side: SideStores,
    private readonly sites: SiteCache,
    private readonly opts: ClickHouseStoreOptions,
  ) {
    this.config = sites.watch(side.config);
    this.outbox = side.outbox;
    this.loginSessions = side.loginSessions;
    this.queries = new ClickHouseQueries(ch, sites);
    this.exports = new ClickHouseExports(ch, () => this.flush());
    this.activity = new ClickHouseActivity(ch);
    this.buffer = new WriteBuffer<TableName>((batch) => writeBatch(ch, batch), {
      ...DEFAULT_BUFFER,
      ...opts.buffer,
    });
    // Site money comes from the engine host (orders.useMoney), which reads the site settings.
    this.orders = new OrderLedger((rows) => this.buffer.push("order_events", rows));
  }

  /** Connects, creates the database and tables when missing, and loads the recent orders. */
  static async open(o: ClickHouseStoreOptions): Promise<ClickHouseStore> {
    const ch = await Ch.open(o.clickhouse);
    const sites = new SiteCache(o.side.config);
    try {
      for (const sql of createStatements()) await ch.command(sql);
      await sites.start(o.siteRefreshMs ?? 30_000);
      const store = new ClickHouseStore(ch, o.side, sites, o);
      store.orders.load(await loadOrders(ch));
      return store;
    } catch (e) {
      sites.stop();
      await ch.close();
      throw e;
    }
  }

  /** The local day of `t` in the site's time zone (the recorder's page-view rollups). */
  localDay(site: string, t: number): number {
    return this.sites.daysNow(site).dayOf(t);
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
    this.closed ??= this.buffer.flush().finally(async () => {
      this.sites.stop();
      await this.ch.close();
      await this.side.close?.();
    });
    return this.closed;
  }

  async stats(): Promise<StoreStats> {
    const count = async (table: string, final = " FINAL") =>
      n((await this.ch.row(`SELECT count() AS c FROM ${table}${final}`)).c);
    const [events, sessions, intervals, pageViews] = await Promise.all([
      count("events"),
      count("sessions"),
      count("intervals"),
      count("page_views", ""),
    ]);
    return {
      schemaVersion: CLICKHOUSE_SCHEMA_VERSION,
      events,
      sessions,
      intervals,
      pageViews,
      pending: this.buffer.pending,
    };
  }

  async sessionEndsSince(since: number): Promise<[string, string, number][]> {
    const rows = await this.ch.rows(
      `SELECT site, session, max(ended_at) AS ended FROM sessions FINAL
       WHERE ended_at >= ${int(Math.floor(since))} GROUP BY site, session`,
    );
    return rows.map((r) => [String(r.site), String(r.session), n(r.ended)]);
  }

  async sessionTallies(site: string): Promise<SessionTally[]> {
    await this.flush();
    const s = str(site);
    const [events, sessions] = await Promise.all([
      this.ch.rows(
        `SELECT session, count() AS n, uniqExact(ek) AS d FROM events FINAL
         WHERE site = ${s} GROUP BY session`,
      ),
      this.ch.rows(
        `SELECT session, count() AS n FROM sessions FINAL WHERE site = ${s} GROUP BY session`,
      ),
    ]);
    const out = new Map<string, SessionTally>();
    const of = (session: string) => {
      let t = out.get(session);
      if (!t) {
        t = { session, events: 0, distinctEvents: 0, sessionRows: 0 };
        out.set(session, t);
      }
      return t;
    };
    for (const r of events) {
      const t = of(String(r.session));
      t.events = n(r.n);
      t.distinctEvents = n(r.d);
    }
    for (const r of sessions) of(String(r.session)).sessionRows = n(r.n);
    return [...out.values()].sort((a, b) =>
      a.session < b.session ? -1 : a.session > b.session ? 1 : 0,
    );
  }

  async identitiesOf(site: string, visitor: string): Promise<string[]> {
    await this.flush();
    const rows = await this.ch.rows(
      `SELECT DISTINCT assumeNotNull(identified_hash) AS h FROM sessions FINAL
       WHERE site = ${str(site)} AND visitor = ${str(visitor)} AND isNotNull(identified_hash)
       ORDER BY h`,
    );
    return rows.map((r) => String(r.h));
  }

  async visitorsByIdentity(site: string, identifiedHashes: readonly string[]): Promise<string[]> {
    if (identifiedHashes.length === 0) return [];
    await this.flush();
    const rows = await this.ch.rows(
      `SELECT DISTINCT visitor FROM sessions FINAL
       WHERE site = ${str(site)} AND has(${strs(identifiedHashes)}, assumeNotNull(identified_hash))
         AND isNotNull(identified_hash)
       ORDER BY visitor`,
    );
    return rows.map((r) => String(r.visitor));
  }

  /** ClickHouse rewrites parts itself: a mutation's new parts no longer hold deleted values. */
  requestCompaction(): void {}

  async compactIfRequested(): Promise<boolean> {
    return false;
  }

  async deleteBefore(site: string, cutoff: number): Promise<DeletedCounts> {
    await this.flush();
    // Session summaries waiting in (or dead in) the outbox are the site's data too.
    const outbox = await this.outbox.deleteOlder(site, cutoff);
    const s = `site = ${str(site)}`;
    const c = int(cutoff);
    // Page rollups are by session start (local) day: only whole days before the cutoff go.
    const day = (await this.sites.days(site)).dayOf(cutoff);
    const rows = await this.deleteData({
      events: `${s} AND t < ${c}`,
      sessions: `${s} AND started_at < ${c}`,
      intervals: `${s} AND session_start < ${c}`,
      pageViews: `${s} AND day < ${int(day)}`,
    });
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
    const where = `site = ${str(site)} AND visitor = ${str(visitor)}`;
    const ends = await this.ch.rows(`SELECT DISTINCT ended_at FROM sessions FINAL WHERE ${where}`);
    // The site's local days, as the export files are named (exports.ts).
    const zone = await this.sites.days(site);
    const days = [...new Set(ends.map((r) => isoDay(zone.dayOf(n(r.ended_at)))))].sort();
    // Their session summaries not yet sent (or dead, or kept after delivery) go too.
    const outbox = await this.outbox.deleteVisitor(site, visitor);
    const rows = await this.deleteData({
      events: where,
      sessions: where,
      intervals: where,
      pageViews: null,
    });
    this.orders.forgetVisitor(site, visitor);
    return { ...rows, outbox, endedDays: days };
  }

  async backfillSegment(q: BackfillRequest): Promise<number> {
    await this.flush();
    const rows = await backfillRows(
      this.ch,
      periodSql(q.period, await this.sites.days(q.period.site)),
      q,
    );
    if (rows.length === 0) return 0;
    this.writeSessions(rows);
    await this.flush();
    return rows.length;
  }

  /** Deletes matching rows after queued writes, table by table, each mutation waited for. */
  private deleteData(where: {
    events: string;
    sessions: string;
    intervals: string;
    pageViews: string | null;
  }): Promise<Omit<DeletedCounts, "outbox">> {
    const timeout = this.opts.mutationTimeoutMs ?? MUTATION_TIMEOUT_MS;
    const del = (table: TableName, pred: string | null) =>
      pred === null ? Promise.resolve(0) : deleteWhere(this.ch, table, pred, timeout);
    return this.buffer.serial(async () => {
      // Order rows have the events' columns (site, visitor, t): they go with the events.
      await del("order_events", where.events);
      return {
        events: await del("events", where.events),
        sessions: await del("sessions", where.sessions),
        intervals: await del("intervals", where.intervals),
        pageViews: await del("page_views", where.pageViews),
      };
    });
  }
}

/** The stored orders of the last ORDER_WINDOW_MS (by order time) and their refunds, oldest first. */
async function loadOrders(ch: Ch): Promise<OrderEventRow[]> {
  const last = n((await ch.row("SELECT max(t) AS m FROM order_events")).m);
  const rows = await ch.rows(
    `SELECT site, transaction_id, kind, refund_key, session, visitor, t, value, currency, amount
     FROM order_events FINAL
     WHERE kind != 'duplicate' AND t >= ${int(last - ORDER_WINDOW_MS)}
     ORDER BY t, kind`,
  );
  return rows.map((r) => ({
    site: String(r.site),
    transactionId: String(r.transaction_id),
    kind: String(r.kind) as OrderEventRow["kind"],
    key: r.refund_key === "" || r.refund_key === null ? null : String(r.refund_key),
    session: String(r.session),
    visitor: String(r.visitor),
    t: n(r.t),
    value: n(r.value),
    currency: r.currency === null || r.currency === undefined ? null : String(r.currency),
    amount: r.amount === null || r.amount === undefined ? null : n(r.amount),
  }));
}
