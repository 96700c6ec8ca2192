/**
 * The collector's time-sliced application (apply-slices.ts): batches run one at a time in the
 * order queued even when they yield mid-way, a job yields once its slice has run, and the
 * periodic tick deferred to a boundary runs between two batches, never inside one.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { ApplySlices } from "../src/collector/apply-slices.ts";

const busy = (ms: number) => {
  const end = performance.now() + ms;
  while (performance.now() < end) {}
};

test("jobs run in order, never interleave, and yield once a slice has run", async () => {
  const slices = new ApplySlices(5);
  const trace: string[] = [];
  let pauses = 0;
  const job = (name: string, steps: number) => async () => {
    for (let i = 0; i < steps; i++) {
      if (slices.due()) {
        pauses++;
        await slices.pause();
      }
      trace.push(`${name}${i}`);
      busy(2);
    }
    return name;
  };
  let ticks = 0;
  const tick = () => {
    ticks++;
    trace.push("tick");
  };
  // Other work waiting for the loop when the jobs start: it must run at a's first pause. (Queued
  // after a job has started, it would wait behind that job's own pause, which timing decides.)
  const other = new Promise<void>((ok) => setImmediate(ok)).then(() => trace.push("io"));
  const results = [slices.run(job("a", 6)), slices.run(job("b", 6))];
  // Between the two jobs, once (a tick due twice while a job runs runs once).
  slices.between(tick);
  slices.between(tick);
  assert.deepEqual(await Promise.all(results), ["a", "b"]);
  await other;
  await slices.drain();
  const steps = trace.filter((t) => t !== "io" && t !== "tick");
  assert.deepEqual(steps, ["a0", "a1", "a2", "a3", "a4", "a5", "b0", "b1", "b2", "b3", "b4", "b5"]);
  assert.ok(pauses >= 2, `${pauses} pauses`);
  assert.ok(trace.indexOf("io") < trace.indexOf("a5"), "other work ran while a was applied");
  assert.equal(ticks, 1);
  assert.equal(trace.indexOf("tick"), trace.indexOf("a5") + 1, "the tick ran between a and b");
  assert.equal(slices.depth, 0);
  // Idle: a boundary callback runs at once.
  slices.between(tick);
  assert.equal(ticks, 2);
});
