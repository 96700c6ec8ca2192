import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { BandSketch, F, SessionState } from "@intently/engine";
import { liveView } from "../src/index.ts";

/** A live session with phase/state indices and scores set by hand. */
function live(
  id: string,
  o: {
    phase: number;
    state: number;
    last: number;
    xc: number;
    site?: string;
    bot?: boolean;
    custom?: string[];
  },
) {
  const s = new SessionState(o.site ?? "shop", `v_${id}`, id);
  s.n[F.StartT] = 1000;
  s.n[F.LastT] = o.last;
  s.n[F.Phase] = o.phase;
  s.n[F.Stage] = o.phase;
  s.n[F.State] = o.state;
  s.n[F.XC] = o.xc;
  s.n[F.XC0] = 0.01;
  s.n[F.XCMax] = o.xc;
  s.n[F.PageViews] = 3;
  s.n[F.CartValue] = 40;
  s.device = "mobile";
  if (o.bot) s.bot = "user-agent";
  if (o.custom) s.custom = o.custom;
  return s;
}

describe("live view", () => {
  const sessions = [
    live("a", { phase: 0, state: 0, last: 5000, xc: 0.02 }), // focused-browsers
    live("b", { phase: 1, state: 1, last: 9000, xc: 0.1, custom: ["searchers"] }), // struggling-explorers
    live("c", { phase: 3, state: 2, last: 7000, xc: 0.4 }), // abandoning-buyers
    live("d", { phase: 4, state: 2, last: 8000, xc: 1 }), // converted
    live("e", { phase: 1, state: 1, last: 9500, xc: 0.1, bot: true }), // bot: left out
    live("f", { phase: 0, state: 0, last: 9900, xc: 0.1, site: "other" }), // another site
  ];

  test("counts by segment and state, most recent first, scores and timelines", () => {
    const v = liveView(sessions, {
      now: 10_000,
      site: "shop",
      limit: 3,
      timelineOf: (_site, id) =>
        id === "b"
          ? [{ t: 9000, xC: 0.1, xATC: 0.2, xE: 0.3, segment: "struggling-explorers" }]
          : [],
    });
    assert.equal(v.total, 4);
    assert.equal(v.hiddenBots, 1, "the bot is counted as hidden");
    assert.equal(v.bySegment["focused-browsers"], 1);
    assert.equal(v.bySegment["struggling-explorers"], 1);
    assert.equal(v.bySegment["abandoning-buyers"], 1);
    assert.equal(v.bySegment.converted, 1);
    assert.equal(v.bySegment.searchers, 1);
    assert.equal(v.bySegment["focused-buyers"], 0);
    assert.deepEqual(v.byState, { focus: 1, struggle: 1, abandon: 2 });
    assert.deepEqual(
      v.sessions.map((s) => [s.session, s.segment, s.state, s.phase]),
      [
        ["b", "struggling-explorers", "struggle", "build-intent"],
        ["d", "converted", "abandon", "converted"],
        ["c", "abandoning-buyers", "abandon", "convert"],
      ],
    );
    const b = v.sessions[0]!;
    assert.deepEqual(b.custom, ["searchers"]);
    assert.deepEqual([b.durationSec, b.idleSec, b.pageViews, b.cartValue], [8, 1, 3, 40]);
    assert.deepEqual(b.scores.xC, { value: 0.1, initial: 0.01, max: 0.1, band: null });
    assert.equal(b.timeline.length, 1);
  });

  test("segment filter and bands", () => {
    const sketch = new BandSketch([0.01, 0.03, 0.06, 0.2]);
    const bands = { xC: sketch, xATC: sketch, xE: sketch };
    const v = liveView(sessions, {
      now: 10_000,
      site: "shop",
      segment: "searchers",
      bandsOf: () => bands,
    });
    assert.deepEqual(
      v.sessions.map((s) => s.session),
      ["b"],
    );
    assert.equal(v.sessions[0]!.scores.xC.band, "high"); // 0.06 ≤ 0.1 < 0.2
  });
});
