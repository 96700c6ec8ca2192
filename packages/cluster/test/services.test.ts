/**
 * The cluster's services, started by scripts/services (through ensureServices), driven with the
 * real clients the cluster uses: what the collectors, workers and stores of issue 14 rely on.
 * Each test uses its own names (stream, bucket, keys, database, schema) and removes them.
 * On a fresh machine the first `up` installs four Debian packages: hence the long `before`.
 */
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { createClient } from "@clickhouse/client";
import { AckPolicy, jetstream, jetstreamManager } from "@nats-io/jetstream";
import { Kvm } from "@nats-io/kv";
import { connect } from "@nats-io/transport-node";
import { Redis } from "ioredis";
import pg from "pg";
import { ensureServices, type ServiceUrls } from "../src/services.ts";

let urls: ServiceUrls;
/** Unique per run, valid in every engine's identifiers: letters, digits, underscore. */
const tag = `svc_${process.pid}_${Date.now().toString(36)}`;

before(
  async () => {
    urls = await ensureServices();
  },
  { timeout: 35 * 60_000 },
);

describe("NATS JetStream (scripts/services)", () => {
  test("a stream deduplicates by Nats-Msg-Id; a durable pull consumer fetches and acks", async () => {
    const nc = await connect({ servers: urls.nats });
    const jsm = await jetstreamManager(nc);
    const stream = `S_${tag}`;
    try {
      await jsm.streams.add({ name: stream, subjects: [`${stream}.>`] });
      const js = jetstream(nc);
      const first = await js.publish(`${stream}.p0`, "batch one", { msgID: "batch-1" });
      const again = await js.publish(`${stream}.p0`, "batch one", { msgID: "batch-1" });
      const second = await js.publish(`${stream}.p1`, "batch two", { msgID: "batch-2" });
      assert.equal(first.duplicate, false);
      assert.equal(again.duplicate, true, "the retry is recognised as a duplicate");
      assert.equal(again.seq, first.seq, "the duplicate's ack names the stored message");
      assert.equal(second.seq, first.seq + 1);
      assert.equal((await jsm.streams.info(stream)).state.messages, 2);

      await jsm.consumers.add(stream, { durable_name: "worker", ack_policy: AckPolicy.Explicit });
      const consumer = await js.consumers.get(stream, "worker");
      const got: string[] = [];
      for await (const m of await consumer.fetch({ max_messages: 2, expires: 5_000 })) {
        got.push(`${m.subject}=${m.string()}`);
        await m.ackAck();
        if (got.length === 2) break;
      }
      assert.deepEqual(got, [`${stream}.p0=batch one`, `${stream}.p1=batch two`]);
      const info = await jsm.consumers.info(stream, "worker");
      assert.equal(info.num_pending, 0);
      assert.equal(info.num_ack_pending, 0);
      assert.equal(info.ack_floor.stream_seq, second.seq, "both acks are recorded durably");
    } finally {
      await jsm.streams.delete(stream).catch(() => {});
      await nc.close();
    }
  });

  test("a KV bucket's put and get carry revisions; an update at a stale revision fails", async () => {
    const nc = await connect({ servers: urls.nats });
    const kv = await new Kvm(nc).create(`KV_${tag}`, { history: 2 });
    try {
      const r1 = await kv.put("partition.3", "seq=10");
      const r2 = await kv.put("partition.3", "seq=25");
      assert.ok(r2 > r1);
      const entry = await kv.get("partition.3");
      assert.equal(entry?.string(), "seq=25");
      assert.equal(entry?.revision, r2);
      await assert.rejects(kv.update("partition.3", "seq=11", r1), "compare-and-set refuses r1");
      const r3 = await kv.update("partition.3", "seq=40", r2);
      assert.equal((await kv.get("partition.3"))?.revision, r3);
    } finally {
      await kv.destroy().catch(() => {});
      await nc.close();
    }
  });
});

describe("Redis (scripts/services)", () => {
  test("a session hash with a TTL, and a pub/sub message to another connection", async () => {
    const redis = new Redis(urls.redis, { maxRetriesPerRequest: 2 });
    const sub = redis.duplicate();
    const key = `m:${tag}`;
    const short = `m:${tag}:short`;
    const channel = `live:${tag}`;
    try {
      await redis.hset(key, { segment: "deciding-focus", stage: "Deciding" });
      assert.equal(await redis.expire(key, 600), 1);
      const ttl = await redis.ttl(key);
      assert.ok(ttl > 0 && ttl <= 600, `ttl ${ttl}`);
      assert.deepEqual(await redis.hgetall(key), { segment: "deciding-focus", stage: "Deciding" });

      await redis.hset(short, { segment: "x" });
      await redis.pexpire(short, 50);
      let gone = false; // the TTL is honoured (bounded poll, no timing asserted)
      for (let i = 0; i < 100 && !gone; i++) {
        await new Promise((r) => setTimeout(r, 20));
        gone = (await redis.exists(short)) === 0;
      }
      assert.ok(gone, "the hash expired");

      const received = new Promise<[string, string]>((resolve) =>
        sub.on("message", (ch: string, msg: string) => resolve([ch, msg])),
      );
      await sub.subscribe(channel);
      assert.equal(await redis.publish(channel, "session-7 entered deciding-focus"), 1);
      assert.deepEqual(await received, [channel, "session-7 entered deciding-focus"]);
    } finally {
      await redis.del(key, short).catch(() => {});
      sub.disconnect();
      await redis.quit();
    }
  });
});

describe("ClickHouse (scripts/services)", () => {
  test("MergeTree: create, JSONEachRow insert with columns and best-effort dates, select", async () => {
    const ch = createClient({ url: urls.clickhouse });
    const db = `db_${tag}`;
    try {
      await ch.command({ query: `CREATE DATABASE ${db}` });
      await ch.command({
        query: `CREATE TABLE ${db}.events (site String, session String, t DateTime, n UInt32)
                ENGINE = MergeTree() ORDER BY (site, t)`,
      });
      await ch.insert({
        table: `${db}.events`,
        format: "JSONEachRow",
        columns: ["site", "session", "t", "n"],
        values: [
          { site: "s1", session: "a", t: "2026-01-02T03:04:05Z", n: 1 },
          { site: "s1", session: "b", t: "2026-01-02T03:04:06.250Z", n: 2 },
          { site: "s2", session: "a", t: "2026-01-02T04:00:00+01:00", n: 5 },
        ],
        clickhouse_settings: { date_time_input_format: "best_effort" },
      });
      const rs = await ch.query({
        query: `SELECT site, count() AS events, uniqExact(session) AS sessions, sum(n) AS total,
                       toString(min(t)) AS first
                FROM ${db}.events GROUP BY site ORDER BY site`,
        format: "JSONEachRow",
      });
      const rows = await rs.json<Record<string, unknown>>();
      // UInt64 aggregates come back as strings from 18.16 (as numbers from some later versions).
      assert.deepEqual(
        rows.map((r) => ({
          ...r,
          events: String(r.events),
          sessions: String(r.sessions),
          total: String(r.total),
        })),
        [
          { site: "s1", events: "2", sessions: "2", total: "3", first: "2026-01-02 03:04:05" },
          { site: "s2", events: "1", sessions: "1", total: "5", first: "2026-01-02 03:00:00" },
        ],
      );
    } finally {
      await ch.command({ query: `DROP DATABASE IF EXISTS ${db}` }).catch(() => {});
      await ch.close();
    }
  });
});

describe("PostgreSQL (scripts/services)", () => {
  test("FOR UPDATE SKIP LOCKED: two connections take different rows", async () => {
    const schema = `s_${tag}`;
    const a = new pg.Client({ connectionString: urls.postgres });
    const b = new pg.Client({ connectionString: urls.postgres });
    await a.connect();
    await b.connect();
    const take = "SELECT id FROM outbox WHERE NOT done ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED";
    try {
      await a.query(`CREATE SCHEMA ${schema}`);
      await a.query(`SET search_path TO ${schema}`);
      await b.query(`SET search_path TO ${schema}`);
      await a.query(
        "CREATE TABLE outbox (id int PRIMARY KEY, done boolean NOT NULL DEFAULT false)",
      );
      await a.query("INSERT INTO outbox (id) VALUES (1), (2)");

      await a.query("BEGIN");
      assert.deepEqual((await a.query(take)).rows, [{ id: 1 }]);
      await b.query("BEGIN");
      assert.deepEqual((await b.query(take)).rows, [{ id: 2 }], "b skips the row a holds");
      const rest = await b.query(
        "SELECT id FROM outbox WHERE id <> 2 ORDER BY id FOR UPDATE SKIP LOCKED",
      );
      assert.deepEqual(rest.rows, [], "nothing else is free while a holds row 1");
      await a.query("UPDATE outbox SET done = true WHERE id = 1");
      await a.query("COMMIT");
      await b.query("UPDATE outbox SET done = true WHERE id = 2");
      await b.query("COMMIT");
      const left = await a.query("SELECT count(*)::int AS n FROM outbox WHERE NOT done");
      assert.deepEqual(left.rows, [{ n: 0 }], "each row delivered once");
    } finally {
      await a.query("ROLLBACK").catch(() => {});
      await b.query("ROLLBACK").catch(() => {});
      await a.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => {});
      await a.end();
      await b.end();
    }
  });
});
