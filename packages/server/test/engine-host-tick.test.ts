/**
 * The host's clock in slices (issue 24): a tick with many due sessions handles at most
 * TICK_SLICE of them (and about TICK_SLICE_MS) per turn of the event loop, and every one of them
 * is handled once.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Event } from "@intently/engine";
import { DuckDbStore } from "@intently/store";
import { EngineHost, TICK_SLICE } from "../src/engine-host.ts";

const T0 = Date.UTC(2026, 10, 2, 10, 0, 0);

test("a tick ending 5,000 sessions runs in slices of ≤ TICK_SLICE that yield to the event loop", async () => {
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
    // Sessions ended per turn of the event loop (a slice runs within one turn).
    const perTurn = new Map<number, number>();
    let turns = 0;
    host.onSessionsEnded((ended) => {
      perTurn.set(turns, (perTurn.get(turns) ?? 0) + ended.length);
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
    const slices = [...perTurn.values()];
    assert.equal(
      slices.reduce((a, b) => a + b, 0),
      sessions,
    );
    assert.ok(slices.length >= 3, `${slices.length} slices`);
    assert.ok(
      slices.every((n) => n <= TICK_SLICE),
      slices.join(","),
    );
  } finally {
    host.stop();
    await store.close();
  }
});
