/**
 * Why a score moved, in the live stream (issue 20, item 9): after an add to cart, the next
 * snapshot carries the session's reasons — add-to-cart readiness became certain because of the
 * add to cart, purchase confidence did not fall because of it — with the catalogue's labels and
 * points that sum to the score's move. GET /live stays without reasons.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { LiveReasons } from "@intently/api-contract";
import type { Event } from "@intently/engine";
import { liveSession } from "./support-api/live.ts";
import { type World, world } from "./support-api/server.ts";
import { SseStream } from "./support-api/sse.ts";

interface View {
  sessions: { session: string; scores: { xATC: { value: number } }; reasons?: LiveReasons }[];
}

let w: World;
let s: SseStream;

before(async () => {
  w = await world();
});

after(async () => {
  s?.close();
  await w.server.close();
});

test("after an add to cart, the stream says why the scores moved", async () => {
  s = await SseStream.open(`${w.url}/api/sites/${w.a.site}/live/stream?limit=10`, {
    cookie: w.viewer.cookie!,
  });
  await s.nth<View>("snapshot", 1);
  liveSession(w.server, w.a.site, "why-visitor", "why-session");
  const before = await s.nth<View>("snapshot", 2);
  const row0 = before.sessions.find((r) => r.session === "why-session")!;
  assert.equal(row0.reasons, undefined, "no move seen yet");

  const ref = { site: w.a.site, visitor: "why-visitor", session: "why-session" };
  w.server.ctx.host.process(ref, {
    type: "add_to_cart",
    t: Date.now(),
    items: [{ id: "SKU1", price: 40, quantity: 1 }],
  } as Event);
  await s.until(
    () =>
      s.events.some(
        (e) =>
          e.event === "snapshot" &&
          (JSON.parse(e.data) as View).sessions.some((r) => r.reasons?.xATC),
      ),
    5000,
    "a snapshot with reasons",
  );
  const last = s.events.filter((e) => e.event === "snapshot").at(-1)!;
  const row = (JSON.parse(last.data) as View).sessions.find((r) => r.session === "why-session")!;
  const reasons = row.reasons!;
  // xATC becomes certain, and the add to cart is why.
  assert.equal(reasons.xATC!.to, 1);
  assert.equal(row.scores.xATC.value, 1);
  const top = reasons.xATC!.reasons[0]!;
  assert.equal(top.feature, "cartAdds");
  assert.equal(top.label, "Add-to-carts");
  assert.deepEqual([top.from, top.to], ["0", "1"]);
  assert.ok(top.points > 0);
  for (const key of ["xC", "xATC", "xE"] as const) {
    const move = reasons[key];
    if (!move) continue;
    const sum = move.reasons.reduce((t, r) => t + r.points, 0);
    assert.ok(Math.abs(sum - (move.to - move.from) * 100) < 1e-6, `${key}: ${sum}`);
    // Purchase confidence is monotone in add-to-carts: never a negative reason for one.
    if (key === "xC")
      for (const r of move.reasons) if (r.feature === "cartAdds") assert.ok(r.points >= 0);
  }
  const polled = await w.viewer.get(`/api/sites/${w.a.site}/live?limit=10`);
  assert.equal(polled.status, 200);
  assert.equal(polled.body.sessions[0].reasons, undefined);
});
