/**
 * Reports' figures on a fixed traffic: the hand-computable fixture (../fixture-sessions.ts: 7
 * non-bot sessions in the period, one bot that counts nowhere, two sessions the week before).
 * Every backend must give these figures; the report functions read only the port.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { ipsReport } from "../../src/index.ts";
import { DAY0, PERIOD, writeFixture } from "../fixture.ts";
import { type MakeStore, storePerSuite } from "./support.ts";

const HALF = { floor: 0.5, ceiling: 1 };
const EVEN = { engage: HALF, "build-intent": HALF, "maintain-intent": HALF, convert: HALF };

export function reportsContract(make: MakeStore): void {
  describe("reports on a fixed traffic", () => {
    const store = storePerSuite(make, writeFixture);

    test("framework totals: every session of the period, and per segment ever entered", async () => {
      const t = await store().queries.frameworkTotals(PERIOD);
      assert.deepEqual(t.total, { sessions: 7, conversions: 3, revenue: 300 });
      const of = (id: string) => t.segments.find((s) => s.segment === id);
      assert.deepEqual(of("focused-browsers"), {
        segment: "focused-browsers",
        sessions: 6,
        conversions: 2,
        revenue: 150,
      });
      assert.equal(of("converted")?.sessions, 3);
      assert.equal(of("struggling-considerers")?.sessions ?? 0, 0);
    });

    test("custom segment memberships (intervals)", async () => {
      const c = await store().queries.customTotals(PERIOD);
      assert.deepEqual(
        [...c].sort((a, b) => a.segment.localeCompare(b.segment)),
        [
          { segment: "high-value", sessions: 3, conversions: 2, revenue: 250 },
          { segment: "searchers", sessions: 4, conversions: 2, revenue: 250 },
        ],
      );
    });

    test("IPS: phases entered, progressed and dropped; revenue at stake", async () => {
      const r = await ipsReport(store(), PERIOD, { benchmarks: EVEN });
      assert.equal(r.sessions, 7);
      assert.deepEqual(
        r.phases.map((p) => [p.phase, p.entered, p.progressed, p.dropped, p.revenueAtStake]),
        [
          ["engage", 7, 6, 1, 50],
          ["build-intent", 6, 5, 1, 60],
          ["maintain-intent", 5, 4, 1, 75],
          ["convert", 4, 3, 1, 100],
        ],
      );
    });

    test("daily figures, top pages and measured overlap", async () => {
      const q = store().queries;
      assert.deepEqual(await q.daily(PERIOD, "focused-browsers"), [
        { day: DAY0, sessions: 2, conversions: 1, revenue: 100 },
        { day: DAY0 + 1, sessions: 4, conversions: 1, revenue: 50 },
      ]);
      assert.deepEqual(await q.topPages(PERIOD, "focused-browsers", 5), [
        { path: "/", pageType: "home", views: 7, sessions: 6 },
        { path: "/c/shoes", pageType: "category", views: 3, sessions: 2 },
      ]);
      const o = await q.overlap(PERIOD, "focused-browsers", "focused-explorers");
      assert.deepEqual([o.a, o.b, o.both], [6, 5, 4]);
    });

    test("an empty period", async () => {
      const empty = { ...PERIOD, from: 0, to: 1 };
      const t = await store().queries.frameworkTotals(empty);
      assert.deepEqual(t.total, { sessions: 0, conversions: 0, revenue: 0 });
      assert.equal((await ipsReport(store(), empty)).ips, null);
    });
  });
}
