/**
 * `bench soak` on a short run (0.3 minutes at a low rate, sampled every 5 s): the JSON's shape
 * and its substance — every acknowledged event stored once in its session, every resent batch
 * answered as a duplicate, samples that measured something, live sessions in the server. Speeds
 * and memory are printed by the bench, never asserted. Resends are raised to 10 % so that a short
 * run surely has some.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { benchSoak } from "@intently/bench";

test("bench soak, 0.3 min: acknowledged = stored per session, resends answered as duplicates", {
  timeout: 600_000,
}, async () => {
  const seen: number[] = [];
  const r = await benchSoak({
    minutes: 0.3,
    rate: 150,
    sampleSeconds: 5,
    concurrency: 16,
    seed: 3,
    idleMinutes: 0.1,
    resendShare: 0.1,
    onSample: (s) => seen.push(s.tSec),
  });

  assert.deepEqual(Object.keys(r), [
    "config",
    "machine",
    "baseline",
    "samples",
    "table",
    "afterLoad",
    "totals",
    "disk",
    "verdict",
  ]);
  assert.equal(r.config.minutes, 0.3);
  assert.equal(r.config.rate, 150);

  // Samples: one per 5 s (the last one partial), each with figures measured in the server.
  assert.ok(r.samples.length >= 3, `${r.samples.length} samples`);
  assert.deepEqual(
    seen,
    r.samples.map((s) => s.tSec),
  );
  for (const s of r.samples) {
    assert.ok(s.server.rssMB > 0 && s.server.heapUsedMB > 0, "memory measured");
    assert.ok(s.server.loopMaxMs >= s.server.loopP99Ms && s.server.loopP99Ms >= 0);
    assert.ok(s.server.heapAfterGcMB !== null && s.server.heapAfterGcMB > 0, "heap after GC");
    assert.ok(s.disk.dataMB > 0, "data folder measured");
  }
  assert.ok(
    r.samples.some((s) => s.server.liveSessions > 0),
    "live sessions in the server",
  );
  assert.ok(
    r.samples.some((s) => s.load.requests > 0 && s.load.p99Ms > 0),
    "latency measured",
  );
  assert.ok(
    r.samples.some((s) => s.server.cpuPct > 0),
    "server CPU measured",
  );
  assert.ok(r.samples.at(-1)!.disk.logMB > 0, "the log grew");

  // The table: one row for a load shorter than 5 minutes, one for the idle time after it.
  assert.equal(r.table.length, 2);
  const [row, idle] = r.table as [(typeof r.table)[0], (typeof r.table)[0]];
  assert.equal(row.minutes, "0–0.3");
  assert.ok(row.liveSessions > 0 && row.p99Ms > 0 && row.sendP99Ms > 0 && row.eventsPerSec > 0);
  assert.match(idle.minutes, /^idle 0\.3–0\.[45]$/);
  assert.equal(idle.eventsPerSec, 0);
  assert.ok(idle.liveSessions > 0, "sessions stay live without traffic");
  const idleSamples = r.samples.filter((s) => s.idle);
  assert.ok(idleSamples.length >= 1);
  assert.ok(idleSamples.every((s) => s.load.requests === 0));

  // The load: realistic sessions, acknowledged.
  const t = r.totals;
  assert.ok(t.batchesAcked > 0 && t.eventsAcked > 0);
  assert.equal(t.unexpectedDuplicates, 0);
  assert.ok(t.eventsPerBatch >= 1 && t.eventsPerBatch <= 10);
  assert.ok(t.eventsPerSession >= 5 && t.eventsPerSession <= 40);
  assert.ok(r.afterLoad.liveSessions > 0, "sessions still live when the load stopped");

  // Acknowledged = stored, per session; resends answered as duplicates.
  const v = r.verdict;
  assert.equal(v.sessionsMismatched, 0, JSON.stringify(v.mismatchExamples));
  assert.equal(v.unknownSessions, 0);
  assert.equal(v.duplicateEventsStored, 0);
  assert.equal(v.sessionRowsMissing, 0, "every session ended and written at the close");
  assert.equal(v.sessionRowsRepeated, 0);
  assert.ok(v.sessionsCompared > 0);
  if (v.sessionsUncertain === 0) assert.equal(v.storedEvents, t.eventsAcked);
  assert.equal(v.ackedEvents, t.eventsAcked);
  assert.equal(v.ackedEqualsStored, true);
  assert.ok(t.resendsSent > 0, "some batches were resent");
  assert.equal(t.resendsApplied, 0, "no resend applied twice");
  assert.equal(t.resendsAnsweredDuplicate, t.resendsSent);
  assert.equal(v.resendsAnsweredAsDuplicates, true);
});
