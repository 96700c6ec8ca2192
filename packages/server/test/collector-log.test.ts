import assert from "node:assert/strict";
import { appendFileSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { CollectorLog, listSegments, readLog } from "../src/collector/index.ts";
import { recentStart } from "../src/collector/log-files.ts";
import type { BatchRecord } from "../src/collector/records.ts";
import { tempDir } from "./support-collector/helpers.ts";

const dirs: string[] = [];
function freshDir(): string {
  const d = join(tempDir(), "log");
  dirs.push(d);
  return d;
}

function rec(i: number): BatchRecord {
  return {
    k: "b",
    at: 1_700_000_000_000 + i,
    site: "s",
    visitor: "v",
    session: `s${i % 3}`,
    batch: `b${i}`,
    off: 0,
    events: [{ type: "scroll", t: 1_700_000_000_000 + i }],
  };
}

const batches = (dir: string) =>
  [...readLog(dir)].flatMap((e) => (e.record.k === "b" ? [e.record.batch] : []));

describe("collector log", () => {
  after(() => {
    for (const d of dirs) rmSync(join(d, ".."), { recursive: true, force: true });
  });

  test("group commit: concurrent appends share fsyncs and complete in sequence order", async () => {
    const log = CollectorLog.open(freshDir());
    const order: number[] = [];
    const seqs = await Promise.all(
      Array.from({ length: 500 }, (_, i) =>
        log.append(JSON.stringify(rec(i)), (seq) => {
          order.push(seq);
          return seq;
        }),
      ),
    );
    assert.deepEqual(
      order,
      [...order].sort((a, b) => a - b),
    );
    assert.deepEqual(seqs, order);
    assert.equal(log.stats.records, 500);
    assert.ok(log.stats.groups < 500, `${log.stats.groups} groups`);
    assert.equal(log.pendingBytes, 0);
    assert.equal(batches(log.dir).length, 500);
    await log.close();
    await assert.rejects(log.append("{}", () => 0));
  });

  test("segments rotate by size; a reopened log continues the sequence in a new segment", async () => {
    const dir = freshDir();
    const log = CollectorLog.open(dir, { segmentBytes: 2000 });
    for (let i = 0; i < 40; i++) await log.append(JSON.stringify(rec(i)), () => 0);
    await log.close();
    const segs = listSegments(dir);
    assert.ok(segs.length > 3, `${segs.length} segments`);
    const again = CollectorLog.open(dir, { segmentBytes: 2000 });
    assert.equal(again.next, 41);
    await again.append(JSON.stringify(rec(40)), () => 0);
    await again.close();
    const all = [...readLog(dir)];
    assert.deepEqual(
      all.map((e) => e.seq),
      Array.from({ length: 41 }, (_, i) => i + 1),
    );
    assert.deepEqual([...readLog(dir, { fromSeq: 39 })].length, 3);
    // A bounded start-up scan starts at a segment boundary with enough records after it.
    const start = recentStart(dir, 10, 0);
    const recent = [...readLog(dir, { fromSeq: start })].length;
    assert.ok(start > 1 && recent >= 10 && recent < 41, `start ${start}, ${recent} records`);
    assert.equal(recentStart(dir, 1000, 0), 0);
  });

  test("a torn tail (crash mid-write) and garbage are skipped; reopening never fails", async () => {
    const dir = freshDir();
    const log = CollectorLog.open(dir);
    for (let i = 0; i < 5; i++) await log.append(JSON.stringify(rec(i)), () => 0);
    await log.close();
    const seg = listSegments(dir).at(-1)!.path;
    const bytes = readFileSync(seg);
    // Half of a copy of the last record, then zeros, as a crash could leave behind.
    const lastStart = bytes.lastIndexOf(Buffer.from("ILG1", "latin1"));
    appendFileSync(seg, bytes.subarray(lastStart, lastStart + 30));
    appendFileSync(seg, Buffer.alloc(100));
    const stats = { records: 0, skippedBytes: 0, validEnd: 0 };
    assert.equal([...readLog(dir, {}, stats)].length, 5);
    assert.ok(stats.skippedBytes >= 130);
    const again = CollectorLog.open(dir);
    await again.append(JSON.stringify(rec(5)), () => 0);
    await again.close();
    assert.deepEqual(batches(dir), ["b0", "b1", "b2", "b3", "b4", "b5"]);
  });

  test("a damaged record in the middle is skipped and the reader resynchronises", async () => {
    const dir = freshDir();
    const log = CollectorLog.open(dir);
    for (let i = 0; i < 5; i++) await log.append(JSON.stringify(rec(i)), () => 0);
    await log.close();
    const seg = listSegments(dir)[0]!.path;
    const bytes = readFileSync(seg);
    const second = bytes.indexOf(Buffer.from('"b1"'));
    bytes[second + 1] = "X".charCodeAt(0);
    writeFileSync(seg, bytes);
    assert.deepEqual(batches(dir), ["b0", "b2", "b3", "b4"]);
    writeFileSync(seg, Buffer.from("not a log at all"));
    assert.deepEqual(batches(dir), []);
  });

  test("prune deletes only old, checkpointed, closed segments", async () => {
    const dir = freshDir();
    const log = CollectorLog.open(dir, { segmentBytes: 500 });
    for (let i = 0; i < 10; i++) await log.append(JSON.stringify(rec(i)), () => 0);
    const before = listSegments(dir).length;
    assert.equal(log.prune(Date.now() + 1000, 0), 0);
    assert.equal(log.prune(0, 100), 0);
    const n = log.prune(Date.now() + 1000, 5);
    assert.ok(n > 0 && n < before);
    assert.ok([...readLog(dir)].every((e) => e.seq > 0));
    assert.ok(batches(dir).includes("b9"));
    await log.close();
  });
});
