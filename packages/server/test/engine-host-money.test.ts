/**
 * One book of site money (issue 19, review): the engine host's settings reach the engine and the
 * store's order ledger at once — after a rate changes, the next order is converted at the new
 * rate by both (the live session's revenue and the ledger's row); once the site is gone, both
 * count amounts as sent.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { type Event, F } from "@intently/engine";
import { DuckDbStore } from "@intently/store";
import { EngineHost } from "../src/engine-host.ts";

const SITE = "uk";
const T0 = Date.UTC(2026, 10, 2, 10, 0, 0);

test("a rate change is seen by the engine and the order ledger at once", async () => {
  const store = await DuckDbStore.open(null);
  try {
    const host = new EngineHost(store, () => T0);
    host.siteSettings(SITE, { currency: "GBP", currencyRates: { EUR: 0.85 } });
    /** An order of 100 EUR in its own session; the engine's live revenue for it. */
    const order = (n: number) => {
      const ref = { site: SITE, visitor: `v${n}`, session: `s${n}` };
      const e = {
        type: "purchase",
        t: T0 + n,
        transaction_id: `T${n}`,
        value: 100,
        currency: "EUR",
      };
      host.process(ref, e as Event);
      return host.engine.get(SITE, ref.session)!.n[F.Revenue];
    };
    assert.equal(order(1), 85);
    host.siteSettings(SITE, { currency: "GBP", currencyRates: { EUR: 0.9 } });
    assert.equal(order(2), 90);
    host.siteSettings(SITE, undefined); // the site is gone: amounts as sent
    assert.equal(order(3), 100);
    host.endAll(T0 + 10);
    await store.flush();
    const rows = await store.db.query(
      "SELECT transaction_id AS id, value, currency FROM order_events ORDER BY t",
    );
    assert.deepEqual(
      rows.map((r) => [r.id, Number(r.value), r.currency]),
      [
        ["T1", 85, null],
        ["T2", 90, null],
        ["T3", 100, null],
      ],
    );
    const sessions = await store.db.query("SELECT session, revenue FROM sessions ORDER BY session");
    assert.deepEqual(
      sessions.map((r) => [r.session, Number(r.revenue)]),
      [
        ["s1", 85],
        ["s2", 90],
        ["s3", 100],
      ],
    );
  } finally {
    await store.close();
  }
});
