import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { type EventLine, FEATURE_NAMES } from "@intently/engine";
import { simulate } from "@intently/simulator";
import fc from "fast-check";
import {
  atEvents,
  BETWEEN_MAX_MS,
  BETWEEN_MIN_MS,
  EXIT_HORIZON_MS,
  samplePrefixes,
} from "../src/dataset.ts";
import { buildDataset, groupSessions, timeSplit } from "../src/index.ts";

const STAGE = FEATURE_NAMES.indexOf("stage");
const CART_ADDS = FEATURE_NAMES.indexOf("cartAdds");

describe("training sets from event prefixes", () => {
  test("no snapshot at or after the label event (leakage)", async () => {
    const sessions = await groupSessions(simulate({ sessions: 400, seed: 5, days: 2 }));
    const d = buildDataset(sessions);
    assert.ok(d.rows.xC.x.length > 1000);
    d.rows.xC.x.forEach((x, i) => {
      const s = d.sessions[d.rows.xC.session[i]!]!;
      assert.ok(d.rows.xC.prefix[i]! < s.purchaseAt, "xC prefix at/after purchase");
      assert.ok(x[STAGE]! < 5, "a post-purchase snapshot leaked into xC");
      assert.equal(d.rows.xC.y[i], s.purchased ? 1 : 0);
    });
    d.rows.xATC.x.forEach((x, i) => {
      const s = d.sessions[d.rows.xATC.session[i]!]!;
      assert.ok(d.rows.xATC.prefix[i]! < s.cartAt);
      assert.equal(x[CART_ADDS], 0, "an add-to-cart leaked into xATC");
    });
    d.rows.xE.y.forEach((y, i) => {
      const s = d.sessions[d.rows.xE.session[i]!]!;
      assert.ok(d.rows.xE.prefix[i]! < s.purchaseAt);
      if (s.purchased) assert.equal(y, 0);
    });
    assert.ok(d.bots > 0, "bots are counted and left out");
  });

  test("xE labels: session ends within 5 minutes of the snapshot, without purchase", async () => {
    const t0 = Date.UTC(2026, 0, 1);
    const mk = (sec: number, type: string): EventLine =>
      ({
        site: "s",
        visitor: "v",
        session: "a",
        event: {
          type,
          t: t0 + sec * 1000,
          ...(type === "page_view" ? { page: { url: "/" } } : {}),
        },
      }) as EventLine;
    const sessions = await groupSessions([
      mk(0, "page_view"),
      mk(100, "click"),
      mk(400, "scroll"),
      mk(500, "click"),
    ]);
    const d = buildDataset(sessions);
    // Ends at 500 s: snapshots at 0 and 100 s are more than 5 minutes before the end.
    assert.equal(EXIT_HORIZON_MS, 300_000);
    assert.deepEqual(d.rows.xE.y, [0, 0, 1, 1]);
  });

  test("time split: every session on one side, held-out sessions are the latest", async () => {
    const sessions = await groupSessions(simulate({ sessions: 300, seed: 9, days: 3 }));
    const d = buildDataset(sessions);
    const s = timeSplit(d);
    const sides = new Map<number, string>();
    for (const [name, rows] of Object.entries(s.xC) as [string, { session: number[] }][]) {
      for (const i of rows.session) {
        assert.ok(!sides.has(i) || sides.get(i) === name, "a session on two sides");
        sides.set(i, name);
      }
    }
    const maxTrain = Math.max(...s.xC.train.session.map((i) => d.sessions[i]!.start));
    const minTest = Math.min(...s.xC.test.session.map((i) => d.sessions[i]!.start));
    assert.ok(maxTrain <= minTest);
  });

  test("prefix sampling keeps 1–5 and 10, at most the maximum, in order", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.integer({ min: 10, max: 60 }), (n, max) => {
        const ks = samplePrefixes(n, max);
        assert.ok(ks.length <= Math.max(max, 6));
        for (const k of [1, 2, 3, 4, 5, 10]) if (k <= n) assert.ok(ks.includes(k));
        for (let i = 1; i < ks.length; i++) assert.ok(ks[i]! > ks[i - 1]!);
        assert.ok(ks.every((k) => k >= 1 && k <= n));
      }),
    );
  });

  test("between-event rows: the same state later, before the next event, same labels, xE from then", async () => {
    const sessions = await groupSessions(simulate({ sessions: 120, seed: 5, days: 1 }));
    const plain = buildDataset(sessions);
    const d = buildDataset(sessions, { betweenEvents: true });
    const SINCE = FEATURE_NAMES.indexOf("secondsSinceActivity");
    // The rows at events are exactly the plain data set's.
    assert.deepEqual(atEvents(d.rows.xC).y, plain.rows.xC.y);
    assert.deepEqual(atEvents(d.rows.xE).x, plain.rows.xE.x);
    let between = 0;
    d.rows.xE.x.forEach((x, i) => {
      const after = d.rows.xE.after[i]!;
      if (after === 0) return;
      between++;
      const s = d.sessions[d.rows.xE.session[i]!]!;
      const k = d.rows.xE.prefix[i]!;
      const rec = sessions.find((r) => r.key === s.key)!;
      const t = rec.lines[k - 1]!.event.t;
      const next = rec.lines[k]?.event.t ?? Number.POSITIVE_INFINITY;
      assert.ok(after >= BETWEEN_MIN_MS && after <= BETWEEN_MAX_MS && t + after <= next);
      // The previous row is the same prefix at its event: only the clock moved.
      const at = d.rows.xE.x[i - 1]!;
      assert.equal(d.rows.xE.prefix[i - 1], k);
      assert.ok(Math.abs(x[SINCE]! - at[SINCE]! - after / 1000) < 1e-9);
      assert.equal(x[STAGE], at[STAGE]);
      assert.equal(d.rows.xE.y[i], !s.purchased && s.end - (t + after) <= EXIT_HORIZON_MS ? 1 : 0);
    });
    assert.ok(between > 100, `${between} between-event rows`);
  });
});
