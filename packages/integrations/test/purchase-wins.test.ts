/**
 * Issue 19 in the integrations: a session that bought never triggers an abandonment integration
 * (an integration filtered on an abandoning segment), even when it was abandoning before its
 * purchase; and a summary's orders and revenue are once per site (the store's order ledger).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { ABANDONING_SEGMENT_IDS, Engine, type Event, type SessionState } from "@intently/engine";
import { SessionRecorder } from "@intently/store";
import { webhook as webhookConnector } from "../src/connectors/webhook.ts";
import { summariesOf } from "../src/enqueue.ts";
import { SecretBox } from "../src/index.ts";
import { inSegments, summaryOf } from "../src/summary.ts";
import { openStore, SITE, tempDir } from "./support/helpers.ts";
import { UA } from "./support/sessions.ts";

const T0 = Date.UTC(2026, 5, 1, 10);
const OPTS = { hashIdentified: false, salt: "s", currency: "EUR" };
const item = { id: "p1", price: 40, quantity: 1 };

/** A shopper who starts checkout and goes idle (Abandoning Buyers); then maybe buys. */
function checkout(engine: Engine, session: string, buys: boolean): SessionState {
  const ref = { site: SITE, visitor: `v-${session}`, session, context: { ua: UA } };
  const events: Event[] = [
    { type: "page_view", t: T0, page: { url: "https://shop.test/p/1", type: "product" } },
    { type: "add_to_cart", t: T0 + 1000, items: [item], value: 40 },
    { type: "begin_checkout", t: T0 + 2000, items: [item], value: 40 },
  ];
  for (const e of events) engine.process(ref, e);
  const idle = engine.advance(T0 + 2000 + 90_000).updates.find((u) => u.session === session);
  assert.equal(idle?.segment, "abandoning-buyers", "idle at checkout: abandoning");
  if (buys)
    engine.process(ref, {
      type: "purchase",
      t: T0 + 100_000,
      items: [item],
      value: 40,
      transaction_id: `o-${session}`,
    });
  // The buyer leaves after buying (idle again): never abandoning again.
  const after = engine.advance(T0 + 400_000).updates.find((u) => u.session === session);
  if (buys) assert.notEqual(after?.state, "abandon");
  return engine.end(SITE, session)!;
}

test("a confirmation page seen without an order read: no abandoning segment in the payload", () => {
  const engine = new Engine();
  const ref = { site: SITE, visitor: "v-c", session: "c", context: { ua: UA } };
  engine.process(ref, { type: "add_to_cart", t: T0, items: [item], value: 40 });
  engine.process(ref, { type: "begin_checkout", t: T0 + 1000, items: [item], value: 40 });
  engine.advance(T0 + 1000 + 90_000);
  engine.process(ref, {
    type: "page_view",
    t: T0 + 100_000,
    page: { url: "https://shop.test/checkout/onepage/success/" },
  });
  engine.advance(T0 + 400_000);
  const s = engine.end(SITE, "c")!;
  const summary = summaryOf(s, T0 + 500_000, OPTS);
  assert.equal(summary.stage, "post-purchase");
  assert.equal(summary.orders, 0);
  for (const id of ABANDONING_SEGMENT_IDS) assert.ok(!summary.persistedSegments.includes(id), id);
  assert.notEqual(summary.persistedSegments.length, 0);
});

test("an abandonment integration fires for an abandoner, never for one who then bought", () => {
  const engine = new Engine();
  const abandoner = summaryOf(checkout(engine, "a", false), T0 + 500_000, OPTS);
  const buyer = summaryOf(checkout(engine, "b", true), T0 + 500_000, OPTS);
  assert.ok(abandoner.persistedSegments.includes("abandoning-buyers"));
  // The buyer was abandoning before buying: its payload names no abandoning segment.
  for (const id of ABANDONING_SEGMENT_IDS) {
    assert.ok(!JSON.stringify(buyer).includes(`"${id}"`), `${id} in a buyer's payload`);
  }
  assert.ok(buyer.persistedSegments.includes("converted"));
  const filter = { segments: ["abandoning-buyers"] };
  assert.equal(inSegments(abandoner, filter.segments), true);
  assert.equal(inSegments(buyer, filter.segments), false);
  const config = { url: "https://hooks.example/x", secret: "whsec_x", ...filter };
  assert.equal(webhookConnector.accepts(abandoner, config as never), true);
  assert.equal(webhookConnector.accepts(buyer, config as never), false);
  // Other segments still match the buyer.
  assert.equal(inSegments(buyer, ["converted"]), true);
});

test("summaries carry orders and revenue once per site", async () => {
  const tmp = tempDir();
  const store = await openStore(null);
  try {
    const engine = new Engine();
    const rec = new SessionRecorder(store);
    const ended: SessionState[] = [];
    const order = (session: string, visitor: string, t: number) => {
      const ref = { site: SITE, visitor, session, context: { ua: UA } };
      const e: Event = { type: "purchase", t, value: 40, items: [item], transaction_id: "T1" };
      rec.event(e, engine.process(ref, e));
      const s = engine.end(SITE, session)!;
      rec.end(s, t + 1000);
      ended.push(s);
    };
    order("s1", "v1", T0);
    order("s2", "v2", T0 + 3_600_000); // the same order after a cookie reset
    const box = SecretBox.open(tmp.dir);
    const [first, second] = await summariesOf(store, box, ended, T0 + 4_000_000);
    assert.deepEqual([first!.orders, first!.revenue, first!.purchased], [1, 40, true]);
    assert.deepEqual([second!.orders, second!.revenue, second!.purchased], [0, 0, false]);
  } finally {
    await store.close();
    tmp.cleanup();
  }
});
