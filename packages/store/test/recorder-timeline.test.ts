/**
 * The recorder's compact live state (issue 24): each live session's score timeline is a ring in
 * a slab slot; it keeps the last `timelinePoints` updates, oldest first — times exact, scores
 * quantised to 1/65535 (within half a step of what came) — and a slot reused by a new session
 * starts empty.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { Engine, type SessionUpdate } from "@intently/engine";
import { simulate } from "@intently/simulator";
import { SessionRecorder } from "../src/index.ts";
import type { TimelinePoint } from "../src/recorder.ts";
import type { RowSink } from "../src/rows.ts";

const sink: RowSink = {
  writeEvents() {},
  writeSessions() {},
  writeIntervals() {},
  writePageViews() {},
};

const pointOf = (u: SessionUpdate): TimelinePoint => ({
  t: u.t,
  xC: u.scores.xC.value,
  xATC: u.scores.xATC.value,
  xE: u.scores.xE.value,
  segment: u.segment,
});

/** Same points: times and segments exact, scores within half a quantisation step. */
function sameTimeline(got: readonly TimelinePoint[], want: TimelinePoint[]): void {
  assert.deepEqual(
    got.map((p) => [p.t, p.segment]),
    want.map((p) => [p.t, p.segment]),
  );
  for (let i = 0; i < want.length; i++)
    for (const k of ["xC", "xATC", "xE"] as const) {
      const d = Math.abs(got[i]![k] - want[i]![k]);
      assert.ok(d <= 0.5 / 65_535 + 1e-12, `${k} ${got[i]![k]} vs ${want[i]![k]}`);
    }
}

test("a live session's timeline is its last N updates, oldest first; reused slots start empty", () => {
  const points = 4;
  const engine = new Engine();
  const rec = new SessionRecorder(sink, { timelinePoints: points, events: false });
  const seen = new Map<string, TimelinePoint[]>();
  let next = Number.NEGATIVE_INFINITY;
  let checked = 0;
  /** The model: every update a point at its time, never before the session's last one. */
  const follow = (u: SessionUpdate, at: number) => {
    const mine = seen.get(u.session) ?? [];
    const p = pointOf(u);
    p.t = Math.max(at, mine.at(-1)?.t ?? at);
    mine.push(p);
    seen.set(u.session, mine);
  };
  for (const line of simulate({ sessions: 400, seed: 5, days: 1 })) {
    const t = line.event.t;
    if (t >= next) {
      if (next !== Number.NEGATIVE_INFINITY) {
        const r = engine.advance(t);
        rec.advanced(r, t);
        for (const u of r.updates) follow(u, t);
        for (const s of r.ended) {
          seen.delete(s.id);
          assert.deepEqual(rec.timeline(s.site, s.id), []);
        }
      }
      next = t + 60_000;
    }
    const u = engine.process(line, line.event);
    rec.event(line.event, u);
    follow(u, u.t);
    const mine = seen.get(line.session)!;
    sameTimeline(rec.timeline(line.site, line.session), mine.slice(-points));
    checked++;
  }
  assert.ok(checked > 5000);
  assert.equal(rec.liveSessions, engine.liveSessions());
});
