/**
 * Early end after purchase (issue 24: O(due), not a scan of every live session): with a real
 * engine, each purchased session ends once `delay` has passed since its purchase event, not
 * before; browsing sessions are never touched; a purchased session that ended otherwise, or
 * whose id came back as a new live session, is not ended by a stale entry; a disabled delay
 * ends nothing. A model (every live purchased session, scanned) gives the expected ends.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { Engine, F, type SessionState } from "@intently/engine";
import { PurchaseEnder } from "../src/purchase.ts";
import { browserEvents, buyerEvents, UA } from "./support/sessions.ts";

const ref = (site: string, session: string) => ({
  site,
  visitor: `v-${session}`,
  session,
  context: { ua: UA },
});

test("purchased sessions end `delay` after their purchase, each once, the others never", async () => {
  const engine = new Engine();
  const delays: Record<string, number> = { a: 60_000, b: 120_000, off: 0 };
  const ender = new PurchaseEnder(engine, async (site) => delays[site] ?? 0);
  const t0 = 1_700_000_000_000;
  /** The model: purchase time of every purchased session fed, by site and id. */
  const bought = new Map<string, number>();
  let k = 0;
  for (const site of ["a", "b", "off"]) {
    for (let i = 0; i < 30; i++) {
      const start = t0 + (k++ % 17) * 7_000;
      const id = `${site}-${i}`;
      const events = i % 3 === 0 ? browserEvents(start) : buyerEvents(start);
      for (const e of events) engine.process(ref(site, id), e);
      if (i % 3 !== 0) bought.set(`${site}\u0000${id}`, events.at(-1)!.t);
    }
  }
  // One buyer ends otherwise (erasure) and its id comes back as a browsing session.
  engine.end("a", "a-1");
  for (const e of browserEvents(t0)) engine.process(ref("a", "a-1"), e);
  bought.delete("a\u0000a-1");
  assert.ok(ender.pending > 0);

  const endedAt = new Map<string, number>();
  for (let now = t0; now <= t0 + 600_000; now += 5_000) {
    for (const s of await ender.check(now)) {
      const key = `${s.site}\u0000${s.id}`;
      assert.ok(!endedAt.has(key), `${key} ended twice`);
      endedAt.set(key, now);
    }
    // Every purchased live session whose delay has passed is ended by now, and no other.
    for (const s of engine.sessions() as Iterable<SessionState>) {
      const at = bought.get(`${s.site}\u0000${s.id}`);
      const delay = delays[s.site]!;
      const due = at !== undefined && delay > 0 && now - at >= delay;
      assert.ok(!due, `${s.id} still live at ${now - t0}`);
    }
  }
  for (const [key, at] of endedAt) {
    const site = key.split("\u0000")[0]!;
    const purchase = bought.get(key);
    assert.ok(purchase !== undefined, `${key} had no purchase`);
    assert.ok(at - purchase >= delays[site]! && at - purchase < delays[site]! + 5_000);
  }
  assert.equal(endedAt.size, 19 + 20, "every buyer of a and b but the erased one");
  assert.ok(engine.get("a", "a-1"), "the new session with a reused id stays live");
  assert.ok(engine.get("off", "off-1"), "no early end when the delay is off");
  assert.equal(ender.pending, 0);
});

test("sessions that purchased before the ender was attached are followed too", async () => {
  const engine = new Engine();
  const t0 = 1_700_000_000_000;
  for (const e of buyerEvents(t0)) engine.process(ref("a", "early"), e);
  const ender = new PurchaseEnder(engine, async () => 1_000);
  const purchaseT = engine.get("a", "early")!.n[F.LastT]!;
  assert.deepEqual(await ender.check(purchaseT + 999), []);
  assert.deepEqual(
    (await ender.check(purchaseT + 1_000)).map((s) => s.id),
    ["early"],
  );
});
