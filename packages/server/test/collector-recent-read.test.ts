/**
 * Issue 24: at start, the newest log segments are read (decompressed) once. `readRecent` hands
 * back the segments it read to find where the bounded scan starts, and `readLog` reads those
 * from memory: with the files spoilt afterwards, the scan still sees every record from `start`.
 */
import assert from "node:assert/strict";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, test } from "node:test";
import { CollectorLog, listSegments, readLog } from "../src/collector/index.ts";
import { compressLogDir } from "../src/collector/log-compress.ts";
import { readRecent, recentStart } from "../src/collector/log-files.ts";
import type { BatchRecord } from "../src/collector/records.ts";
import { tempDir } from "./support-collector/helpers.ts";

const root = tempDir();
after(() => rmSync(root, { recursive: true, force: true }));

const rec = (i: number): BatchRecord => ({
  k: "b",
  at: 1_700_000_000_000 + i,
  site: "s",
  visitor: "v",
  session: `s${i % 3}`,
  batch: `b${i}`,
  off: 0,
  events: [{ type: "scroll", t: 1_700_000_000_000 + i }],
});

test("the segments read to find the start are read once: the scan uses them, not the files", async () => {
  const dir = join(root, "log");
  const log = CollectorLog.open(dir, { segmentBytes: 2000 });
  for (let i = 0; i < 60; i++) await log.append(JSON.stringify(rec(i)), () => 0);
  await log.close();
  await compressLogDir(dir);
  const segments = listSegments(dir);
  assert.ok(segments.length > 4 && segments.every((s) => s.codec !== null));
  const expected = [...readLog(dir, { fromSeq: recentStart(dir, 15, 0) })].map((e) => e.seq);

  const { start, buffers } = readRecent(dir, 15, 0);
  assert.equal(start, recentStart(dir, 15, 0));
  // Exactly the segments from `start` on, newest included.
  assert.deepEqual(
    [...buffers.keys()].sort((a, b) => a - b),
    segments.filter((s) => s.firstSeq >= start).map((s) => s.firstSeq),
  );
  for (const s of segments) if (s.firstSeq >= start) writeFileSync(s.path, "not brotli");
  const seen = [...readLog(dir, { fromSeq: start, buffers })].map((e) => e.seq);
  assert.deepEqual(seen, expected);
  assert.ok(seen.length >= 15 && seen.length < 60);
  // Without the buffers, the spoilt segments cannot be decompressed and are skipped.
  assert.equal([...readLog(dir, { fromSeq: start })].length, 0);
});
