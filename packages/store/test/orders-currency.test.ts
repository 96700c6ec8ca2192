/**
 * Orders in other currencies (issue 19) on the real engine, recorder and DuckDB store, across a
 * restart: converted with the site's rate, or kept apart without one (value 0, the currency and
 * amount on the row); a refund of an order kept apart lowers what is kept apart, once; a
 * duplicate counts nothing; unlike currencies are never summed.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { Engine, type Event, F, SiteMoneyBook, siteAmount, siteMoneyOf } from "@intently/engine";
import { DuckDbStore, dataQualityReport, SessionRecorder } from "../src/index.ts";

const SITE = "uk";
const T0 = Date.UTC(2026, 0, 5, 10);

const purchase = (t: number, id: string, value: number, currency?: string): Event => ({
  type: "purchase",
  t,
  transaction_id: id,
  value,
  ...(currency ? { currency } : {}),
});
const refund = (t: number, id: string, value: number, currency?: string): Event => ({
  type: "refund",
  t,
  transaction_id: id,
  value,
  ...(currency ? { currency } : {}),
});

const MONEY = { currency: "GBP", rates: { EUR: 0.85 } };

/**
 * Plays a session as the server's host does: one book of site money, read from the stored site
 * settings, shared by the engine and the store's order ledger; returns the live session's revenue
 * just before it ends (the engine's own figure).
 */
async function play(store: DuckDbStore, session: string, events: Event[], t: number) {
  const money = new SiteMoneyBook();
  money.set(SITE, siteMoneyOf((await store.config.getSite(SITE))!.settings));
  const engine = new Engine({ money });
  store.orders.useMoney(money);
  const rec = new SessionRecorder(store);
  for (const e of events) {
    const ev = { ...e, t: t + e.t } as Event;
    rec.event(ev, engine.process({ site: SITE, visitor: `v-${session}`, session }, ev));
  }
  const live = engine.get(SITE, session)!.n[F.Revenue]!;
  rec.end(engine.end(SITE, session)!, t + 60_000);
  await store.flush();
  return live;
}

test("siteAmount: the site's own currency as is, converted with a rate, else kept apart", () => {
  const money = { currency: "GBP", rates: { EUR: 0.85 } };
  assert.deepEqual(siteAmount(10, undefined, money), {
    value: 10,
    currency: null,
    amount: null,
    apart: false,
  });
  assert.equal(siteAmount(10, "gbp", money).value, 10);
  assert.deepEqual(siteAmount(100, "EUR", money), {
    value: 85,
    currency: "EUR",
    amount: 100,
    apart: false,
  });
  assert.deepEqual(siteAmount(500, "JPY", money), {
    value: 0,
    currency: "JPY",
    amount: 500,
    apart: true,
  });
  assert.equal(siteAmount(10, "JPY", undefined).value, 10, "an unknown site: as sent");
});

test("orders in other currencies across a restart: converted, kept apart, refunded once", async () => {
  const dir = mkdtempSync(join(tmpdir(), "intently-currency-"));
  try {
    let store = await DuckDbStore.open(dir);
    await store.config.createWorkspace({ id: "w", name: "W" });
    await store.config.createSite({
      id: SITE,
      workspaceId: "w",
      name: "UK",
      publicKey: "pk_uk",
      settings: { currency: MONEY.currency, currencyRates: MONEY.rates },
    });
    const liveA = await play(
      store,
      "a",
      [purchase(0, "J1", 12000, "JPY"), purchase(5, "E1", 100, "EUR")],
      T0,
    );
    // Live too, the yen order is not summed into the session's revenue (a custom segment on
    // revenue sees 85 GBP, not 12,085).
    assert.equal(liveA, 85);
    await store.close();

    store = await DuckDbStore.open(dir); // the ledger's orders and the rates from the folder
    await play(
      store,
      "b",
      [
        purchase(0, "J1", 12000, "JPY"), // a duplicate: nothing counts
        refund(5, "J1", 2000, "JPY"),
        refund(6, "J1", 2000, "JPY"), // the same refund again: once
        purchase(9, "G1", 30),
      ],
      T0 + 3_600_000,
    );
    const sessions = await store.db.query(
      "SELECT session, orders, revenue FROM sessions ORDER BY session",
    );
    assert.deepEqual(
      sessions.map((r) => [r.session, Number(r.orders), Number(r.revenue)]),
      [
        ["a", 2, 85],
        ["b", 1, 30],
      ],
    );
    const dq = await dataQualityReport(store, { site: SITE, now: T0 + 2 * 3_600_000 });
    assert.deepEqual(dq.otherCurrencies, [{ currency: "JPY", orders: 1, amount: 10000 }]);
    assert.equal(dq.ordersDeduplicated, 1);
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
