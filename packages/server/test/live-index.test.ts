/**
 * The live streams' incremental view (issue 24, live-index.ts) equals the full scan of GET /live
 * (store liveView) on random traffic: events in and out of order, bots, purchases, ticks that
 * move sessions to Abandon and end them, for the whole site and per segment — while a tick
 * touches only the sessions the engine reports. A session ended outside the host (erasure)
 * leaves the rows at once and the counts when the tick's sweep passes it.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { Engine, type Event, FRAMEWORK_SEGMENT_IDS } from "@intently/engine";
import { priorScorer } from "@intently/intent-model";
import { DuckDbStore, liveView } from "@intently/store";
import { LiveIndex } from "../src/api/reports/live-index.ts";
import { EXPLAINED_PER_VIEW } from "../src/api/reports/live-reasons.ts";
import { EngineHost } from "../src/engine-host.ts";

const T0 = Date.UTC(2026, 10, 2, 10, 0, 0);

/** A seeded generator (mulberry32): the same traffic on every run. */
function createRng(seed: number) {
  let a = seed >>> 0;
  return {
    next(): number {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
  };
}
const BOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";
const PHONE =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";

function event(kind: number, t: number, i: number): Event {
  const page = (type: string) => ({ url: `https://shop.test/${type}/${i}`, type });
  const item = { id: `SKU${i % 7}`, price: 10 + (i % 50), quantity: 1 };
  const all = [
    { type: "page_view", t, page: page("product") },
    { type: "page_view", t, page: page("category") },
    { type: "add_to_cart", t, items: [item] },
    { type: "begin_checkout", t, items: [item] },
    { type: "purchase", t, value: item.price, transaction_id: `o${i}`, items: [item] },
    { type: "rage_click", t, target: "button.buy" },
  ];
  return all[kind % all.length] as Event;
}

test("the incremental view equals the full scan on random traffic, ticks and ends", async () => {
  const store = await DuckDbStore.open(null);
  let now = T0;
  const host = new EngineHost(store, () => now);
  const index = new LiveIndex(
    {
      sessions: () => host.engine.sessions(),
      get: (site, id) => host.engine.get(site, id),
      bandsOf: (site) => host.engine.bandsOf(site),
      timelineOf: (site, id) => host.recorder.timeline(site, id),
    },
    () => now,
  );
  let touched = 0;
  host.onLiveSessions({
    touched: (s) => {
      touched++;
      index.touched(s);
    },
    ended: (s) => index.ended(s),
    ticked: () => index.ticked(),
  });
  const rng = createRng(9);
  const queries = [
    { site: "a", limit: 7 },
    { site: "a", limit: 200 },
    ...FRAMEWORK_SEGMENT_IDS.filter((_, i) => i % 3 !== 1).map((segment) => ({
      site: "a",
      segment,
      limit: 4,
    })),
    { site: "b", limit: 10 },
  ];
  const seen = { bots: 0, converted: 0, abandon: 0, rows: 0 };
  const check = (step: number) => {
    for (const q of queries) {
      const got = index.view(q);
      seen.bots = Math.max(seen.bots, got.hiddenBots);
      seen.converted = Math.max(seen.converted, got.bySegment.converted ?? 0);
      seen.abandon = Math.max(seen.abandon, got.byState.abandon ?? 0);
      seen.rows = Math.max(seen.rows, got.sessions.length);
      const want = liveView(host.engine.sessions(), {
        now,
        ...q,
        bandsOf: (s) => host.engine.bandsOf(s),
        timelineOf: (s, id) => host.recorder.timeline(s, id),
      });
      assert.deepEqual(got, want, `step ${step}, ${JSON.stringify(q)}`);
    }
  };
  try {
    check(0);
    for (let step = 1; step <= 1500; step++) {
      now += Math.floor(rng.next() * 4000);
      const i = Math.floor(rng.next() * 80);
      const site = i % 5 === 0 ? "b" : "a";
      const ua = i % 11 === 0 ? BOT : PHONE;
      // Some events arrive late, stamped before others already processed.
      const t = now - (rng.next() < 0.2 ? Math.floor(rng.next() * 20_000) : 0);
      host.process(
        { site, visitor: `v${i}`, session: `s${i}-${Math.floor(step / 600)}`, context: { ua } },
        event(Math.floor(rng.next() * 12) % 6 === 5 ? 5 : Math.floor(rng.next() * 5), t, i),
      );
      if (step % 97 === 0) {
        now += 70_000 + Math.floor(rng.next() * 30 * 60_000);
        touched = 0;
        const updates = host.advance(now);
        // A tick touches the index only for the sessions the engine reports as changed.
        assert.equal(touched, updates.length);
      }
      if (step % 10 === 0) check(step);
    }
    check(-1);
    // The traffic reached every case the index keeps apart.
    assert.ok(
      seen.bots > 0 && seen.converted > 0 && seen.abandon > 0 && seen.rows > 7,
      JSON.stringify(seen),
    );

    // Erasure ends a session outside the host: gone from the rows now, from the counts when the
    // sweep passes (a tick here: fewer live sessions than SWEEP_PER_TICK).
    const rows = index.view({ site: "a", limit: 200 }).sessions;
    const [newest, oldest] = [rows[0]!, rows.at(-1)!];
    host.engine.end("a", newest.session);
    host.engine.end("a", oldest.session);
    assert.notEqual(index.view({ site: "a", limit: 1 }).sessions[0]?.session, newest.session);
    now += 1000;
    host.advance(now);
    check(-2);
  } finally {
    await store.close();
  }
});

test("reasons: at most EXPLAINED_PER_VIEW rows explained per view, the rest at the next one, exactly", async () => {
  const scorer = priorScorer();
  const engine = new Engine({ scorerFor: () => scorer });
  let now = T0;
  const index = new LiveIndex(
    {
      sessions: () => engine.sessions(),
      get: (site, id) => engine.get(site, id),
      bandsOf: (site) => engine.bandsOf(site),
      scorerOf: () => scorer,
    },
    () => now,
  );
  const n = EXPLAINED_PER_VIEW + 10;
  const step = (kind: number) => {
    for (let i = 0; i < n; i++) {
      const s = engine.process(
        { site: "a", visitor: `v${i}`, session: `s${i}` },
        event(kind, now, i),
      );
      index.touched(engine.get("a", s.session)!);
    }
  };
  step(0);
  assert.ok(index.view({ site: "a", limit: 100 }).sessions.every((r) => !r.reasons));
  now += 2000;
  step(2); // an add to cart each: every score moves
  const explained = () =>
    index.view({ site: "a", limit: 100 }).sessions.filter((r) => r.reasons?.xATC);
  assert.equal(explained().length, EXPLAINED_PER_VIEW);
  const all = explained();
  assert.equal(all.length, n);
  for (const r of all) {
    const move = r.reasons!.xATC!;
    assert.equal(move.to, 1);
    const sum = move.reasons.reduce((t, x) => t + x.points, 0);
    assert.ok(Math.abs(sum - (move.to - move.from) * 100) < 1e-6);
    assert.equal(move.reasons[0]!.label, "Add-to-carts");
  }
});
