/**
 * The collector's durable, append-only log: segment files `<dir>/<first seq, 16 digits>.log`
 * holding framed records (log-format.ts), rotated by size. A process never appends to a segment
 * written by an earlier process: it starts a new one, so a torn tail left by a crash stays
 * behind a segment boundary and the reader simply skips it.
 *
 * Group commit: `append` queues the encoded record; one write + `fdatasync` covers every record
 * queued when it starts (at most `maxGroupRecords`), and records arriving meanwhile form the next
 * group. Only after the data is synced are the records' `onDurable` callbacks run — in sequence
 * order — and their promises resolved, so a caller acknowledges nothing that is not on disk.
 * A write or sync error fails the log for a while: the group's bytes are cut off the segment (a
 * record of unknown durability is never acknowledged, nor left behind to be replayed), the
 * segment is closed, and queued and later appends are rejected (the caller answers 503) until a
 * probe — a small file written and synced in the log's directory, retried with backoff — shows
 * that the cause (a full disk, an I/O error) has gone. Appends then go to a new segment.
 * `onState` hears each change between failed and healthy once.
 *
 * Closed segments are compressed in the background (log-compress.ts, issue 24): the log costs
 * about a fifth of its plain size on disk, and every reader decompresses transparently.
 */
import {
  closeSync,
  fdatasync,
  fdatasyncSync,
  ftruncateSync,
  open,
  openSync,
  statSync,
  unlinkSync,
  write,
  writeSync,
} from "node:fs";
import { dirname, join } from "node:path";
import { PRIVATE_FILE_MODE, privateDir } from "@intently/store";
import { type CompressStats, cleanLogDir, SegmentCompressor } from "./log-compress.ts";
import {
  currentFile,
  fsyncDir,
  fsyncDirAsync,
  listSegments,
  type ReadOptions,
  readLog,
  readSegment,
  segmentName,
} from "./log-files.ts";
import { encodeRecord, type ScanStats, scanRecords } from "./log-format.ts";
import type { LogEntry } from "./records.ts";

export interface LogOptions {
  /** A segment is closed once it reaches this size. */
  segmentBytes: number;
  /** Most records covered by one write + fdatasync. */
  maxGroupRecords: number;
  /** First wait before probing a failed log again; it doubles up to `retryMaxMs`. */
  retryMinMs: number;
  retryMaxMs: number;
  /** Compress segments once closed (log-compress.ts). */
  compress: boolean;
}

export const DEFAULT_LOG_OPTIONS: LogOptions = {
  segmentBytes: 64 << 20,
  maxGroupRecords: 2048,
  retryMinMs: 250,
  retryMaxMs: 5000,
  compress: true,
};

/** What the probe writes and syncs: a group of small batches' worth of bytes. */
const PROBE_BYTES = 64 << 10;
const PROBE_FILE = ".append-probe";

interface Pending {
  buf: Buffer;
  seq: number;
  onDurable: (seq: number) => unknown;
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
}

export class CollectorLog {
  private fd: number | null = null;
  /** The open segment's first sequence number (its name) and committed size. */
  private segmentFirst = 0;
  private size = 0;
  private queue: Pending[] = [];
  private queuedBytes = 0;
  private writing = false;
  private scheduled = false;
  private failure: Error | null = null;
  private closed = false;
  private waiters: (() => void)[] = [];
  private retryTimer: NodeJS.Timeout | null = null;
  private retryMs = 0;
  /** Called once per change: the error when appends start failing, null when they recover. */
  onState: ((failure: Error | null) => void) | null = null;
  readonly stats = { records: 0, groups: 0, bytes: 0, segments: 0, failures: 0, recoveries: 0 };
  private readonly compressor: SegmentCompressor | null;

  private constructor(
    readonly dir: string,
    private readonly opts: LogOptions,
    private nextSeq: number,
  ) {
    // Every segment but the open one is sealed: the log never appends to a closed segment.
    this.compressor = opts.compress
      ? new SegmentCompressor(dir, (s) => this.fd === null || s.firstSeq !== this.segmentFirst)
      : null;
  }

  /** Opens (creating) a log directory; appends go to a new segment after the existing ones. */
  static open(dir: string, opts: Partial<LogOptions> = {}): CollectorLog {
    privateDir(dir);
    fsyncDir(dirname(dir));
    cleanLogDir(dir);
    const last = listSegments(dir).at(-1);
    let next = last ? last.firstSeq + 1 : 1;
    if (last) for (const r of scanRecords(readSegment(last))) next = Math.max(next, r.seq + 1);
    const log = new CollectorLog(dir, { ...DEFAULT_LOG_OPTIONS, ...opts }, next);
    // Segments closed by earlier runs, once the start (recovery reads them) is done.
    setImmediate(() => void log.compressSealed());
    return log;
  }

  /** Compresses the closed segments not yet compressed; resolves when none is left. */
  compressSealed(): Promise<void> {
    return this.compressor?.wake() ?? Promise.resolve();
  }

  /** What compression has done in this process (null: compression is off). */
  get compression(): Readonly<CompressStats> | null {
    return this.compressor?.stats ?? null;
  }

  /** Bytes and records waiting for their group commit. */
  get pendingBytes(): number {
    return this.queuedBytes;
  }
  get pendingRecords(): number {
    return this.queue.length;
  }
  /** Why appends are refused right now (null: the log accepts them). */
  get failed(): Error | null {
    return this.failure;
  }
  /** The sequence number the next append will get. */
  get next(): number {
    return this.nextSeq;
  }

  /**
   * Queues a record; once it is synced, `onDurable(seq)` runs (in sequence order with the other
   * records) and the promise resolves with its result.
   */
  append<T>(payload: string, onDurable: (seq: number) => T): Promise<T> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.closed) return Promise.reject(new Error("collector log is closed"));
    const seq = this.nextSeq;
    const buf = encodeRecord(seq, payload);
    this.nextSeq++;
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ buf, seq, onDurable, resolve: resolve as (v: unknown) => void, reject });
      this.queuedBytes += buf.length;
      if (!this.writing && !this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  readAll(opts: ReadOptions = {}, stats?: ScanStats): Generator<LogEntry> {
    return readLog(this.dir, opts, stats);
  }

  /** Resolves once every record queued so far is durable (or the log has failed). */
  async drain(): Promise<void> {
    while (this.writing || this.queue.length > 0) {
      await new Promise<void>((r) => this.waiters.push(r));
    }
  }

  /** Waits for queued records, then closes the segment. Appends are refused from now on. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    await this.drain();
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
    // The segment closed here is compressed by the next run.
    await this.compressor?.stop();
  }

  /**
   * Closes the open segment once every queued record is durable, so that the next append
   * starts a new one; returns the last sequence number in the closed segments (erasure rewrites
   * those, log-rewrite.ts).
   */
  async seal(): Promise<number> {
    await this.drain();
    // No flush can start before this line: flushes run from setImmediate, after this task.
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
    void this.compressSealed();
    return this.nextSeq - 1 - this.queue.length;
  }

  /**
   * Deletes closed segments last written before `beforeMs` whose records all have sequence
   * numbers ≤ `upToSeq` (applied and checkpointed). Returns how many were deleted.
   */
  prune(beforeMs: number, upToSeq: number): number {
    const segments = listSegments(this.dir);
    let n = 0;
    for (let i = 0; i + 1 < segments.length; i++) {
      if (segments[i + 1]!.firstSeq - 1 > upToSeq) break;
      // Compressed since it was listed: the file to delete has the compressed name.
      const seg = currentFile(segments[i]!);
      try {
        if (statSync(seg.path).mtimeMs >= beforeMs) continue;
        unlinkSync(seg.path);
        n++;
      } catch {
        // already gone
      }
    }
    return n;
  }

  private flush(): void {
    this.scheduled = false;
    if (this.writing || this.queue.length === 0) return;
    const max = this.opts.maxGroupRecords;
    const group = this.queue.length <= max ? this.queue : this.queue.splice(0, max);
    if (group === this.queue) this.queue = [];
    this.writing = true;
    const data = group.length === 1 ? group[0]!.buf : Buffer.concat(group.map((p) => p.buf));
    const write = (fd: number) =>
      writeFully(fd, data, 0, (err) => {
        if (err) return this.fail(err, group);
        fdatasync(fd, (syncErr) => {
          if (syncErr) return this.fail(syncErr, group);
          this.committed(group, data.length);
        });
      });
    if (this.fd !== null) write(this.fd);
    else this.openSegment(group[0]!.seq).then(write, (e: unknown) => this.fail(e as Error, group));
  }

  private committed(group: Pending[], bytes: number): void {
    this.size += bytes;
    this.queuedBytes -= bytes;
    this.stats.records += group.length;
    this.stats.groups++;
    this.stats.bytes += bytes;
    if (this.size >= this.opts.segmentBytes && this.fd !== null) {
      closeSync(this.fd);
      this.fd = null;
      void this.compressSealed();
    }
    this.writing = false;
    this.retryMs = 0;
    for (const p of group) {
      try {
        p.resolve(p.onDurable(p.seq));
      } catch (e) {
        p.reject(e as Error);
      }
    }
    if (this.queue.length > 0) this.flush();
    else this.wake();
  }

  /**
   * A new segment for records from `firstSeq`, its name made durable before any of them is
   * acknowledged; off the event loop (the directory's fsync waits for the journal: issue 24).
   * `writing` is set meanwhile, so `seal`/`close` (which drain first) cannot run in between.
   */
  private async openSegment(firstSeq: number): Promise<number> {
    // A plain fd (not a FileHandle, which would close itself when collected).
    const fd = await new Promise<number>((resolve, reject) =>
      open(join(this.dir, segmentName(firstSeq)), "wx", PRIVATE_FILE_MODE, (e, fd) =>
        e ? reject(e) : resolve(fd),
      ),
    );
    await fsyncDirAsync(this.dir);
    this.fd = fd;
    this.segmentFirst = firstSeq;
    this.size = 0;
    this.stats.segments++;
    return fd;
  }

  private fail(err: Error, group: Pending[]): void {
    this.writing = false;
    this.dropGroupBytes();
    const first = this.failure === null;
    this.failure = err;
    const all = [...group, ...this.queue];
    this.queue = [];
    this.queuedBytes = 0;
    for (const p of all) p.reject(err);
    this.wake();
    if (first) {
      this.stats.failures++;
      this.onState?.(err);
    }
    this.scheduleProbe();
  }

  /**
   * Cuts what the failed group may have written off the segment (a short write can leave whole
   * records behind: they were never acknowledged, and a retry of the same batch would log it
   * again), then closes it; an empty segment this group created is removed.
   */
  private dropGroupBytes(): void {
    const fd = this.fd;
    if (fd === null) return;
    this.fd = null;
    const path = join(this.dir, segmentName(this.segmentFirst));
    try {
      ftruncateSync(fd, this.size);
    } catch {
      // The reader skips torn records and recovery applies a batch id once.
    }
    try {
      closeSync(fd);
    } catch {
      // ignore
    }
    if (this.size > 0) void this.compressSealed();
    if (this.size === 0) {
      try {
        unlinkSync(path);
        fsyncDir(this.dir);
      } catch {
        // left empty: harmless
      }
    }
  }

  private scheduleProbe(): void {
    if (this.closed || this.retryTimer) return;
    this.retryMs = Math.min(
      this.opts.retryMaxMs,
      this.retryMs === 0 ? this.opts.retryMinMs : this.retryMs * 2,
    );
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.probe();
    }, this.retryMs);
    this.retryTimer.unref();
  }

  /** Writes and syncs a probe file; success ends the failure (appends go to a new segment). */
  private probe(): void {
    if (this.closed || !this.failure) return;
    const path = join(this.dir, PROBE_FILE);
    try {
      const fd = openSync(path, "w", PRIVATE_FILE_MODE);
      try {
        writeSyncFully(fd, Buffer.alloc(PROBE_BYTES));
        fdatasyncSync(fd);
      } finally {
        closeSync(fd);
        unlinkSync(path);
      }
    } catch (e) {
      this.failure = e as Error;
      this.scheduleProbe();
      return;
    }
    this.failure = null;
    this.stats.recoveries++;
    this.onState?.(null);
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const r of w) r();
  }
}

function writeFully(fd: number, data: Buffer, off: number, cb: (e: Error | null) => void): void {
  write(fd, data, off, data.length - off, null, (err, n) => {
    if (err) cb(err);
    else if (off + n < data.length) writeFully(fd, data, off + n, cb);
    else cb(null);
  });
}

function writeSyncFully(fd: number, data: Buffer): void {
  for (let off = 0; off < data.length; ) off += writeSync(fd, data, off, data.length - off);
}
