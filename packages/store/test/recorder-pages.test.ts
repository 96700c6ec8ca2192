/**
 * The recorder's page-view rollups (issue 24: a live session holds its page views as packed key
 * ids until it ends): recounted here from the engine's updates — each page view once per
 * segment the session was in, by the session's start day, bots left out, `sessions` counting
 * each session once per row key — they match what the recorder wrote, over several writes.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { DEMO_SEGMENTS } from "@intently/demo-data";
import { Engine, pathOf, SegmentSet } from "@intently/engine";
import { simulate } from "@intently/simulator";
import { SessionRecorder } from "../src/index.ts";
import { DAY_MS, type PageViewRow, type RowSink, type SessionRow } from "../src/rows.ts";

test("page-view rollups equal a recount from the updates, bots left out", () => {
  const pages: PageViewRow[] = [];
  const sessions: SessionRow[] = [];
  const sink: RowSink = {
    writeEvents() {},
    writeSessions: (r) => sessions.push(...r),
    writeIntervals() {},
    writePageViews: (r) => pages.push(...r),
  };
  const set = new SegmentSet(DEMO_SEGMENTS);
  const engine = new Engine({ segmentsFor: () => set });
  const rec = new SessionRecorder(sink, { events: false, rollupEverySessions: 40 });
  /** Per session: views by segment \0 path \0 page type. */
  const seen = new Map<string, Map<string, number>>();
  let next = 0;
  let last = 0;
  for (const line of simulate({ sessions: 600, seed: 11, days: 2 })) {
    const t = line.event.t;
    if (t >= next) {
      rec.advanced(engine.advance(t), t);
      next = t + 60_000;
    }
    const u = engine.process(line, line.event);
    rec.event(line.event, u);
    if (line.event.type === "page_view") {
      const mine = seen.get(line.session) ?? new Map<string, number>();
      const page = `${pathOf(line.event.page.url)}\u0000${line.event.page.type ?? ""}`;
      for (const seg of u.segments) {
        const k = `${seg}\u0000${page}`;
        mine.set(k, (mine.get(k) ?? 0) + 1);
      }
      seen.set(line.session, mine);
    }
    last = t;
  }
  const end = last + engine.sessionTimeoutMs;
  rec.advanced(engine.advance(end), end);
  assert.equal(rec.liveSessions, 0);

  const want = new Map<string, { views: number; sessions: number }>();
  let bots = 0;
  for (const s of sessions) {
    if (s.bot) {
      bots += seen.has(s.session) ? 1 : 0;
      continue;
    }
    for (const [k, views] of seen.get(s.session) ?? []) {
      const rk = `${s.site}\u0000${Math.floor(s.startedAt / DAY_MS)}\u0000${k}`;
      const cur = want.get(rk) ?? { views: 0, sessions: 0 };
      cur.views += views;
      cur.sessions += 1;
      want.set(rk, cur);
    }
  }
  const got = new Map<string, { views: number; sessions: number }>();
  for (const p of pages) {
    const rk = [p.site, p.day, p.segment, p.path, p.pageType].join("\u0000");
    const cur = got.get(rk) ?? { views: 0, sessions: 0 };
    cur.views += p.views;
    cur.sessions += p.sessions;
    got.set(rk, cur);
  }
  assert.ok(bots > 0, "some bot sessions viewed pages (and are left out)");
  assert.ok(pages.length > got.size, "rows of one key were written in several rollups");
  assert.ok(
    [...want.keys()].some((k) => k.includes("mobile-shoppers")),
    "custom segments",
  );
  assert.deepEqual(got, want);
});
