/**
 * Outbox housekeeping on DuckDB: delivered messages are pruned after their retention, dead
 * letters and pending messages are kept (until replayed, or the site's data retention).
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { DAY_MS, DuckDbStore } from "../src/index.ts";
import { tempDir } from "./helpers.ts";

const T0 = Date.UTC(2024, 5, 1);
const msg = (site: string, n: number) => ({
  key: `${site}:s-${n}:wh`,
  site,
  destination: "wh",
  payload: JSON.stringify({ session: `s-${n}` }),
});

async function keys(store: DuckDbStore): Promise<string[]> {
  return (await store.outbox.list()).map((m) => m.key).sort();
}

describe("outbox pruning", () => {
  test("delivered messages older than the cutoff go; dead letters and pending stay", async () => {
    const { dir, cleanup } = tempDir();
    const store = await DuckDbStore.open(dir);
    try {
      const all = [msg("a", 1), msg("a", 2), msg("a", 3), msg("a", 4), msg("b", 5)];
      assert.equal(await store.outbox.enqueue(all, T0), 5);
      const delivered = (key: string, at: number) =>
        store.outbox.settle(key, { kind: "delivered", at, status: 200 });
      await delivered("a:s-1:wh", T0 + DAY_MS);
      await delivered("a:s-2:wh", T0 + 8 * DAY_MS);
      await delivered("b:s-5:wh", T0 + DAY_MS);
      await store.outbox.settle("a:s-3:wh", {
        kind: "dead",
        at: T0 + DAY_MS,
        status: 422,
        error: "HTTP 422",
      });
      // a:s-4 stays pending.

      // Seven days after s-1 and s-5 were delivered (s-2 a week later): only those two go.
      assert.equal(await store.outbox.pruneDelivered(T0 + 2 * DAY_MS), 2);
      assert.deepEqual(await keys(store), ["a:s-2:wh", "a:s-3:wh", "a:s-4:wh"]);
      assert.equal(await store.outbox.pruneDelivered(T0 + 2 * DAY_MS), 0, "idempotent");

      // Even far in the future a dead letter is kept, and can still be replayed.
      assert.equal(await store.outbox.pruneDelivered(T0 + 400 * DAY_MS), 1);
      assert.deepEqual(await keys(store), ["a:s-3:wh", "a:s-4:wh"]);
      assert.equal(await store.outbox.replay({ site: "a" }, T0 + 401 * DAY_MS), 1);
      const [m] = await store.outbox.metrics(T0 + 401 * DAY_MS, "a");
      assert.deepEqual(
        { pending: m!.pending, delivered: m!.delivered, dead: m!.dead },
        { pending: 2, delivered: 0, dead: 0 },
      );
    } finally {
      await store.close();
      cleanup();
    }
  });

  test("a site's data retention removes its outbox messages, dead letters included", async () => {
    const store = await DuckDbStore.open(null);
    try {
      const now = Date.now();
      await store.config.createWorkspace({ id: "w", name: "W" });
      for (const id of ["a", "b"])
        await store.config.createSite({
          id,
          workspaceId: "w",
          name: id,
          publicKey: `pk_${id}`,
          settings: { retentionDays: id === "a" ? 5 : 30 },
        });
      await store.outbox.enqueue([msg("a", 1), msg("b", 1)], now - 10 * DAY_MS);
      await store.outbox.enqueue([msg("a", 2)], now - DAY_MS);
      for (const key of ["a:s-1:wh", "a:s-2:wh", "b:s-1:wh"])
        await store.outbox.settle(key, { kind: "dead", at: now, status: 0, error: "down" });

      await store.applyRetention(now);
      // Site a keeps 5 days (its 10-day-old dead letter goes); site b keeps 30.
      assert.deepEqual(await keys(store), ["a:s-2:wh", "b:s-1:wh"]);
      assert.equal(await store.outbox.deleteOlder("b", now), 1);
      assert.deepEqual(await keys(store), ["a:s-2:wh"]);
    } finally {
      await store.close();
    }
  });
});
