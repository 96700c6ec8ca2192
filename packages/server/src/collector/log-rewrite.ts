/**
 * Erasure in the collector log (issue 22): every closed segment that holds a batch to drop is
 * rewritten without it — the other records keep their bytes and sequence numbers, damaged bytes
 * are not carried over — to a temporary file that is synced, given the old file's times (so
 * time-based pruning is unchanged) and renamed over the segment. Only segments wholly below
 * `upToSeq` are touched: the caller seals the open segment first. A crash leaves either the old
 * or the new segment (and at most a `.tmp` file, which readers ignore and the next run removes).
 */
import { createReadStream } from "node:fs";
import { open, readdir, readFile, rename, stat, unlink, utimes } from "node:fs/promises";
import { join } from "node:path";
import { createBrotliDecompress, createGunzip } from "node:zlib";
import { PRIVATE_FILE_MODE } from "@intently/store";
import { compress, decompress } from "./log-codec.ts";
import { fsyncDir, listSegments, type Segment } from "./log-files.ts";
import { encodeRecord, HEADER_BYTES, MAX_RECORD_BYTES, scanRecords } from "./log-format.ts";
import { withLogLock } from "./log-lock.ts";
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

/** The first `HEAD_BYTES` of a segment as appended (a compressed one is inflated that far only). */
async function readHead(seg: Segment): Promise<Buffer> {
  const raw = createReadStream(seg.path, seg.codec === null ? { end: HEAD_BYTES - 1 } : {});
  const input =
    seg.codec === null
      ? raw
      : raw.pipe(seg.codec === "gzip" ? createGunzip() : createBrotliDecompress());
  const chunks: Buffer[] = [];
  let n = 0;
  try {
    for await (const chunk of input) {
      chunks.push(chunk as Buffer);
      n += (chunk as Buffer).length;
      if (n >= HEAD_BYTES) break;
    }
  } finally {
    raw.destroy();
    input.destroy();
  }
  return Buffer.concat(chunks, n).subarray(0, HEAD_BYTES);
}

/** Receive time of a segment's first record (read from its head), or null when unreadable. */
async function firstRecordAt(seg: Segment): Promise<number | null> {
  let head: Buffer;
  try {
    head = await readHead(seg);
  } catch {
    return null; // damaged: the whole segment is read
  }
  for (const raw of scanRecords(head)) {
    const r = parseRecord(raw.payload);
    if (r) return r.at;
  }
  return null;
}

/**
 * `olderThan`: only segments whose first record was received before it can hold a batch to
 * drop (retention drops old batches): the others are not read. Runs under the log's lock, so no
 * compression (or other rewrite) touches a segment meanwhile; a compressed segment is
 * decompressed and recompressed off the event loop, and stays compressed.
 */
export function rewriteSegments(
  dir: string,
  upToSeq: number,
  drop: (r: BatchRecord, seq: number) => boolean,
  olderThan?: number,
): Promise<RewriteStats> {
  return withLogLock(dir, () => rewriteLocked(dir, upToSeq, drop, olderThan));
}

async function rewriteLocked(
  dir: string,
  upToSeq: number,
  drop: (r: BatchRecord, seq: number) => boolean,
  olderThan?: number,
): Promise<RewriteStats> {
  const out: RewriteStats = { segments: 0, batches: 0, visitors: new Set() };
  for (const name of await readdir(dir)) if (name.endsWith(TMP)) await unlink(join(dir, name));
  const segments = listSegments(dir);
  for (const seg of segments) {
    // A segment opened after the seal starts past upToSeq: never touched.
    if (seg.firstSeq > upToSeq) break;
    if (olderThan !== undefined) {
      const first = await firstRecordAt(seg);
      if (first !== null && first >= olderThan) continue;
    }
    const file = await readFile(seg.path);
    const buf = seg.codec === null ? file : await decompress(file, seg.codec);
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
    const st = await stat(seg.path);
    const plain = Buffer.concat(kept, keptBytes);
    const bytes = seg.codec === null ? plain : await compress(plain, seg.codec);
    const tmp = `${seg.path}${TMP}`;
    const fh = await open(tmp, "w", PRIVATE_FILE_MODE);
    try {
      if (bytes.length > 0) await fh.writeFile(bytes);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await utimes(tmp, st.atime, st.mtime);
    await rename(tmp, seg.path);
    out.segments++;
    out.batches += dropped;
  }
  fsyncDir(dir);
  return out;
}
