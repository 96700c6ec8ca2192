/** Segment files of the collector log: listing, reading (with damage skipped), directory sync. */
import { closeSync, fsyncSync, openSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { type ScanStats, scanRecords } from "./log-format.ts";
import { type LogEntry, parseRecord } from "./records.ts";

export interface Segment {
  path: string;
  firstSeq: number;
}

const SEGMENT_RE = /^(\d{16})\.log$/;

export const segmentName = (firstSeq: number) => `${String(firstSeq).padStart(16, "0")}.log`;

export function listSegments(dir: string): Segment[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const out: Segment[] = [];
  for (const name of names) {
    const m = SEGMENT_RE.exec(name);
    if (m) out.push({ path: join(dir, name), firstSeq: Number(m[1]) });
  }
  return out.sort((a, b) => a.firstSeq - b.firstSeq);
}

export interface ReadOptions {
  /** Only records with a sequence number ≥ this. */
  fromSeq?: number;
  /** Skip segments last written before this time (epoch ms); the newest is always read. */
  sinceMs?: number;
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
      if (next && opts.sinceMs !== undefined && statSync(seg.path).mtimeMs < opts.sinceMs) continue;
      buf = readFileSync(seg.path);
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

/**
 * Where a bounded start-up scan begins: the first sequence number of the newest segments that
 * together hold at least `records` records, leaving out segments last written before `sinceMs`.
 * Start-up cost then follows what recovery keeps (the idempotency index is bounded), not the
 * size of the whole log.
 */
export function recentStart(dir: string, records: number, sinceMs: number): number {
  const segments = listSegments(dir);
  let count = 0;
  for (let i = segments.length - 1; i >= 0; i--) {
    const seg = segments[i]!;
    try {
      if (i < segments.length - 1 && statSync(seg.path).mtimeMs < sinceMs)
        return segments[i + 1]!.firstSeq;
      for (const _ of scanRecords(readFileSync(seg.path))) count++;
    } catch {
      continue;
    }
    if (count >= records) return seg.firstSeq;
  }
  return 0;
}
