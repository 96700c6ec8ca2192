/**
 * The Store: what the collector, the recorder, reports and the API need from storage. The
 * embedded DuckDB store implements it; a ClickHouse (+ PostgreSQL for configuration) backend can
 * implement it later without callers changing.
 *
 * Writes are buffered: `write*` only queues rows (O(1), no I/O); the store flushes them in
 * batches every `maxRows` rows or `maxDelayMs`, and on `flush()` / `close()`. Reads see rows
 * once flushed.
 */
import type { ConfigStore } from "./config.ts";
import type { SessionExports, SiteActivity } from "./exports.ts";
import type { LoginSessions } from "./login-sessions.ts";
import type { Outbox } from "./outbox.ts";
import type { Period, ReportQueries } from "./queries.ts";
import type { OrderSink, RowSink } from "./rows.ts";
import type { FieldRead, SessionGroup } from "./session-groups.ts";

export interface DeletedCounts {
  events: number;
  sessions: number;
  intervals: number;
  pageViews: number;
  /** Integration outbox messages (session summaries), whatever their status. */
  outbox: number;
}

/** What a visitor's erasure removed, and the site's local days (YYYY-MM-DD) its sessions ended on. */
export interface VisitorErasure extends DeletedCounts {
  /** Export files are per session-end local day (exports.ts): these are the files that held the
   * visitor. */
  endedDays: string[];
}

export interface StoreStats {
  schemaVersion: number;
  events: number;
  sessions: number;
  intervals: number;
  pageViews: number;
  /** Rows queued and not yet written. */
  pending: number;
}

/** One batch of rows written (or failed and queued again): how long it took, how many rows. */
export interface StoreWrite {
  seconds: number;
  rows: number;
  ok: boolean;
}

export interface Store extends RowSink {
  readonly backend: string;
  readonly config: ConfigStore;
  readonly queries: ReportQueries;
  /** Durable outbox of post-session integrations. */
  readonly outbox: Outbox;
  /** Dashboard/API login sessions (by cookie hash), so a restart signs nobody out. */
  readonly loginSessions: LoginSessions;
  /** Orders once per site (orders.ts): every backend has the ledger (optional only on a RowSink). */
  readonly orders: OrderSink;
  /** Session-summary files (the API's download, the scheduled daily exports): exports.ts. */
  readonly exports: SessionExports;
  /** When a site last sent data and first had a purchase (the tag status, install checklist). */
  readonly activity: SiteActivity;
  /**
   * The store's own files, for a consistent backup of the data folder; null when the backend
   * keeps no local file (in memory, or database servers backed up by their own tools).
   */
  readonly files: StoreFiles | null;

  /** Rows queued and not yet written: producers far ahead should await flush() (backpressure). */
  pendingRows(): number;
  /** Calls `fn` after every batch of rows written (or failed): the write latency metric. */
  onWrite(fn: (w: StoreWrite) => void): () => void;
  /** Writes every queued row; rejects with the first write error since the last flush. */
  flush(): Promise<void>;
  /** Flushes, then releases the store. Idempotent. */
  close(): Promise<void>;
  stats(): Promise<StoreStats>;

  /**
   * Deletes a site's data from sessions that started before `cutoff` (epoch ms), and its
   * integration outbox messages (dead letters included) created before it.
   */
  deleteBefore(site: string, cutoff: number): Promise<DeletedCounts>;
  /**
   * Applies every site's retention setting at time `now`: deletes data of sessions that started
   * more than `retentionDays` before. Sites without configuration keep their data.
   */
  applyRetention(now: number): Promise<Record<string, DeletedCounts>>;
  /**
   * Erases one visitor's events, sessions and intervals (docs/privacy.md#erasure), and takes them
   * out of the aggregates reports read; their session summaries in the integration outbox go too
   * (pending, delivered or dead). Page-view rollups hold no visitor identifiers and are kept.
   * Flushes first so queued rows are erased too; the caller ends the visitor's live sessions in the
   * engine (and the recorder) before calling.
   */
  eraseVisitor(site: string, visitor: string): Promise<VisitorErasure>;
  /**
   * Asks for the store's files to be rewritten so that deleted values leave their free blocks
   * (after an erasure); the embedded store does it at its next open.
   */
  requestCompaction(): void;
  /** Runs a compaction asked for, now (the server's privacy job); whether it did. */
  compactIfRequested(): Promise<boolean>;
  /**
   * The latest stored end (ms) of each session that ended at or after `since`, as
   * [site, session, end] (the collector's recovery leaves those sessions ended: a lost `ended`
   * checkpoint must not end them twice).
   */
  sessionEndsSince(since: number): Promise<[site: string, session: string, ended: number][]>;
  /**
   * Per stored session of a site: its events, its distinct events (same time, type, page, items,
   * value and data counted once) and its session rows; what a load's verdict compares with the
   * events it had acknowledged (lost, doubled). Flushes first.
   */
  sessionTallies(site: string): Promise<SessionTally[]>;
  /** The identified hashes (`sessions.identified_hash`) of a visitor's stored sessions. */
  identitiesOf(site: string, visitor: string): Promise<string[]>;
  /** The visitors whose stored sessions carry any of these identified hashes. */
  visitorsByIdentity(site: string, identifiedHashes: readonly string[]): Promise<string[]>;
  /**
   * Marks the stored sessions of a period whose group `matches` as members of a newly saved
   * custom segment, and adds them to its rollups (duckdb/backfill.ts); flushes first. Answers
   * how many sessions were added.
   */
  backfillSegment(q: BackfillRequest): Promise<number>;
}

/** One stored session's rows (Store.sessionTallies); a session with events only has sessionRows 0. */
export interface SessionTally {
  session: string;
  events: number;
  distinctEvents: number;
  sessionRows: number;
}

/** A backend whose data is a local file. */
export interface StoreFiles {
  /**
   * A backup's consistent moment: flushes, then runs `fn` with the database file's path while no
   * write (hence no collector checkpoint) completes, so `fn` may copy the file.
   */
  snapshot(fn: (dbFile: string) => Promise<void>): Promise<void>;
}

/** A back-fill of a newly saved custom segment over a period's stored sessions. */
export interface BackfillRequest {
  segment: string;
  period: Period;
  reads: readonly FieldRead[];
  framework: boolean;
  /** Whether the sessions of a group are members (each group here is one session). */
  matches: (group: SessionGroup) => boolean;
}
