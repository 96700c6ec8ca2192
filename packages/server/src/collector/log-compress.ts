/**
 * Compression of sealed log segments, off the request path (zlib's async API runs on libuv's
 * thread pool), one segment at a time under the log's lock (log-lock.ts).
 *
 * Crash safety: the compressed bytes go to `<segment>.br.tmp`, which is synced, given the
 * segment's times (time-based pruning and replay windows are unchanged) and renamed to
 * `<segment>.br`; the directory is synced, and only then is the plain segment unlinked. A crash
 * leaves either a temporary file (removed by `cleanLogDir` at the log's start) or both twins,
 * each whole: the start keeps the compressed one once it has checked that it decompresses to
 * the plain one's bytes, else it keeps the plain one.
 */
import { readdirSync, readFileSync, renameSync, statSync, unlinkSync } from "node:fs";
import { open, readFile, stat, unlink, utimes } from "node:fs/promises";
import { join } from "node:path";
import { PRIVATE_FILE_MODE } from "@intently/store";
import { CODEC_SUFFIX, type Codec, compress, decompressSync, LOG_CODEC } from "./log-codec.ts";
import { fsyncDir, fsyncDirAsync, listSegments, type Segment } from "./log-files.ts";
import { withLogLock } from "./log-lock.ts";

export const TMP_SUFFIX = ".tmp";

export interface CompressStats {
  segments: number;
  /** Bytes of the plain segments compressed, and of what replaced them. */
  plainBytes: number;
  compressedBytes: number;
  failures: number;
  lastError: string | null;
}

/**
 * Compresses one sealed plain segment (the caller holds the log's lock). Returns the bytes
 * before and after, or null when the segment went or changed meanwhile (pruned, rewritten):
 * the temporary file is then removed and nothing else is touched.
 */
export async function compressSegment(
  seg: Segment,
  codec: Codec = LOG_CODEC,
): Promise<{ plain: number; compressed: number } | null> {
  if (seg.codec !== null) return null;
  let before: Awaited<ReturnType<typeof stat>>;
  try {
    before = await stat(seg.path);
  } catch {
    return null;
  }
  const plain = await readFile(seg.path);
  const packed = await compress(plain, codec);
  const target = seg.path + CODEC_SUFFIX[codec];
  const tmp = target + TMP_SUFFIX;
  const fh = await open(tmp, "w", PRIVATE_FILE_MODE);
  try {
    await fh.writeFile(packed);
    await fh.sync();
  } finally {
    await fh.close();
  }
  await utimes(tmp, before.atime, before.mtime);
  // From here on synchronous: nothing else of this process runs between the check and the
  // unlink (the log's prune is synchronous too).
  let now: ReturnType<typeof statSync> | null = null;
  try {
    now = statSync(seg.path);
  } catch {
    now = null;
  }
  if (
    !now ||
    now.ino !== before.ino ||
    now.size !== before.size ||
    now.mtimeMs !== before.mtimeMs ||
    now.size !== plain.length
  ) {
    await unlink(tmp).catch(() => {});
    return null;
  }
  const dir = join(seg.path, "..");
  renameSync(tmp, target);
  unlinkSync(seg.path);
  // One directory fsync for both names, off the event loop (issue 24: a synchronous one stalled
  // the server for up to a second while DuckDB wrote). Until it completes a power cut may keep
  // the plain segment (and maybe its twin, which cleanLogDir resolves at start); a journaling
  // file system applies the rename and the unlink in order, so it cannot lose both.
  await fsyncDirAsync(dir);
  return { plain: plain.length, compressed: packed.length };
}

/**
 * At the log's start, before anything reads it: leftover temporary files (a compression or a
 * rewrite cut short) are removed, and a plain segment beside its compressed twin resolves to one.
 */
export function cleanLogDir(dir: string): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  let changed = false;
  for (const name of names) {
    if (!name.endsWith(TMP_SUFFIX)) continue;
    unlinkSync(join(dir, name));
    changed = true;
  }
  const present = new Set(names);
  for (const name of names) {
    if (!/^\d{16}\.log$/.test(name)) continue;
    for (const codec of Object.keys(CODEC_SUFFIX) as Codec[]) {
      const twin = name + CODEC_SUFFIX[codec];
      if (!present.has(twin)) continue;
      const plainPath = join(dir, name);
      const plain = readFileSync(plainPath);
      let same = false;
      try {
        same = decompressSync(readFileSync(join(dir, twin)), codec).equals(plain);
      } catch {
        same = false;
      }
      unlinkSync(same ? plainPath : join(dir, twin));
      changed = true;
      if (same) break;
    }
  }
  if (changed) fsyncDir(dir);
}

/**
 * Compresses the log's sealed plain segments, one at a time, whenever `wake()` is called (a
 * segment was closed) until none is left. `sealed(seg)` tells the open segment apart.
 */
export class SegmentCompressor {
  readonly stats: CompressStats = {
    segments: 0,
    plainBytes: 0,
    compressedBytes: 0,
    failures: 0,
    lastError: null,
  };
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;

  constructor(
    private readonly dir: string,
    private readonly sealed: (seg: Segment) => boolean,
    private readonly codec: Codec = LOG_CODEC,
  ) {}

  /** Starts a pass (or asks the running one for another round); resolves when idle. */
  wake(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.pass().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** No new compression starts; resolves once the one in progress is done. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.running;
  }

  private async pass(): Promise<void> {
    do {
      this.again = false;
      // Each segment is tried once a round: one that changed under us waits for the next.
      const tried = new Set<number>();
      for (;;) {
        if (this.stopped) return;
        const seg = listSegments(this.dir).find(
          (s) => s.codec === null && !tried.has(s.firstSeq) && this.sealed(s),
        );
        if (!seg) break;
        tried.add(seg.firstSeq);
        try {
          const done = await withLogLock(this.dir, () => compressSegment(seg, this.codec));
          if (done) {
            this.stats.segments++;
            this.stats.plainBytes += done.plain;
            this.stats.compressedBytes += done.compressed;
          }
        } catch (e) {
          // A full disk, an I/O error: the plain segment stays (readers read it as before);
          // the next sealed segment tries again.
          this.stats.failures++;
          this.stats.lastError = (e as Error).message;
          await removeTmp(seg, this.codec);
          return;
        }
      }
    } while (this.again && !this.stopped);
  }
}

async function removeTmp(seg: Segment, codec: Codec): Promise<void> {
  await unlink(seg.path + CODEC_SUFFIX[codec] + TMP_SUFFIX).catch(() => {});
}

/** Compresses every plain segment of a stopped server's log folder (tools, the disk bench). */
export async function compressLogDir(dir: string, codec: Codec = LOG_CODEC) {
  const c = new SegmentCompressor(dir, () => true, codec);
  cleanLogDir(dir);
  await c.wake();
  return c.stats;
}
