/**
 * Once per order, per site (issue 19): the real engine, recorder and DuckDB store. The same
 * transaction id in a second session of the visitor, and in a session of another visitor after a
 * cookie reset, is counted once; refunds lower the site's revenue once, at most by the order.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { Engine, type Event } from "@intently/engine";
import { DuckDbStore, dataQualityReport, SessionRecorder } from "../src/index.ts";

const SITE = "s1";
const T0 = Date.UTC(2026, 0, 5, 10);

interface Visit {
  visitor: string;
  session: string;
  events: Event[];
}

const page = (t: number, url: string, type?: "confirmation"): Event => ({
  type: "page_view",
  t,
  page: { url, ...(type ? { type } : {}) },
});
const purchase = (t: number, id: string | undefined, value: number): Event => ({
  type: "purchase",
  t,
  ...(id ? { transaction_id: id } : {}),
  value,
  items: [{ id: "sku", price: value, quantity: 1 }],
});
const refund = (t: number, id: string, value: number): Event => ({
  type: "refund",
  t,
  transaction_id: id,
  value,
});

/** Plays visits one after another (each ends before the next starts); returns the store. */
async function play(store: DuckDbStore, visits: Visit[], start = T0): Promise<void> {
  const engine = new Engine();
  const rec = new SessionRecorder(store);
  let t = start;
  for (const v of visits) {
    for (const e of v.events) {
      const ev = { ...e, t: t + e.t } as Event;
      rec.event(ev, engine.process({ site: SITE, visitor: v.visitor, session: v.session }, ev));
    }
    const s = engine.end(SITE, v.session)!;
    rec.end(s, t + 60_000);
    t += 3_600_000;
  }
  await store.flush();
}

async function rows(store: DuckDbStore) {
  const r = await store.db.query(
    "SELECT session, orders, revenue, purchased FROM sessions ORDER BY started_at",
  );
  return r.map((x) => [String(x.session), Number(x.orders), Number(x.revenue), x.purchased]);
}

test("the same order in two sessions of a visitor and after a cookie reset counts once", async () => {
  const store = await DuckDbStore.open(null);
  try {
    await play(store, [
      { visitor: "v1", session: "a", events: [page(0, "/checkout"), purchase(1000, "T1", 100)] },
      // The thank-you page reopened later: a new session of the same visitor, the order again.
      {
        visitor: "v1",
        session: "b",
        events: [page(0, "/thanks", "confirmation"), purchase(10, "T1", 100)],
      },
      // Cookies cleared: another visitor, the same order (twice: dataLayer and gtag), a new one.
      {
        visitor: "v2",
        session: "c",
        events: [purchase(0, "T1", 100), purchase(5, "T1", 100), purchase(20, "T2", 50)],
      },
      // A purchase without a transaction id has no identity: it always counts.
      { visitor: "v3", session: "d", events: [purchase(0, undefined, 7)] },
    ]);
    assert.deepEqual(await rows(store), [
      ["a", 1, 100, true],
      ["b", 0, 0, false],
      ["c", 1, 50, true],
      ["d", 1, 7, true],
    ]);
    assert.equal(store.orders.ownerOf(SITE, "T1"), "a");
    const dq = await dataQualityReport(store, { site: SITE, now: T0 + 5 * 3_600_000 });
    // b's T1, c's two T1 (different times): three order events not counted.
    assert.equal(dq.ordersDeduplicated, 3);
    // b saw a confirmation but every order it read belonged to a: not "without a value".
    assert.equal(dq.ordersWithoutValue, 0);
  } finally {
    await store.close();
  }
});

test("refunds lower the site's revenue once, at most by the order, in any session", async () => {
  const store = await DuckDbStore.open(null);
  try {
    await play(store, [
      { visitor: "v1", session: "a", events: [purchase(0, "T1", 100), refund(10, "T1", 20)] },
      // A later partial refund seen in another session (the order's owner already ended).
      { visitor: "v1", session: "b", events: [page(0, "/account"), refund(10, "T1", 30)] },
      // The same refund again (another session): ignored.
      { visitor: "v2", session: "c", events: [page(0, "/"), refund(10, "T1", 30)] },
      // More than is left of the order: only what is left (50) comes off.
      { visitor: "v2", session: "d", events: [purchase(0, "T9", 40), refund(10, "T1", 500)] },
    ]);
    const r = await rows(store);
    assert.deepEqual(r, [
      ["a", 1, 80, true],
      ["b", 0, -30, false],
      ["c", 0, 0, false],
      ["d", 1, -10, true],
    ]);
    const total = r.reduce((a, x) => a + (x[2] as number), 0);
    assert.equal(total, 100 - 20 - 30 - 50 + 40); // T1 fully refunded, T9 kept
  } finally {
    await store.close();
  }
});

test("the ledger survives a restart: an order stored before is a duplicate after", async () => {
  const dir = mkdtempSync(join(tmpdir(), "intently-orders-"));
  try {
    let store = await DuckDbStore.open(dir);
    await play(store, [{ visitor: "v1", session: "a", events: [purchase(0, "T1", 100)] }]);
    await store.close();
    store = await DuckDbStore.open(dir);
    await play(
      store,
      [{ visitor: "v9", session: "z", events: [purchase(0, "T1", 100), purchase(9, "T2", 5)] }],
      T0 + 86_400_000,
    );
    assert.deepEqual((await rows(store)).at(-1), ["z", 1, 5, true]);
    // Erasing the owner's visitor forgets the order: its rows go with the visitor's data.
    await store.eraseVisitor(SITE, "v1");
    assert.equal(store.orders.ownerOf(SITE, "T1"), undefined);
    const left = await store.db.query(
      "SELECT count(*) AS c FROM order_events WHERE visitor = 'v1'",
    );
    assert.equal(Number(left[0]!.c), 0);
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
