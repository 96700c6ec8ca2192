/**
 * `intently bench collector` as a smoke test: a few hundred requests, one round. It checks the
 * JSON's shape, that both servers answered every request (200 from the collector, 204 from the
 * bare ceiling) and that CPU time was measured on both sides. Speeds are printed by the bench,
 * never asserted.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { COLLECTOR_STAGES as STAGES } from "@intently/bench";
import { cli } from "./run-cli.ts";

test("bench collector --requests 300: both sides answer everything, with CPU per request", () => {
  const r = cli([
    ...["bench", "collector", "--json", "--requests", "300", "--rounds", "1"],
    ...["--concurrency", "8", "--max-seconds", "60"],
  ]);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.deepEqual(out.ours.statuses, [{ 200: 300 }]);
  assert.deepEqual(out.ceiling.statuses, [{ 204: 300 }]);
  assert.equal(out.ours.errors, 0);
  for (const side of [out.ours, out.ceiling]) {
    assert.ok(side.reqPerSec > 0);
    assert.ok(side.cpuUsPerReq > 0, "server CPU measured");
    assert.ok(side.loadgenCpuUsPerReq > 0, "load generator CPU measured");
    assert.ok(side.p99ms >= side.p50ms);
  }
  assert.ok(Math.abs(out.ours.eventsPerSec - out.ours.reqPerSec * 10) <= 10, "10 events a request");
  assert.ok(out.ratio > 0);
  assert.ok(out.cpuRatio > 0);
  assert.equal(out.target, 0.7);
  // Where the CPU goes, from a profiled round: every stage named, the main ones measured.
  assert.deepEqual(Object.keys(out.stagesUs), [...STAGES]);
  for (const s of ["http", "validation", "engine", "store", "collector"])
    assert.ok(out.stagesUs[s] > 0, `${s}: ${out.stagesUs[s]} µs`);
  assert.ok(out.mainThreadUs > 0 && out.profiledCpuUsPerReq > 0);
});

test("bench collector refuses bad flags with a one-line reason", () => {
  const r = cli(["bench", "collector", "--requests", "5"]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--requests must be between 100 and/);
});
