/**
 * Byte search through every file under a folder (issue 22, `intently privacy verify`): files
 * are read in 1 MiB chunks with an overlap of the longest needle, so a data folder of any size
 * is searched in bounded memory; unreadable files are reported, never skipped in silence.
 *
 * A compressed log segment (`<seq>.log.br`, issue 24) is searched decompressed: its raw bytes
 * would hide an erased id. It is inflated whole (a segment is at most 64 MB plain); a temporary
 * copy cut short by a crash is inflated as far as it goes.
 */
import { closeSync, openSync, readdirSync, readFileSync, readSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { brotliDecompressSync, constants, gunzipSync } from "node:zlib";
import { codecOf } from "./collector/log-codec.ts";

const CHUNK = 1 << 20;

export interface FileHit {
  path: string;
  /** The needles found in it. */
  found: string[];
}

export interface ScanResult {
  files: number;
  bytes: number;
  hits: FileHit[];
  /** Files that could not be read (name and reason). */
  unreadable: string[];
}

function inBuffer(buf: Buffer, needles: Buffer[]): string[] {
  return needles.filter((n) => buf.includes(n)).map((n) => n.toString("utf8"));
}

function scanFile(path: string, needles: Buffer[], size: number): string[] {
  const overlap = Math.max(...needles.map((n) => n.length)) - 1;
  const buf = Buffer.alloc(CHUNK + overlap);
  const found = new Set<string>();
  const fd = openSync(path, "r");
  try {
    let pos = 0;
    let carry = 0;
    while (pos < size && found.size < needles.length) {
      const n = readSync(fd, buf, carry, CHUNK, pos);
      if (n === 0) break;
      const view = buf.subarray(0, carry + n);
      for (const needle of needles) if (view.includes(needle)) found.add(needle.toString("utf8"));
      carry = Math.min(overlap, view.length);
      view.copy(buf, 0, view.length - carry);
      pos += n;
    }
  } finally {
    closeSync(fd);
  }
  return [...found];
}

const COMPRESSED_SEGMENT = /^\d{16}\.log\.(gz|br)(\.tmp)?$/;

/** How the file is compressed when it is a compressed log segment (or its temporary copy). */
function segmentCodec(path: string) {
  const name = basename(path);
  return COMPRESSED_SEGMENT.test(name) ? codecOf(name.replace(/\.tmp$/, "")) : null;
}

/**
 * A file's bytes as a search must see them: a compressed log segment decompressed, any other
 * file as it is. The privacy tests search the data folder through this.
 */
export function searchableBytes(path: string): Buffer {
  const codec = segmentCodec(path);
  const raw = readFileSync(path);
  // Flushed rather than finished: a temporary file a crash cut short still yields what it holds.
  if (codec === "gzip") return gunzipSync(raw, { finishFlush: constants.Z_SYNC_FLUSH });
  if (codec === "brotli")
    return brotliDecompressSync(raw, { finishFlush: constants.BROTLI_OPERATION_FLUSH });
  return raw;
}

export function findBytes(roots: readonly string[], needles: readonly string[]): ScanResult {
  const bufs = needles.filter((n) => n.length > 0).map((n) => Buffer.from(n, "utf8"));
  const out: ScanResult = { files: 0, bytes: 0, hits: [], unreadable: [] };
  const walk = (dir: string) => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch (e) {
      out.unreadable.push(`${dir}: ${(e as Error).message}`);
      return;
    }
    for (const name of names) {
      const p = join(dir, name);
      try {
        const st = statSync(p);
        if (st.isDirectory()) walk(p);
        else if (st.isFile()) {
          out.files++;
          out.bytes += st.size;
          const codec = segmentCodec(p);
          const found = !bufs.length
            ? []
            : codec
              ? inBuffer(searchableBytes(p), bufs)
              : scanFile(p, bufs, st.size);
          if (found.length) out.hits.push({ path: p, found });
        }
      } catch (e) {
        out.unreadable.push(`${p}: ${(e as Error).message}`);
      }
    }
  };
  for (const r of roots) walk(r);
  return out;
}
