/** The service prunes delivered outbox messages past their retention: at start, then on a timer. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { IntegrationsService, SecretBox } from "../src/index.ts";
import { openStore, SITE, until } from "./support/helpers.ts";

const DAY = 86_400_000;

test("delivered messages older than deliveredRetentionMs go; dead letters stay", async () => {
  const store = await openStore();
  const now = Date.now();
  const msg = (n: number) => ({
    key: `${SITE}:s-${n}:wh`,
    site: SITE,
    destination: "wh",
    payload: "{}",
  });
  await store.outbox.enqueue([msg(1), msg(2), msg(3)], now - 10 * DAY);
  await store.outbox.settle(msg(1).key, { kind: "delivered", at: now - 8 * DAY, status: 200 });
  await store.outbox.settle(msg(2).key, { kind: "delivered", at: now - DAY, status: 200 });
  await store.outbox.settle(msg(3).key, {
    kind: "dead",
    at: now - 9 * DAY,
    status: 410,
    error: "gone",
  });
  const service = new IntegrationsService(store, SecretBox.open(null, {}), null, undefined, {
    purchaseCheckMs: 0,
    exportCheckMs: 0,
    pruneCheckMs: 60_000,
    deliveredRetentionMs: 7 * DAY,
  });
  service.start(); // prunes once at start
  try {
    await until(async () => (await store.outbox.get(msg(1).key)) === null, "the first prune");
    assert.ok(await store.outbox.get(msg(2).key), "delivered yesterday: kept");
    assert.equal((await store.outbox.get(msg(3).key))?.status, "dead", "dead letters are kept");
    assert.equal(await service.prune(now + 7 * DAY), 1);
    assert.deepEqual(
      (await store.outbox.list()).map((m) => m.key),
      [msg(3).key],
    );
  } finally {
    await service.close();
    await store.close();
  }
});
