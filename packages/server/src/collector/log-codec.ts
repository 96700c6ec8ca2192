/**
 * Compression of sealed log segments (issue 24: the log's disk cost). A compressed segment
 * `<first seq>.log.br` holds exactly the bytes its plain segment held (the same framed records,
 * damaged bytes included), so every reader decompresses and scans it as before.
 *
 * Brotli quality 5, chosen by `intently bench disk` on segments written by the real collector
 * under simulated traffic (docs/data-folder.md has the figures, medians of 5 rounds): 11.8× (18
 * MB of log per million events) for ~30 ms of CPU per plain MB, where gzip level 6 gives 7.3×
 * (29 MB) for ~19 ms; quality 6 adds 6 % for more CPU, 9 costs 3×. Decompression costs the same
 * (~12 ms per MB). Readers accept `.gz` too, so the choice can change without a migration.
 */
import { promisify } from "node:util";
import {
  brotliCompress,
  brotliDecompress,
  brotliDecompressSync,
  constants,
  gunzip,
  gunzipSync,
  gzip,
} from "node:zlib";

export type Codec = "gzip" | "brotli";

/** File name suffix of a compressed segment, by codec. */
export const CODEC_SUFFIX: Record<Codec, string> = { gzip: ".gz", brotli: ".br" };

/** What the log writes. */
export const LOG_CODEC: Codec = "brotli";
export const GZIP_LEVEL = 6;
export const BROTLI_QUALITY = 5;

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);
const brotliAsync = promisify(brotliCompress);
const unbrotliAsync = promisify(brotliDecompress);

/** Compresses on libuv's thread pool (zlib's async API): off the event loop. */
export function compress(buf: Buffer, codec: Codec = LOG_CODEC, level?: number): Promise<Buffer> {
  if (codec === "gzip") return gzipAsync(buf, { level: level ?? GZIP_LEVEL });
  return brotliAsync(buf, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: level ?? BROTLI_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: buf.length,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
    },
  });
}

export function decompress(buf: Buffer, codec: Codec): Promise<Buffer> {
  return codec === "gzip" ? gunzipAsync(buf) : unbrotliAsync(buf);
}

/** For the synchronous readers (start-up recovery, the models' training, verify). */
export function decompressSync(buf: Buffer, codec: Codec): Buffer {
  return codec === "gzip" ? gunzipSync(buf) : brotliDecompressSync(buf);
}

/** The codec a file name says it was compressed with, or null for a plain file. */
export function codecOf(name: string): Codec | null {
  if (name.endsWith(CODEC_SUFFIX.gzip)) return "gzip";
  if (name.endsWith(CODEC_SUFFIX.brotli)) return "brotli";
  return null;
}
