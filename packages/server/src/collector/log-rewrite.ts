/**
 * Erasure in the collector log (issue 22): every closed segment that holds a batch to drop is
 * rewritten without it — the other records keep their bytes and sequence numbers, damaged bytes
 * are not carried over — to a temporary file that is synced, given the old file's times (so
 * time-based pruning is unchanged) and renamed over the segment. Only segments wholly below
 * `upToSeq` are touched: the caller seals the open segment first. A crash leaves either the old
 * or the new segment (and at most a `.tmp` file, which readers ignore and the next run removes).
 */
import {
  closeSync,
  fsyncSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  statSync,
  unlinkSync,
  utimesSync,
  writeSync,
} from "node:fs";
import { join } from "node:path";
import { PRIVATE_FILE_MODE } from "@intently/store";
import { fsyncDir, listSegments } from "./log-files.ts";
import { encodeRecord, HEADER_BYTES, MAX_RECORD_BYTES, scanRecords } from "./log-format.ts";
import { type BatchRecord, parseRecord } from "./records.ts";

export interface RewriteStats {
  /** Segments rewritten. */
  segments: number;
  /** Batch records dropped. */
  batches: number;
  /** The (site, visitor) pairs whose batches were dropped, as `site\u0000visitor`. */
  visitors: Set<string>;
}

const TMP = ".tmp";
/** A record is at most 1 MiB (log-format.ts): the head holds the first whole record. */
const HEAD_BYTES = MAX_RECORD_BYTES + HEADER_BYTES;

/** Receive time of a segment's first record (read from its head), or null when unreadable. */
function firstRecordAt(path: string): number | null {
  const head = Buffer.alloc(HEAD_BYTES);
  const fd = openSync(path, "r");
  let n: number;
  try {
    n = readSync(fd, head, 0, HEAD_BYTES, 0);
  } finally {
    closeSync(fd);
  }
  for (const raw of scanRecords(head.subarray(0, n))) {
    const r = parseRecord(raw.payload);
    if (r) return r.at;
  }
  return null;
}

/**
 * `olderThan`: only segments whose first record was received before it can hold a batch to
 * drop (retention drops old batches): the others are not read.
 */
export function rewriteSegments(
  dir: string,
  upToSeq: number,
  drop: (r: BatchRecord, seq: number) => boolean,
  olderThan?: number,
): RewriteStats {
  const out: RewriteStats = { segments: 0, batches: 0, visitors: new Set() };
  for (const name of readdirSync(dir)) if (name.endsWith(TMP)) unlinkSync(join(dir, name));
  const segments = listSegments(dir);
  for (const seg of segments) {
    // A segment opened after the seal starts past upToSeq: never touched.
    if (seg.firstSeq > upToSeq) break;
    if (olderThan !== undefined) {
      const first = firstRecordAt(seg.path);
      if (first !== null && first >= olderThan) continue;
    }
    const buf = readFileSync(seg.path);
    const kept: Buffer[] = [];
    let dropped = 0;
    let keptBytes = 0;
    for (const raw of scanRecords(buf)) {
      if (raw.seq > upToSeq) return out; // an open segment: leave it
      const r = parseRecord(raw.payload);
      if (r?.k === "b" && drop(r, raw.seq)) {
        dropped++;
        out.visitors.add(`${r.site}\u0000${r.visitor}`);
        continue;
      }
      const rec = encodeRecord(raw.seq, raw.payload.toString("utf8"));
      kept.push(rec);
      keptBytes += rec.length;
    }
    if (dropped === 0) continue;
    const st = statSync(seg.path);
    const tmp = `${seg.path}${TMP}`;
    const fd = openSync(tmp, "w", PRIVATE_FILE_MODE);
    try {
      if (kept.length > 0) writeSync(fd, Buffer.concat(kept, keptBytes));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    utimesSync(tmp, st.atime, st.mtime);
    renameSync(tmp, seg.path);
    out.segments++;
    out.batches += dropped;
  }
  fsyncDir(dir);
  return out;
}
