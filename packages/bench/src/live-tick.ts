/**
 * The live streams' cost per engine tick (issue 24): with S streams open on a site of N live
 * sessions, what a tick costs the live hub beside the engine's own advance(). Before: every
 * stream's view rebuilt by a scan of every live session (store liveView, what the hub did on
 * each tick), serialised. After: the incremental index (server live-index.ts) told of the
 * tick's changed and ended sessions, then every stream's view read from it (with the reasons
 * of shown rows whose scores moved), serialised. Both on the same engine state, tick after
 * tick, on the tick bench's traffic (tick.ts); the views are checked equal (reasons aside).
 */
import { Engine, type Scorer } from "@intently/engine";
import { LiveIndex } from "@intently/server";
import { liveView } from "@intently/store";
import { round, spreadOf } from "./runner.ts";
import { T, traffic } from "./tick.ts";

export interface LiveTickBenchOptions {
  liveSessions: number[];
  ticks: number;
  seed: number;
  scorer: Scorer;
  /** The open streams' queries (default: limit 50, limit 100, and one segment). */
  streams?: { segment?: string; limit: number }[];
}

const TICK_MS = 5_000;
const DEFAULT_STREAMS = [
  { limit: 50 },
  { limit: 100 },
  { segment: "drifting-explorers", limit: 50 },
];

const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;

function summary(values: number[]) {
  const s = spreadOf(values);
  return { medianMs: round(s.median, 3), maxMs: round(s.max, 3) };
}

export function benchLiveTick(o: LiveTickBenchOptions) {
  const streams = o.streams ?? DEFAULT_STREAMS;
  const points = o.liveSessions.map((n) => {
    const engine = new Engine({ scorerFor: () => o.scorer });
    for (const { ref, event } of traffic(n, o.seed)) engine.process(ref, event);
    engine.advance(T);
    let now = T;
    const index = new LiveIndex(
      {
        sessions: () => engine.sessions(),
        get: (site, id) => engine.get(site, id),
        bandsOf: (site) => engine.bandsOf(site),
        scorerOf: () => o.scorer,
      },
      () => now,
    );
    const queries = streams.map((q) => ({ site: "bench", ...q }));
    const t0 = process.hrtime.bigint();
    for (const q of queries) index.view(q);
    const buildMs = ms(t0);
    const before: number[] = [];
    const after: number[] = [];
    const engineMs: number[] = [];
    let same = true;
    let changed = 0;
    for (let k = 1; k <= o.ticks; k++) {
      now = T + k * TICK_MS;
      const a0 = process.hrtime.bigint();
      const r = engine.advance(now);
      engineMs.push(ms(a0));
      changed += r.updates.length + r.ended.length;
      const b0 = process.hrtime.bigint();
      const scanned = queries.map((q) =>
        JSON.stringify(
          liveView(engine.sessions(), { now, ...q, bandsOf: (s) => engine.bandsOf(s) }),
        ),
      );
      before.push(ms(b0));
      const i0 = process.hrtime.bigint();
      for (const u of r.updates) {
        const s = engine.get(u.site, u.session);
        if (s) index.touched(s);
      }
      for (const s of r.ended) index.ended(s);
      index.ticked();
      const views = queries.map((q) => index.view(q));
      const read = views.map((v) => JSON.stringify(v));
      after.push(ms(i0));
      for (const v of views) for (const row of v.sessions) delete row.reasons;
      if (views.some((v, i) => JSON.stringify(v) !== scanned[i])) same = false;
      void read;
    }
    const b = summary(before);
    const a = summary(after);
    return {
      liveSessions: engine.liveSessions(),
      streams: queries.length,
      engineAdvance: summary(engineMs),
      changedPerTick: round(changed / o.ticks, 1),
      indexBuildMs: round(buildMs, 3),
      scan: b,
      incremental: a,
      sameViews: same,
      speedup: round(b.medianMs / Math.max(a.medianMs, 1e-3), 1),
    };
  });
  return {
    what: "live hub work per engine tick (5 s): S stream views by full scan vs incremental index",
    scorer: o.scorer.name,
    ticks: o.ticks,
    points,
    node: process.version,
  };
}
