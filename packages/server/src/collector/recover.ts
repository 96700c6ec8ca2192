/**
 * Start-up recovery from the log, so a restart (even after `kill -9`) loses no acknowledged
 * batch and live sessions carry on:
 *
 * 1. Scan the newest records (about as many as the idempotency index keeps, within its time
 *    window, so the start does not grow with the log): every batch id goes back into the index; the
 *    last checkpoint tells which batches the store already holds; the sessions seen in the
 *    replay window are noted.
 * 2. Replay, in log order, every batch of the sessions that are still live (a batch within the
 *    engine's session timeout) or that have batches after the last checkpoint. Batches up to
 *    the checkpoint rebuild the engine's session state only (the store has their rows);
 *    batches after it are applied as normal, so their rows reach the store too. Sessions
 *    ended by a graceful shutdown (an `ended` checkpoint, or — when that checkpoint was lost —
 *    a stored session row that ended after the session's last logged batch: stored-ends.ts)
 *    are not revived, nor are erased visitors' batches (tombstones) ever applied.
 *
 * Damaged or truncated records are skipped by the reader; they never stop the start. A batch id
 * met twice is applied once. Rows the store already holds are written again only as replacements
 * (the store's writes are idempotent by key), so a stale checkpoint never stores a row twice.
 */
import type { EngineHost } from "../engine-host.ts";
import { applyRecord } from "./apply.ts";
import { type IdempotencyIndex, NO_CHANGE } from "./idempotency.ts";
import type { CollectorLog } from "./log.ts";
import { readRecent } from "./log-files.ts";
import type { ScanStats } from "./log-format.ts";
import { batchKey, sessionKey } from "./records.ts";

export interface RecoveryOptions {
  now: number;
  idempotencyWindowMs: number;
  /** Batch ids the index keeps: the scan reads about this many of the newest records. */
  idempotencyMaxKeys: number;
  replayWindowMs: number;
  sessionTimeoutMs: number;
  /** Batches never to apply again: erased visitors' (tombstones.ts). */
  erased?: (site: string, visitor: string) => boolean;
  /**
   * The store's latest end of each recently ended session, by `sessionKey` (stored-ends.ts): a
   * session ended after its last logged batch is not revived, as after an `ended` checkpoint.
   */
  storedEnds?: ReadonlyMap<string, number>;
}

export interface RecoveryStats {
  /** Valid records read in the idempotency window. */
  records: number;
  /** Bytes of damaged or torn records skipped. */
  skippedBytes: number;
  /** Batch ids put back into the idempotency index. */
  batchIds: number;
  sessions: number;
  /** Batches replayed into the engine only / applied with their store rows. */
  replayed: number;
  recorded: number;
  /** Sequence number of the last checkpoint found (0: none). */
  checkpoint: number;
  /** Highest sequence number seen. */
  lastSeq: number;
  ms: number;
}

interface Seen {
  first: number;
  last: number;
  lastAt: number;
}

export function recover(
  log: CollectorLog,
  host: EngineHost,
  index: IdempotencyIndex,
  o: RecoveryOptions,
): RecoveryStats {
  const t0 = performance.now();
  const scan: ScanStats = { records: 0, skippedBytes: 0, validEnd: 0 };
  const sessions = new Map<string, Seen>();
  let checkpoint = 0;
  let floor = 0;
  let lastSeq = 0;
  let batchIds = 0;
  const replayFrom = o.now - o.replayWindowMs;
  // The segments read to find where the scan starts are scanned and replayed from memory: each
  // is read (decompressed) once.
  const { start, buffers } = readRecent(
    log.dir,
    o.idempotencyMaxKeys,
    o.now - o.idempotencyWindowMs,
  );
  for (const { seq, record: r } of log.readAll({ fromSeq: start, buffers }, scan)) {
    lastSeq = Math.max(lastSeq, seq);
    if (r.k === "c") {
      checkpoint = Math.max(checkpoint, r.upTo);
      if (r.ended) {
        floor = Math.max(floor, r.upTo);
        for (const [k, s] of sessions) if (s.last <= floor) sessions.delete(k);
      }
      continue;
    }
    if (o.erased?.(r.site, r.visitor)) continue;
    index.add(batchKey(r.site, r.session, r.batch), NO_CHANGE, r.at, r.h);
    batchIds++;
    if (r.at < replayFrom || seq <= floor) continue;
    const k = sessionKey(r.site, r.session);
    const s = sessions.get(k);
    if (s) {
      s.last = seq;
      s.lastAt = Math.max(s.lastAt, r.at);
    } else sessions.set(k, { first: seq, last: seq, lastAt: r.at });
  }
  const liveFrom = o.now - o.sessionTimeoutMs;
  let from = Number.POSITIVE_INFINITY;
  for (const [k, s] of sessions) {
    const ended = o.storedEnds?.get(k);
    if (ended !== undefined && ended >= s.lastAt) sessions.delete(k);
    else if (s.lastAt >= liveFrom || s.last > checkpoint) from = Math.min(from, s.first);
    else sessions.delete(k);
  }
  let replayed = 0;
  let recorded = 0;
  if (sessions.size > 0) {
    // A batch id is applied once, even if the log holds it twice (e.g. a copy left by a failed
    // write that the log could not cut off, whose client then retried).
    const applied = new Set<string>();
    for (const { seq, record: r } of log.readAll({ fromSeq: from, buffers })) {
      if (r.k !== "b" || seq <= floor || !sessions.has(sessionKey(r.site, r.session))) continue;
      const key = batchKey(r.site, r.session, r.batch);
      if (applied.has(key)) continue;
      applied.add(key);
      const done = applyRecord(host, r, seq > checkpoint ? "record" : "replay");
      if (seq > checkpoint) recorded++;
      else replayed++;
      if (done && done.outcome !== NO_CHANGE) index.add(key, done.outcome, r.at);
    }
  }
  return {
    records: scan.records,
    skippedBytes: scan.skippedBytes,
    batchIds,
    sessions: sessions.size,
    replayed,
    recorded,
    checkpoint,
    lastSeq,
    ms: Math.round(performance.now() - t0),
  };
}
