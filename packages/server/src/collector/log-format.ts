/**
 * Framing of the collector's durable log (one record = one accepted batch or a checkpoint).
 *
 * Every record is a 20-byte little-endian header followed by its payload (UTF-8 JSON):
 *
 *   offset 0  u32  magic 0x31474c49 ("ILG1")
 *   offset 4  u32  payload length in bytes (≤ MAX_RECORD_BYTES)
 *   offset 8  u32  sequence number, low 32 bits
 *   offset 12 u32  sequence number, high 21 bits (sequence numbers are < 2^53)
 *   offset 16 u32  CRC-32 of bytes 8..16 (the sequence number) followed by the payload
 *
 * A record is valid when its magic, length and checksum agree. A torn write (crash mid-append)
 * or any other damage fails the check: the reader skips forward to the next magic that starts a
 * valid record (resynchronisation), so one bad record never hides the records after it.
 */
import { crc32 } from "node:zlib";

export const MAGIC = 0x31474c49;
export const HEADER_BYTES = 20;
/** A batch is ≤ 64 KB of JSON; after enrichment a record stays well below this. */
export const MAX_RECORD_BYTES = 1 << 20;

const MAGIC_BYTES = Buffer.alloc(4);
MAGIC_BYTES.writeUInt32LE(MAGIC, 0);
const HI = 2 ** 32;

export function encodeRecord(seq: number, payload: string): Buffer {
  const len = Buffer.byteLength(payload);
  if (len > MAX_RECORD_BYTES) throw new RangeError(`log record too large (${len} bytes)`);
  const buf = Buffer.allocUnsafe(HEADER_BYTES + len);
  buf.writeUInt32LE(MAGIC, 0);
  buf.writeUInt32LE(len, 4);
  buf.writeUInt32LE(seq % HI, 8);
  buf.writeUInt32LE(Math.floor(seq / HI), 12);
  buf.write(payload, HEADER_BYTES, "utf8");
  buf.writeUInt32LE(checksumAt(buf, 0, len), 16);
  return buf;
}

function checksumAt(buf: Buffer, pos: number, len: number): number {
  return crc32(
    buf.subarray(pos + HEADER_BYTES, pos + HEADER_BYTES + len),
    crc32(buf.subarray(pos + 8, pos + 16)),
  );
}

export interface RawRecord {
  seq: number;
  payload: Buffer;
}

export interface ScanStats {
  records: number;
  /** Byte ranges that were not valid records (torn tails, damage), skipped. */
  skippedBytes: number;
  /** Offset just past the last valid record. */
  validEnd: number;
}

function validAt(buf: Buffer, pos: number): number {
  if (pos + HEADER_BYTES > buf.length || buf.readUInt32LE(pos) !== MAGIC) return -1;
  const len = buf.readUInt32LE(pos + 4);
  if (len > MAX_RECORD_BYTES || pos + HEADER_BYTES + len > buf.length) return -1;
  return buf.readUInt32LE(pos + 16) === checksumAt(buf, pos, len) ? len : -1;
}

/** The valid records of one segment's bytes, in order; damaged ranges are skipped. */
export function* scanRecords(buf: Buffer, stats?: ScanStats): Generator<RawRecord> {
  let pos = 0;
  while (pos < buf.length) {
    const len = validAt(buf, pos);
    if (len < 0) {
      const next = buf.indexOf(MAGIC_BYTES, pos + 1);
      const to = next < 0 ? buf.length : next;
      if (stats) stats.skippedBytes += to - pos;
      pos = to;
      continue;
    }
    const seq = buf.readUInt32LE(pos + 8) + buf.readUInt32LE(pos + 12) * HI;
    const payload = buf.subarray(pos + HEADER_BYTES, pos + HEADER_BYTES + len);
    pos += HEADER_BYTES + len;
    if (stats) {
      stats.records++;
      stats.validEnd = pos;
    }
    yield { seq, payload };
  }
}
