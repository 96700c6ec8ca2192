/**
 * The integration outbox: keys added once, due messages oldest first, retries and dead letters,
 * replay, metrics, pruning of delivered messages, and a visitor's summaries erased.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { type MakeStore, storePerSuite } from "./support.ts";

const msg = (session: string, destination = "wh", visitor = `v-${session}`) => ({
  key: `s1:${session}:${destination}`,
  site: "s1",
  destination,
  payload: JSON.stringify({ site: "s1", session, visitor }),
});

export function outboxContract(make: MakeStore): void {
  describe("outbox", () => {
    const store = storePerSuite(make);
    const ob = () => store().outbox;

    test("enqueue adds each key once; due is oldest first and skips what is asked", async () => {
      assert.equal(await ob().enqueue([msg("a"), msg("b")], 100), 2);
      assert.equal(await ob().enqueue([msg("a"), msg("c", "ga4")], 200), 1);
      assert.deepEqual(
        (await ob().due(1000, 10)).map((m) => m.key),
        ["s1:a:wh", "s1:b:wh", "s1:c:ga4"],
      );
      assert.deepEqual(
        (await ob().due(1000, 10, { keys: ["s1:a:wh"], destinations: ["ga4"] })).map((m) => m.key),
        ["s1:b:wh"],
      );
      assert.equal(await ob().nextDueAt(), 100);
    });

    test("delivered, retried, dead; replay; metrics", async () => {
      await ob().settle("s1:a:wh", { kind: "delivered", at: 300, status: 200 });
      await ob().settle("s1:b:wh", {
        kind: "retry",
        at: 300,
        nextAt: 5000,
        status: 503,
        error: "busy",
      });
      await ob().settle("s1:c:ga4", { kind: "dead", at: 300, status: 400, error: "bad" });
      assert.deepEqual(await ob().due(1000, 10), [], "b waits for its retry");
      const b = await ob().get("s1:b:wh");
      assert.deepEqual(
        [b?.status, b?.attempts, b?.nextAt, b?.lastStatus],
        ["pending", 1, 5000, 503],
      );
      assert.equal((await ob().get("s1:c:ga4"))?.status, "dead");
      const m = await ob().metrics(1000, "s1");
      const wh = m.find((x) => x.destination === "wh");
      assert.deepEqual([wh?.pending, wh?.delivered, wh?.retried], [1, 1, 1]);
      assert.equal(m.find((x) => x.destination === "ga4")?.dead, 1);
      assert.equal(await ob().replay({ destination: "ga4" }, 2000), 1);
      assert.deepEqual((await ob().list({ status: "pending" })).map((x) => x.key).sort(), [
        "s1:b:wh",
        "s1:c:ga4",
      ]);
    });

    test("pruning delivered messages, retention and erasure", async () => {
      assert.equal(await ob().pruneDelivered(400), 1);
      assert.equal(await ob().get("s1:a:wh"), null);
      await ob().enqueue([msg("d", "wh", "gone")], 3000);
      assert.equal(await ob().deleteVisitor("s1", "gone"), 1);
      assert.equal(await ob().deleteOlder("s1", 150), 1, "b, created at 100");
      assert.deepEqual(
        (await ob().list()).map((x) => x.key),
        ["s1:c:ga4"],
      );
    });
  });
}
