import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { DEMO_SEGMENTS, ingestSimulation } from "@intently/demo-data";
import {
  Engine,
  FRAMEWORK_SEGMENT_IDS,
  isFrameworkSegmentId,
  persistedOf,
  SegmentSet,
  type SessionState,
} from "@intently/engine";
import { simulate } from "@intently/simulator";
import { DuckDbStore, SessionRecorder } from "../src/index.ts";
import type { EventRow, IntervalRow, PageViewRow, RowSink, SessionRow } from "../src/rows.ts";

/** A sink that keeps everything in arrays. */
class Capture implements RowSink {
  events: EventRow[] = [];
  sessions: SessionRow[] = [];
  intervals: IntervalRow[] = [];
  pages: PageViewRow[] = [];
  writeEvents(r: readonly EventRow[]) {
    this.events.push(...r);
  }
  writeSessions(r: readonly SessionRow[]) {
    this.sessions.push(...r);
  }
  writeIntervals(r: readonly IntervalRow[]) {
    this.intervals.push(...r);
  }
  writePageViews(r: readonly PageViewRow[]) {
    this.pages.push(...r);
  }
}

describe("recorder on a small simulation", () => {
  const sink = new Capture();
  const ended: SessionState[] = [];
  const truth = new Map<string, { purchased?: boolean; bot?: boolean }>();
  let lines = 0;

  before(() => {
    const set = new SegmentSet(DEMO_SEGMENTS);
    const engine = new Engine({ segmentsFor: () => set });
    const rec = new SessionRecorder(sink, { rollupEverySessions: 50 });
    let next = 0;
    let last = 0;
    for (const line of simulate({ sessions: 400, seed: 7, days: 1 })) {
      if (line.truth) truth.set(line.session, line.truth);
      const t = line.event.t;
      if (t >= next) {
        const r = engine.advance(t);
        rec.advanced(r, t);
        ended.push(...r.ended);
        next = t + 60_000;
      }
      rec.event(line.event, engine.process(line, line.event));
      lines++;
      last = t;
    }
    const r = engine.advance(last + engine.sessionTimeoutMs);
    rec.advanced(r, last + engine.sessionTimeoutMs);
    ended.push(...r.ended);
    // No explicit rec.flush(): ending the last live session writes the page rollups.
    assert.equal(rec.liveSessions, 0);
  });

  test("one session row per session, one event row per event", () => {
    assert.equal(sink.sessions.length, truth.size);
    assert.equal(new Set(sink.sessions.map((s) => s.session)).size, truth.size);
    assert.equal(sink.events.length, lines);
    for (const s of sink.sessions) {
      const t = truth.get(s.session)!;
      assert.equal(s.bot, t.bot === true, `${s.session} bot`);
      if (!s.bot) assert.equal(s.purchased, t.purchased === true, `${s.session} purchased`);
      assert.equal(s.purchased, s.revenue > 0);
    }
  });

  test("framework intervals tile each session: exactly one open at any instant", () => {
    const bySession = new Map<string, IntervalRow[]>();
    for (const iv of sink.intervals) {
      if (!isFrameworkSegmentId(iv.segment)) continue;
      const list = bySession.get(iv.session) ?? [];
      list.push(iv);
      bySession.set(iv.session, list);
    }
    for (const s of sink.sessions) {
      const list = bySession.get(s.session)!;
      assert.ok(list && list.length > 0, s.session);
      // Recorded in order of entry.
      assert.equal(list[0]!.enteredAt, s.startedAt);
      assert.equal(list[0]!.prevSegment, null);
      for (let i = 1; i < list.length; i++) {
        const a = list[i - 1]!;
        const b = list[i]!;
        assert.equal(b.enteredAt, a.exitedAt, `${s.session}: gap or overlap`);
        assert.equal(a.nextSegment, b.segment);
        assert.equal(b.prevSegment, a.segment);
        assert.notEqual(a.segment, b.segment);
      }
      for (const iv of list) assert.ok(iv.exitedAt >= iv.enteredAt);
      const lastIv = list[list.length - 1]!;
      assert.equal(lastIv.exitedAt, s.endedAt);
      assert.equal(lastIv.nextSegment, null);
      assert.equal(lastIv.segment, s.finalSegment);
      assert.ok(s.endedAt >= s.lastEventAt);
    }
  });

  test("custom intervals of one segment never overlap, and lie within the session", () => {
    const sessions = new Map(sink.sessions.map((s) => [s.session, s]));
    const groups = new Map<string, IntervalRow[]>();
    for (const iv of sink.intervals) {
      if (isFrameworkSegmentId(iv.segment)) continue;
      const k = `${iv.session}/${iv.segment}`;
      groups.set(k, [...(groups.get(k) ?? []), iv]);
    }
    assert.ok(groups.size > 0, "the demo segments matched somebody");
    for (const list of groups.values()) {
      list.sort((a, b) => a.enteredAt - b.enteredAt);
      const s = sessions.get(list[0]!.session)!;
      for (let i = 0; i < list.length; i++) {
        const iv = list[i]!;
        assert.ok(iv.enteredAt >= s.startedAt && iv.exitedAt <= s.endedAt);
        if (i > 0) assert.ok(iv.enteredAt >= list[i - 1]!.exitedAt);
      }
    }
  });

  test("memberships on the session row agree with the intervals and with the engine", () => {
    const states = new Map(ended.map((s) => [s.id, s]));
    for (const row of sink.sessions) {
      const mine = sink.intervals.filter((iv) => iv.session === row.session);
      const segs = new Set(mine.map((iv) => iv.segment));
      const bits = FRAMEWORK_SEGMENT_IDS.reduce((b, id, i) => (segs.has(id) ? b | (1 << i) : b), 0);
      assert.equal(row.frameworkSeen, bits);
      assert.deepEqual(
        new Set(row.customSegments),
        new Set([...segs].filter((s) => !isFrameworkSegmentId(s))),
      );
      assert.deepEqual(new Set(row.persistedSegments), segs);
      assert.deepEqual(new Set(persistedOf(states.get(row.session)!)), segs);
      for (const iv of mine) assert.equal(iv.bot, row.bot);
    }
  });

  test("page views rolled up by segment, bots left out", () => {
    const fw = sink.pages.filter((p) => isFrameworkSegmentId(p.segment));
    const views = fw.reduce((s, p) => s + p.views, 0);
    const expected = sink.sessions.filter((s) => !s.bot).reduce((s, r) => s + r.pageViews, 0);
    // Each page view counts once for the framework segment the session was in.
    assert.equal(views, expected);
    for (const p of sink.pages) assert.ok(p.sessions >= 1 && p.views >= p.sessions);
  });
});

describe("ingestSimulation into the DuckDB store", () => {
  let store: DuckDbStore;
  before(async () => {
    store = await DuckDbStore.open(null);
  });
  after(() => store.close());

  test("writes every session, event and interval; the session rollup matches the intervals", async () => {
    const r = await ingestSimulation({ sessions: 300, seed: 3, days: 2, store });
    const stats = await store.stats();
    assert.equal(r.sessions, 300);
    assert.deepEqual([stats.sessions, stats.events, stats.pending], [300, r.events, 0]);
    assert.ok(stats.intervals >= 300 && stats.pageViews > 0);
    // "Ever in" from the bitmask and list (what reports read) = from the intervals table.
    const p = { site: "demo", from: r.from, to: r.to + 1 };
    const [fw, custom] = await Promise.all([
      store.queries.frameworkTotals(p),
      store.queries.customTotals(p),
    ]);
    const fromIntervals = await store.db.exec(
      `SELECT segment, count(DISTINCT session) AS n FROM intervals WHERE NOT bot GROUP BY segment`,
    );
    const expected = new Map(fromIntervals.map((x) => [String(x.segment), Number(x.n)]));
    for (const s of [...fw.segments, ...custom])
      assert.equal(s.sessions, expected.get(s.segment) ?? 0, s.segment);
  });
});
