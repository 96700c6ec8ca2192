/**
 * Several delivery workers on one PostgreSQL outbox (src/postgres/outbox.ts): each has its own
 * pool, as one per process would. Claimed with FOR UPDATE SKIP LOCKED, every message is
 * delivered once; a row locked by another transaction is skipped, not waited for; the messages
 * of a worker that died are taken by another once its claim runs out.
 */
import assert from "node:assert/strict";
import { describe, type TestContext, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import type { NewOutboxMessage } from "../src/outbox.ts";
import { openPostgresConfig, type PostgresConfigPorts } from "../src/postgres/index.ts";
import { adminQuery, freshSchema, postgresUrl } from "./support/postgres.ts";

const NOW = 1_000_000;
const CLAIM_MS = 60_000;

const msgs = (n: number, prefix = "m"): NewOutboxMessage[] =>
  Array.from({ length: n }, (_, i) => ({
    key: `s1:${prefix}${String(i).padStart(4, "0")}:wh`,
    site: "s1",
    destination: "wh",
    payload: JSON.stringify({ site: "s1", session: `${prefix}${i}`, visitor: `v${i}` }),
  }));

/** Two instances (two pools) on one new schema. */
async function twoWorkers(t: TestContext): Promise<[PostgresConfigPorts, PostgresConfigPorts]> {
  const url = await postgresUrl();
  const schema = freshSchema();
  const opened = await Promise.all([
    openPostgresConfig(url, { schema, claimMs: CLAIM_MS, maxConnections: 3 }),
    openPostgresConfig(url, { schema, claimMs: CLAIM_MS, maxConnections: 3 }),
  ]);
  t.after(() => Promise.all(opened.map((o) => o.close())));
  return opened;
}

/**
 * A delivery worker's loop, reduced to its bookkeeping: take due messages, count each "send",
 * settle it. Bounded in rounds; stops when nothing is pending any more.
 */
async function deliver(p: PostgresConfigPorts, sent: Map<string, number>): Promise<string[]> {
  const mine: string[] = [];
  for (let round = 0; round < 2000; round++) {
    const batch = await p.outbox.due(NOW, 7);
    if (batch.length === 0) {
      if ((await p.outbox.nextDueAt()) === null) return mine;
      await sleep(2); // the other worker is settling what it claimed
      continue;
    }
    for (const m of batch) {
      sent.set(m.key, (sent.get(m.key) ?? 0) + 1);
      mine.push(m.key);
    }
    await Promise.all(
      batch.map((m) => p.outbox.settle(m.key, { kind: "delivered", at: NOW, status: 200 })),
    );
  }
  throw new Error("the outbox did not drain in 2000 rounds");
}

describe("postgres outbox: several delivery workers", () => {
  test("two pools claiming concurrently deliver every message once", async (t) => {
    const [a, b] = await twoWorkers(t);
    const all = msgs(400);
    assert.equal(await a.outbox.enqueue(all, NOW - 1000), 400);
    const sent = new Map<string, number>();
    const [byA, byB] = await Promise.all([deliver(a, sent), deliver(b, sent)]);
    assert.equal(sent.size, 400, "every message sent");
    assert.deepEqual(
      [...sent].filter(([, n]) => n !== 1),
      [],
      "no message sent twice",
    );
    assert.equal(byA.length + byB.length, 400);
    assert.ok(byA.length > 0 && byB.length > 0, `both worked: ${byA.length} / ${byB.length}`);
    const m = await b.outbox.metrics(NOW, "s1");
    assert.deepEqual(
      m.map((x) => [x.pending, x.delivered]),
      [[0, 400]],
    );
  });

  test("a row another transaction holds is skipped, not waited for", {
    timeout: 60_000,
  }, async (t) => {
    // The holder's connection is ended first when the test ends: were `due()` to wait for its
    // lock, the test would fail on its timeout instead of hanging the file.
    const client = new pg.Client({ connectionString: await postgresUrl() });
    await client.connect();
    t.after(() => client.end());
    const [a, b] = await twoWorkers(t);
    await a.outbox.enqueue(msgs(3, "l"), NOW - 1000);
    await client.query("BEGIN");
    await client.query(`SELECT key FROM ${a.schema}.outbox WHERE key = $1 FOR UPDATE`, [
      "s1:l0000:wh",
    ]);
    const got = (await b.outbox.due(NOW, 10)).map((m) => m.key);
    assert.deepEqual(got, ["s1:l0001:wh", "s1:l0002:wh"]);
    await client.query("ROLLBACK");
    assert.deepEqual(
      (await b.outbox.due(NOW, 10)).map((m) => m.key),
      ["s1:l0000:wh", "s1:l0001:wh", "s1:l0002:wh"],
      "its own claims are seen again by the worker that holds them",
    );
    assert.deepEqual(await a.outbox.due(NOW, 10), [], "claimed by the other worker");
  });

  test("a dead worker's claims run out and another worker takes the messages", async (t) => {
    const [a, b] = await twoWorkers(t);
    await a.outbox.enqueue(msgs(5, "d"), NOW - 1000);
    const taken = (await a.outbox.due(NOW, 3)).map((m) => m.key);
    assert.equal(taken.length, 3);
    // a "dies" here: it never settles.
    const other = await b.outbox.due(NOW, 10);
    assert.deepEqual(
      other.map((m) => m.key),
      ["s1:d0003:wh", "s1:d0004:wh"],
    );
    for (const m of other)
      await b.outbox.settle(m.key, { kind: "delivered", at: NOW, status: 200 });
    assert.equal(await b.outbox.nextDueAt(), NOW + CLAIM_MS, "when a's claims run out");
    assert.equal(await a.outbox.nextDueAt(), NOW - 1000, "a sees its own messages as due");
    assert.deepEqual((await b.outbox.due(NOW + CLAIM_MS - 1, 10)).length, 0);
    assert.deepEqual(
      (await b.outbox.due(NOW + CLAIM_MS, 10)).map((m) => m.key),
      taken,
    );
    const stillPending = await adminQuery(
      `SELECT count(*)::int AS n FROM ${a.schema}.outbox WHERE status = 'pending'`,
    );
    assert.equal(stillPending.rows[0].n, 3);
  });
});
