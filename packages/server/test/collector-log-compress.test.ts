/**
 * Compressed log segments (issue 24): sealed segments are compressed in the background, every
 * reader (replay, the models' training, erasure rewrites, pruning, the privacy byte search)
 * reads them as before, and a crash at any step of a compression loses nothing.
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { CollectorLog, listSegments, readLog } from "../src/collector/index.ts";
import { CODEC_SUFFIX, compress, LOG_CODEC } from "../src/collector/log-codec.ts";
import { recentStart } from "../src/collector/log-files.ts";
import { rewriteSegments } from "../src/collector/log-rewrite.ts";
import type { BatchRecord } from "../src/collector/records.ts";
import { findBytes, searchableBytes } from "../src/find-bytes.ts";
import { siteLinesFromLog } from "../src/models/plugin.ts";
import { tempDir } from "./support-collector/helpers.ts";

const dirs: string[] = [];
function freshDir(): string {
  const d = join(tempDir(), "log");
  dirs.push(d);
  return d;
}

const T0 = 1_700_000_000_000;
const EXT = CODEC_SUFFIX[LOG_CODEC];
function rec(i: number, visitor = `v${i % 7}`): BatchRecord {
  return {
    k: "b",
    at: T0 + i,
    site: "s",
    visitor,
    session: `s${i % 5}`,
    batch: `b${i}`,
    off: 0,
    events: [
      { type: "page_view", t: T0 + i, page: { url: `https://shop.example/p/${i % 50}` } },
      { type: "scroll", t: T0 + i + 5 },
    ],
  };
}

const seqs = (dir: string) => [...readLog(dir)].map((e) => e.seq);
const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

/** A closed log of `n` records in segments of about `segmentBytes`, all still plain. */
async function plainLog(n: number, segmentBytes: number, visitorOf?: (i: number) => string) {
  const dir = freshDir();
  const log = CollectorLog.open(dir, { segmentBytes, compress: false });
  for (let i = 0; i < n; i++) await log.append(JSON.stringify(rec(i, visitorOf?.(i))), () => 0);
  await log.close();
  return dir;
}

describe("compressed log segments", () => {
  after(() => {
    for (const d of dirs) rmSync(join(d, ".."), { recursive: true, force: true });
  });

  test("sealed segments are compressed, the open one is not; every record reads the same", async () => {
    const dir = freshDir();
    const log = CollectorLog.open(dir, { segmentBytes: 3000 });
    for (let i = 0; i < 60; i++) await log.append(JSON.stringify(rec(i)), () => 0);
    await log.compressSealed();
    const segs = listSegments(dir);
    assert.ok(segs.length > 4, `${segs.length} segments`);
    assert.ok(
      segs.slice(0, -1).every((s) => s.codec === LOG_CODEC && s.path.endsWith(`.log${EXT}`)),
      segs.map((s) => s.path).join(", "),
    );
    const stats = log.compression!;
    assert.ok(stats.segments >= segs.length - 2 && stats.compressedBytes < stats.plainBytes);
    assert.deepEqual(seqs(dir), range(60));
    await log.close();
    // The segment closed by close() is compressed by the next run; the sequence goes on.
    const again = CollectorLog.open(dir, { segmentBytes: 3000 });
    assert.equal(again.next, 61);
    await again.compressSealed();
    assert.ok(listSegments(dir).every((s) => s.codec === LOG_CODEC));
    await again.append(JSON.stringify(rec(60)), () => 0);
    assert.deepEqual(seqs(dir), range(61));
    assert.deepEqual(
      [...readLog(dir, { fromSeq: 58 })].map((e) => e.seq),
      [58, 59, 60, 61],
    );
    const start = recentStart(dir, 10, 0);
    assert.ok(start > 1 && start <= 51, `recent start ${start}`);
    // Compression keeps a segment's time: pruning by age is unchanged.
    assert.equal(again.prune(0, 100), 0);
    assert.ok(again.prune(Date.now() + 1000, 100) > 0);
    assert.ok(readdirSync(dir).every((n) => !n.endsWith(".tmp")));
    await again.close();
  });

  test("the models' training reads compressed segments", async () => {
    const dir = await plainLog(30, 2000);
    const before = [...siteLinesFromLog(dir, "s")];
    const log = CollectorLog.open(dir);
    await log.compressSealed();
    await log.close();
    assert.ok(listSegments(dir).every((s) => s.codec === LOG_CODEC));
    assert.equal(before.length, 60);
    assert.deepEqual([...siteLinesFromLog(dir, "s")], before);
  });

  test("an erasure rewrites a compressed segment, drops the batches and keeps it compressed", async () => {
    const erased = `v_erased_${randomBytes(6).toString("hex")}`;
    const dir = await plainLog(40, 2500, (i) => (i % 9 === 4 ? erased : `v${i % 7}`));
    const log = CollectorLog.open(dir);
    await log.compressSealed();
    const seg = listSegments(dir).find((s) => readFileSync(s.path).length > 0)!;
    assert.equal(seg.codec, LOG_CODEC);
    // The proof that a byte search must decompress: the raw bytes do not show the id.
    const holding = listSegments(dir).filter((s) => searchableBytes(s.path).includes(erased));
    assert.ok(holding.length > 1, "the id is in several segments");
    for (const s of holding) assert.ok(!readFileSync(s.path).includes(erased), s.path);
    const found = findBytes([dir], [erased]);
    assert.deepEqual(found.hits.map((h) => h.path).sort(), holding.map((s) => s.path).sort());
    const mtimes = holding.map((s) => statSync(s.path).mtimeMs);

    const upTo = await log.seal();
    const out = await rewriteSegments(dir, upTo, (r) => r.visitor === erased);
    assert.equal(out.batches, 4);
    assert.equal(out.segments, holding.length);
    for (const [i, s] of holding.entries()) {
      assert.ok(s.path.endsWith(EXT));
      assert.equal(statSync(s.path).mtimeMs, mtimes[i]);
      assert.ok(!searchableBytes(s.path).includes(erased));
    }
    assert.deepEqual(findBytes([dir], [erased]).hits, []);
    assert.deepEqual(
      seqs(dir),
      range(40).filter((n) => (n - 1) % 9 !== 4),
    );
    // Retention's variant: only segments whose first record is older than the cutoff are read.
    const old = await rewriteSegments(dir, upTo, () => true, T0);
    assert.equal(old.batches, 0);
    await log.close();
  });

  test("a crash mid-compression: a leftover temporary file is removed at start", async () => {
    const dir = await plainLog(30, 2000);
    const seg = listSegments(dir)[0]!;
    const whole = await compress(readFileSync(seg.path));
    writeFileSync(`${seg.path}${EXT}.tmp`, whole.subarray(0, whole.length >> 1));
    const log = CollectorLog.open(dir);
    assert.ok(!readdirSync(dir).some((n) => n.endsWith(".tmp")));
    assert.deepEqual(seqs(dir), range(30));
    await log.compressSealed();
    assert.deepEqual(seqs(dir), range(30));
    await log.close();
  });

  test("a crash between the rename and the unlink: the twins resolve to one", async () => {
    const dir = await plainLog(30, 2000);
    const [a, b] = listSegments(dir);
    // a: a whole compressed twin (the crash came after the rename); b: a damaged one (never
    // written by the log — a sync lost by the disk): the plain segment is kept.
    writeFileSync(`${a!.path}${EXT}`, await compress(readFileSync(a!.path)));
    writeFileSync(`${b!.path}${EXT}`, (await compress(readFileSync(b!.path))).subarray(0, 40));
    assert.equal(listSegments(dir)[0]!.codec, LOG_CODEC, "a listing shows one of the twins");
    const log = CollectorLog.open(dir, { compress: false });
    const names = readdirSync(dir);
    assert.ok(!names.includes(a!.path.split("/").pop()!), "the plain twin of a is gone");
    assert.ok(names.includes(`${a!.path.split("/").pop()}${EXT}`));
    assert.ok(names.includes(b!.path.split("/").pop()!), "b stays plain");
    assert.ok(!names.includes(`${b!.path.split("/").pop()}${EXT}`));
    assert.deepEqual(seqs(dir), range(30));
    await log.close();
  });

  test("a rewrite meanwhile wins: the compressed copy of the old bytes is discarded", async () => {
    const erased = `v_gone_${randomBytes(6).toString("hex")}`;
    const dir = await plainLog(30, 100_000, (i) => (i === 3 ? erased : "v"));
    const log = CollectorLog.open(dir);
    // Both asked at once: the lock orders them, whichever runs second sees the other's result.
    const [, out] = await Promise.all([
      log.compressSealed(),
      rewriteSegments(dir, log.next - 1, (r) => r.visitor === erased),
    ]);
    await log.compressSealed();
    assert.equal(out.batches, 1);
    assert.deepEqual(findBytes([dir], [erased]).hits, []);
    assert.equal(seqs(dir).length, 29);
    assert.ok(listSegments(dir).every((s) => s.codec === LOG_CODEC));
    await log.close();
  });
});
