/**
 * Segment files of the collector log: listing, reading (with damage skipped), directory sync.
 * A sealed segment may be compressed (`.log.br`, log-compress.ts): every reader goes through
 * `readSegment`, which decompresses it, so no reader sees the difference.
 */
import { closeSync, fsyncSync, openSync, readdirSync, readFileSync, statSync } from "node:fs";
import { open as openAsync } from "node:fs/promises";
import { join } from "node:path";
import { CODEC_SUFFIX, type Codec, codecOf, decompressSync } from "./log-codec.ts";
import { type ScanStats, scanRecords } from "./log-format.ts";
import { type LogEntry, parseRecord } from "./records.ts";

export interface Segment {
  path: string;
  firstSeq: number;
  /** How the file is compressed (null: plain, as appended). */
  codec: Codec | null;
}

const SEGMENT_RE = /^(\d{16})\.log(\.gz|\.br)?$/;

export const segmentName = (firstSeq: number) => `${String(firstSeq).padStart(16, "0")}.log`;

/**
 * The log's segments in sequence order, one per first sequence number: when a crash left a
 * plain segment beside its compressed twin (compressed and renamed, the plain one not yet
 * unlinked: both are whole), the compressed one is listed — the log's start removes the other.
 */
export function listSegments(dir: string): Segment[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const bySeq = new Map<number, Segment>();
  for (const name of names) {
    const m = SEGMENT_RE.exec(name);
    if (!m) continue;
    const seg: Segment = { path: join(dir, name), firstSeq: Number(m[1]), codec: codecOf(name) };
    const other = bySeq.get(seg.firstSeq);
    if (!other || (other.codec === null && seg.codec !== null)) bySeq.set(seg.firstSeq, seg);
  }
  return [...bySeq.values()].sort((a, b) => a.firstSeq - b.firstSeq);
}

/**
 * Where a listed segment is now: a plain segment compressed since it was listed has moved to
 * its compressed name (the compressor renames, then unlinks the plain file).
 */
export function currentFile(seg: Segment): Segment {
  if (seg.codec !== null) return seg;
  try {
    statSync(seg.path);
    return seg;
  } catch {
    for (const codec of Object.keys(CODEC_SUFFIX) as Codec[]) {
      const path = seg.path + CODEC_SUFFIX[codec];
      try {
        statSync(path);
        return { ...seg, path, codec };
      } catch {
        // not this one
      }
    }
    return seg;
  }
}

/** A segment's records as appended (decompressed when compressed). Throws when it is gone. */
export function readSegment(listed: Segment): Buffer {
  const seg = currentFile(listed);
  const buf = readFileSync(seg.path);
  return seg.codec === null ? buf : decompressSync(buf, seg.codec);
}

/** Last-modified time of a segment (compression and rewrites keep it), epoch ms. */
export function segmentMtime(seg: Segment): number {
  return statSync(currentFile(seg).path).mtimeMs;
}

export interface ReadOptions {
  /** Only records with a sequence number ≥ this. */
  fromSeq?: number;
  /** Skip segments last written before this time (epoch ms); the newest is always read. */
  sinceMs?: number;
  /**
   * Segments already read (decompressed), by first sequence number: used instead of reading
   * the file again (recovery reads the newest segments once: `readRecent`).
   */
  buffers?: ReadonlyMap<number, Buffer>;
}

/** Every valid record in a log directory, in sequence order; damaged bytes are skipped. */
export function* readLog(
  dir: string,
  opts: ReadOptions = {},
  stats?: ScanStats,
): Generator<LogEntry> {
  const segments = listSegments(dir);
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i]!;
    const next = segments[i + 1];
    if (next && opts.fromSeq !== undefined && next.firstSeq <= opts.fromSeq) continue;
    let buf: Buffer;
    try {
      if (next && opts.sinceMs !== undefined && segmentMtime(seg) < opts.sinceMs) continue;
      buf = opts.buffers?.get(seg.firstSeq) ?? readSegment(seg);
    } catch {
      continue; // pruned meanwhile
    }
    for (const raw of scanRecords(buf, stats)) {
      if (opts.fromSeq !== undefined && raw.seq < opts.fromSeq) continue;
      const record = parseRecord(raw.payload);
      if (record) yield { seq: raw.seq, record };
    }
  }
}

/**
 * fsyncDir off the event loop (libuv's thread pool): a directory fsync waits for the file
 * system's journal, which on a busy disk (DuckDB checkpointing beside) took tens of ms to over
 * a second in the soak (issue 24), all of it a stall when done synchronously.
 */
export async function fsyncDirAsync(dir: string): Promise<void> {
  try {
    const fh = await openAsync(dir, "r");
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  } catch {
    // As fsyncDir.
  }
}

export function fsyncDir(dir: string): void {
  try {
    const fd = openSync(dir, "r");
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Not supported on every platform; the data itself is synced.
  }
}

/** The newest segments of a log, as `readRecent` found them. */
export interface RecentLog {
  /** The first sequence number of the bounded start-up scan (0: the whole log). */
  start: number;
  /** The segments read to find `start` (decompressed), by first sequence number. */
  buffers: Map<number, Buffer>;
}

/**
 * Where a bounded start-up scan begins: the first sequence number of the newest segments that
 * together hold at least `records` records, leaving out segments last written before `sinceMs`.
 * Start-up cost then follows what recovery keeps (the idempotency index is bounded), not the
 * size of the whole log. Counting the records means reading (decompressing) those segments, so
 * they are handed back: recovery passes them to `readLog` (`buffers`) and reads each segment
 * once. They are held together until recovery ends: about `records` records' worth of log.
 */
export function readRecent(dir: string, records: number, sinceMs: number): RecentLog {
  const segments = listSegments(dir);
  const buffers = new Map<number, Buffer>();
  let count = 0;
  for (let i = segments.length - 1; i >= 0; i--) {
    const seg = segments[i]!;
    try {
      if (i < segments.length - 1 && segmentMtime(seg) < sinceMs)
        return { start: segments[i + 1]!.firstSeq, buffers };
      const buf = readSegment(seg);
      for (const _ of scanRecords(buf)) count++;
      buffers.set(seg.firstSeq, buf);
    } catch {
      continue;
    }
    if (count >= records) return { start: seg.firstSeq, buffers };
  }
  return { start: 0, buffers };
}

/** `readRecent`'s start alone. */
export function recentStart(dir: string, records: number, sinceMs: number): number {
  return readRecent(dir, records, sinceMs).start;
}
