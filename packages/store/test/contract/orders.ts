/**
 * The order ledger: an order is counted once per site across sessions and visitors (the first
 * session showing it owns it), a refund lowers revenue once. Played through the real engine and
 * recorder; read back through reports only.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { Engine, type Event } from "@intently/engine";
import { DAY_MS, dataQualityReport, SessionRecorder, type Store } from "../../src/index.ts";
import { type MakeStore, storePerSuite } from "./support.ts";

const SITE = "orders";
const T0 = Date.UTC(2026, 0, 5, 10);
const PERIOD = { site: SITE, from: T0 - DAY_MS, to: T0 + DAY_MS };

const page = (t: number, url: string): Event => ({ type: "page_view", t, page: { url } });
const purchase = (t: number, id: string | undefined, value: number): Event => ({
  type: "purchase",
  t,
  ...(id ? { transaction_id: id } : {}),
  value,
  items: [{ id: "sku", price: value, quantity: 1 }],
});

/** [visitor, session, events], played one after another, an hour apart. */
const VISITS: [string, string, Event[]][] = [
  ["v1", "a", [page(0, "/checkout"), purchase(1000, "T1", 100)]],
  ["v1", "b", [page(0, "/thanks"), purchase(10, "T1", 100)]], // the order again: not counted
  ["v2", "c", [purchase(0, "T1", 100), purchase(20, "T2", 50)]], // cookies cleared: T2 only
  ["v3", "d", [purchase(0, undefined, 7)]], // no transaction id: always counts
];

async function play(store: Store): Promise<void> {
  const engine = new Engine();
  const rec = new SessionRecorder(store);
  let t = T0;
  for (const [visitor, session, events] of VISITS) {
    for (const e of events) {
      const ev = { ...e, t: t + e.t } as Event;
      rec.event(ev, engine.process({ site: SITE, visitor, session }, ev));
    }
    rec.end(engine.end(SITE, session)!, t + 60_000);
    t += 3_600_000;
  }
  await store.flush();
}

export function ordersContract(make: MakeStore): void {
  describe("order ledger", () => {
    const store = storePerSuite(make, play);

    test("a store has a ledger", () => {
      assert.ok(store().orders, "Store.orders");
    });

    test("each order counts once per site", async () => {
      const t = await store().queries.frameworkTotals(PERIOD);
      assert.deepEqual(t.total, { sessions: 4, conversions: 3, revenue: 157 });
      const dq = await dataQualityReport(store(), { site: SITE, now: T0 + 5 * 3_600_000 });
      assert.equal(dq.ordersDeduplicated, 2);
    });
  });
}
