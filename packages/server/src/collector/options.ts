/** The collector's limits and tunables: named defaults, overridable per plugin instance. */
import { getHeapStatistics } from "node:v8";
import type { LogOptions } from "./log.ts";

export interface RateLimit {
  /** Sustained requests per second. */
  perSecond: number;
  /** Requests allowed at once (bucket size). */
  burst: number;
}

export interface CollectorOptions {
  /** Largest request body (64 KB: docs/product/collector.md#limits); larger bodies get 413. */
  maxBodyBytes: number;
  /** Requests per second of one site (all its visitors together). */
  siteRate: RateLimit;
  /** Requests per second of one visitor of a site. */
  visitorRate: RateLimit;
  /** Most rate-limit buckets held; the oldest are dropped beyond it. */
  maxBuckets: number;
  /** Bytes waiting for the log's group commit beyond which requests get 503. */
  maxPendingLogBytes: number;
  /**
   * JS memory (V8 heap used + external buffers) beyond which requests get 503. Default
   * min(1 GiB, 0.6 × V8's heap limit): well before the heap limit, where GC thrashes and the
   * process dies.
   */
  maxMemoryBytes: number;
  /**
   * Resident set size beyond which requests get 503; 0 = off (the default: the embedded
   * DuckDB's own cache counts in RSS and is capped by the store, not here).
   */
  maxRssBytes: number;
  /**
   * Collect requests in flight at once (admitted, body being read, validated, waiting for the
   * log's fsync or the engine) beyond which new ones get 503 before their body is read.
   */
  maxInFlight: number;
  /** Store rows queued and unwritten beyond which requests get 503. */
  maxStorePendingRows: number;
  /** Retry-After (seconds) sent with 503. */
  overloadRetryAfterS: number;
  /** How long a batch id is remembered for deduplication, and how far back the start scans. */
  idempotencyWindowMs: number;
  /**
   * Most batch ids remembered (the oldest are forgotten first; ~45 bytes each, content hash included); the start-up
   * scan reads about this many of the newest log records.
   */
  idempotencyMaxKeys: number;
  /** Sessions with a batch this recent are replayed into the engine on start. */
  replayWindowMs: number;
  /**
   * Accepted event times: every event's `t` lies within [sentAt − maxEventAgeMs,
   * sentAt + maxEventAheadMs] (both by the browser's clock, so after clock correction within
   * [receive time − maxEventAgeMs, receive time + maxEventAheadMs]); otherwise the batch is
   * refused with 400 naming `/events/<i>/t`. Times ahead of the receive time are clamped to it.
   */
  maxEventAgeMs: number;
  maxEventAheadMs: number;
  /** How often applied batches are checkpointed (store flushed, checkpoint record logged). */
  checkpointEveryMs: number;
  /** Closed, checkpointed log segments older than this are deleted. */
  logRetentionMs: number;
  /** Site lookups are cached this long (unknown keys for a fifth of it). */
  siteCacheMs: number;
  /** The server ends all live sessions on graceful close (server.ts does): don't revive them. */
  sessionsEndOnClose: boolean;
  /** Log directory; default `<dataDir>/log`, or a temporary directory when dataDir is null. */
  logDir: string | null;
  log: Partial<LogOptions>;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const GIB = 1024 ** 3;

export const DEFAULT_COLLECTOR_OPTIONS: CollectorOptions = {
  maxBodyBytes: 64 * 1024,
  siteRate: { perSecond: 10_000, burst: 20_000 },
  // The tag sends commerce, frustration and exit events at once and the rest every ~3 s, with
  // a client limit of ~10 events/s (burst 100): a person stays far below this.
  visitorRate: { perSecond: 20, burst: 100 },
  maxBuckets: 200_000,
  maxPendingLogBytes: 32 << 20,
  maxMemoryBytes: Math.min(GIB, Math.floor(0.6 * getHeapStatistics().heap_size_limit)),
  maxRssBytes: 0,
  maxInFlight: 256,
  maxStorePendingRows: 1_000_000,
  overloadRetryAfterS: 2,
  idempotencyWindowMs: 24 * HOUR,
  idempotencyMaxKeys: 200_000,
  replayWindowMs: 4 * HOUR,
  maxEventAgeMs: 24 * HOUR,
  maxEventAheadMs: 5 * MINUTE,
  checkpointEveryMs: 1000,
  logRetentionMs: 7 * 24 * HOUR,
  siteCacheMs: 5000,
  sessionsEndOnClose: true,
  logDir: null,
  log: {},
};

export function resolveOptions(partial: Partial<CollectorOptions> = {}): CollectorOptions {
  return { ...DEFAULT_COLLECTOR_OPTIONS, ...partial };
}
