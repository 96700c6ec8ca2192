/**
 * The host's clock in slices (issue 24): a tick with many due sessions handles at most
 * TICK_SLICE of them per turn of the event loop, and every one of them is handled once.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Event } from "@intently/engine";
import { DuckDbStore } from "@intently/store";
import { EngineHost, TICK_SLICE } from "../src/engine-host.ts";

const T0 = Date.UTC(2026, 10, 2, 10, 0, 0);

test("a tick ending 5,000 sessions runs in slices of TICK_SLICE that yield to the event loop", async () => {
  const store = await DuckDbStore.open(null);
  let now = T0;
  const host = new EngineHost(store, () => now);
  try {
    const sessions = 2 * TICK_SLICE + 1_000;
    for (let i = 0; i < sessions; i++) {
      host.process({ site: "site", visitor: `v${i}`, session: `s${i}` }, {
        type: "page_view",
        t: T0,
        page: { url: "https://shop.test/" },
      } as Event);
    }
    // What happens between two batches of ended sessions: the event loop turns.
    const batches: number[] = [];
    let turns = 0;
    let turnsAtLastBatch = -1;
    let yielded = true;
    host.onSessionsEnded((ended) => {
      batches.push(ended.length);
      if (turnsAtLastBatch >= 0 && turns === turnsAtLastBatch) yielded = false;
      turnsAtLastBatch = turns;
    });
    // Counts turns of the loop's check phase, where the slices run too (no timing involved).
    let spinning = true;
    const spin = () => {
      turns++;
      if (spinning) setImmediate(spin);
    };
    setImmediate(spin);
    now = T0 + 31 * 60_000;
    host.start(5);
    const deadline = Date.now() + 20_000;
    while (host.engine.liveSessions() > 0 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 5));
    spinning = false;
    host.stop();
    assert.equal(host.engine.liveSessions(), 0);
    assert.deepEqual(batches, [TICK_SLICE, TICK_SLICE, 1_000]);
    assert.ok(yielded, "the event loop turned between slices");
  } finally {
    host.stop();
    await store.close();
  }
});
