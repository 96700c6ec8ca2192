/**
 * `intently bench tick`: the deadline clock and the full scan run the same traffic side by side.
 * What is asserted is the substance, not the time: both clocks end and move the same sessions,
 * and the deadline clock re-scores only the due ones (fewer than the scan, which takes them all).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { cli } from "./run-cli.ts";

test("bench tick --live 2000: same outcomes as the full scan, fewer sessions re-scored per tick", () => {
  const r = cli(["bench", "tick", "--live", "2000", "--ticks", "3", "--json"]);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout) as {
    ticks: number;
    points: {
      liveSessions: number;
      sameOutcomes: boolean;
      deadlines: { medianMs: number; rescoredPerTick: number; ended: number; updates: number };
      scan: { medianMs: number; rescoredPerTick: number; ended: number; updates: number };
      speedup: number;
    }[];
  };
  assert.equal(out.ticks, 3);
  const [p] = out.points;
  assert.ok(p && p.liveSessions > 1000, JSON.stringify(p));
  assert.equal(p.sameOutcomes, true);
  assert.equal(p.deadlines.ended, p.scan.ended);
  assert.equal(p.deadlines.updates, p.scan.updates);
  // The scan re-scores every live session; the deadline clock a small share of them.
  assert.ok(p.scan.rescoredPerTick >= p.liveSessions * 0.9, JSON.stringify(p.scan));
  assert.ok(p.deadlines.rescoredPerTick < p.scan.rescoredPerTick / 4, JSON.stringify(p));
  assert.ok(p.deadlines.medianMs > 0 && p.scan.medianMs > 0 && p.speedup > 0);
});

test("bench live-tick --live 2000: the index gives the scan's views for 3 streams", () => {
  const r = cli(["bench", "live-tick", "--live", "2000", "--ticks", "3", "--json"]);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout) as {
    points: { liveSessions: number; streams: number; sameViews: boolean; changedPerTick: number }[];
  };
  const [p] = out.points;
  assert.ok(p && p.liveSessions > 1000, JSON.stringify(p));
  assert.equal(p.streams, 3);
  // The views read from the index equal the full scan's, tick after tick.
  assert.equal(p.sameViews, true);
  assert.ok(p.changedPerTick < p.liveSessions, JSON.stringify(p));
});

test("bench live-tick refuses a bad --live", () => {
  const r = cli(["bench", "live-tick", "--live", "0", "--json"]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--live/);
});
