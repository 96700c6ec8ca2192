/**
 * The collector log's part of a backup, in two steps so that reports wait only for the DuckDB
 * copy (issue 23, item 4):
 * - `holdLog`, during the pause, right after the log was sealed at `upTo`: the small files
 *   (tombstones, pending erasures) are copied, and each segment holding records ≤ upTo is opened
 *   and its size taken. Segments are append-only and the last one was just sealed, so those
 *   bytes never change again; an open handle keeps them readable even when the segment is then
 *   pruned, compressed or rewritten (each replaces or unlinks the file, never writes into it).
 * - `copyHeld`, after the pause: each held segment's bytes, up to its size at the pause.
 */
import type { FileHandle } from "node:fs/promises";
import { copyFile, open, readdir, stat } from "node:fs/promises";
import { basename, join } from "node:path";
import { PRIVATE_FILE_MODE, privateDir } from "@intently/store";
import { listSegments } from "../collector/log-files.ts";

export interface HeldLog {
  to: string;
  /** Segments opened during the pause (the name they had then), with their size then. */
  segments: { name: string; fh: FileHandle; size: number }[];
}

/** Never copied: the log's append probe and half-written temporary files. */
const skipped = (name: string) => name === ".append-probe" || name.endsWith(".tmp");
/** A segment, plain or compressed: copied from its held handle, not by name. */
const SEGMENT_FILE = /^\d{16}\.log/;

/** Runs inside the pause: see the module comment. Null when there is no log folder. */
export async function holdLog(
  from: string,
  to: string,
  upTo: number | null,
): Promise<HeldLog | null> {
  if (!(await exists(from))) return null;
  privateDir(to);
  const listed = listSegments(from);
  const held: HeldLog = { to, segments: [] };
  try {
    for (const s of listed) {
      if (upTo !== null && s.firstSeq > upTo) continue;
      const opened = await openSegment(from, basename(s.path));
      if (opened) held.segments.push(opened);
    }
    for (const name of await readdir(from)) {
      if (skipped(name) || SEGMENT_FILE.test(name)) continue;
      const path = join(from, name);
      if ((await stat(path)).isFile()) await copyFile(path, join(to, name));
    }
  } catch (e) {
    await release(held);
    throw e;
  }
  return held;
}

/** Runs after the pause: copies the held bytes; every handle is closed whatever happens. */
export async function copyHeld(held: HeldLog): Promise<void> {
  const buf = Buffer.allocUnsafe(1 << 20);
  try {
    for (const s of held.segments) {
      const out = await open(join(held.to, s.name), "wx", PRIVATE_FILE_MODE);
      try {
        for (let at = 0; at < s.size; ) {
          const { bytesRead } = await s.fh.read(buf, 0, Math.min(buf.length, s.size - at), at);
          if (bytesRead === 0) throw new Error(`log segment ${s.name} shrank during the backup`);
          await out.write(buf, 0, bytesRead);
          at += bytesRead;
        }
      } finally {
        await out.close();
      }
    }
  } finally {
    await release(held);
  }
}

async function release(held: HeldLog): Promise<void> {
  await Promise.all(held.segments.map((s) => s.fh.close().catch(() => {})));
}

/**
 * Opens a listed segment; when it moved between the listing and the open (compressed: renamed
 * to `<name>.<codec>`), opens it under its new name; when it is gone (pruned), null.
 */
async function openSegment(dir: string, name: string): Promise<HeldLog["segments"][0] | null> {
  for (const candidate of [name, ...(await twins(dir, name))]) {
    try {
      const fh = await open(join(dir, candidate), "r");
      return { name: candidate, fh, size: (await fh.stat()).size };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
    }
  }
  return null;
}

/** The same segment under another suffix (e.g. `….log.gz` for `….log`). */
async function twins(dir: string, name: string): Promise<string[]> {
  const stem = name.replace(/\.log(\..*)?$/, ".log");
  return (await readdir(dir)).filter((n) => n !== name && n.startsWith(stem) && !skipped(n));
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
