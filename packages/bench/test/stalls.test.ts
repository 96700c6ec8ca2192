/**
 * The soak's stall finder (src/soak/stalls.ts) on a profile built by hand: a stretch is the
 * samples between two idle ones, measured from its first sample to the idle one that ends it,
 * and its frames are weighted by the time each sample stood for.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { newestProfile, stallsOf } from "../src/soak/stalls.ts";

const frame = (functionName: string, url = "", lineNumber = 0) => ({
  functionName,
  url,
  lineNumber,
});

// root → idle; root → handler (a.ts) → fsyncDir (log-files.ts); root → gc
const nodes = [
  { id: 1, callFrame: frame("(root)"), children: [2, 3, 5] },
  { id: 2, callFrame: frame("(idle)") },
  { id: 3, callFrame: frame("handle", "file:///x/server/a.ts", 9), children: [4] },
  { id: 4, callFrame: frame("fsyncDir", "file:///x/collector/log-files.ts", 118) },
  { id: 5, callFrame: frame("(garbage collector)") },
];

/** One sample per entry: [node id, ms until the next sample]. */
function profile(samples: [number, number][]) {
  return {
    nodes,
    startTime: 0,
    endTime: samples.reduce((t, [, ms]) => t + ms * 1000, 0),
    samples: samples.map(([id]) => id),
    // V8's deltas are the time since the previous sample; the first is from startTime.
    timeDeltas: samples.map((_, i) => (i === 0 ? 0 : samples[i - 1]![1] * 1000)),
  };
}

test("a busy stretch is found, timed and attributed to its frames", () => {
  const p = profile([
    [2, 1],
    [3, 10],
    [4, 120],
    [5, 30],
    [2, 1],
    [3, 20],
    [2, 1],
  ]);
  const stalls = stallsOf(p, 50);
  assert.equal(stalls.length, 1, "the 20 ms stretch is under the limit");
  const [s] = stalls;
  assert.equal(s!.ms, 160);
  assert.equal(s!.atSec, 0.001);
  assert.match(s!.self[0]!, /^fsyncDir collector\/log-files\.ts:119 120 ms$/);
  assert.ok(s!.self.some((x) => x.startsWith("(garbage collector)")));
  assert.match(
    s!.stacks[0]!,
    /^fsyncDir collector\/log-files\.ts:119 < handle server\/a\.ts:10 120 ms$/,
  );
});

test("stretches after `untilSec` (the close) are left out, and the longest comes first", () => {
  const p = profile([
    [3, 60],
    [2, 1],
    [3, 90],
    [2, 1000],
    [4, 300],
    [2, 1],
  ]);
  assert.deepEqual(
    stallsOf(p, 50).map((s) => s.ms),
    [300, 90, 60],
  );
  assert.deepEqual(
    stallsOf(p, 50, 1).map((s) => s.ms),
    [90, 60],
  );
});

test("the main thread's profile is read, not another thread's written at the same exit", () => {
  const dir = mkdtempSync(join(tmpdir(), "intently-stalls-"));
  try {
    const main = profile([[3, 1]]);
    const loader = { ...profile([[4, 1]]), startTime: 7 };
    writeFileSync(join(dir, "CPU.20261207.201108.23130.0.001.cpuprofile"), JSON.stringify(main));
    writeFileSync(join(dir, "CPU.20261207.201108.23130.1.002.cpuprofile"), JSON.stringify(loader));
    assert.equal(newestProfile(dir)?.startTime, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
