/**
 * Load shedding by memory and queue depth (issue 13): the number of collect requests in flight
 * and the process's memory have absolute thresholds; beyond them, 503 + Retry-After before
 * the body is read.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { collectorOf, createCollectorPlugin } from "../src/collector/index.ts";
import { type MemoryLimits, type MemoryReading, OverloadGuard } from "../src/collector/overload.ts";
import {
  makeBatch,
  post,
  SITE,
  startCollector,
  type TestServer,
} from "./support-collector/helpers.ts";
import { eventually, postHead, rawClient, statusOf } from "./support-collector/raw.ts";

const MIB = 1024 ** 2;

describe("collector: requests in flight are capped", () => {
  const CAP = 3;
  let t: TestServer;
  before(async () => {
    t = await startCollector(createCollectorPlugin({ maxInFlight: CAP }));
  });
  after(() => t.stop());

  test("slow requests beyond the cap get 503 + Retry-After before their body is read", async (ctx) => {
    const port = Number(new URL(t.server.url).port);
    const collector = collectorOf(t.server.app)!;
    const bodies = Array.from({ length: CAP + 5 }, () => JSON.stringify(makeBatch()));
    const clients = await Promise.all(bodies.map(() => rawClient(port)));
    ctx.after(() => {
      for (const c of clients) c.socket.destroy();
    });
    let peak = 0;
    // Every client sends its headers and half its body, then waits.
    for (const [i, c] of clients.entries()) {
      const body = bodies[i]!;
      c.write(postHead(Buffer.byteLength(body)) + body.slice(0, body.length >> 1));
    }
    const settled = () => {
      peak = Math.max(peak, collector.inFlight);
      return clients.filter((c) => statusOf(c.data) === 503).length === bodies.length - CAP;
    };
    assert.ok(await eventually(settled), "the requests beyond the cap are refused");
    const held = clients.filter((c) => statusOf(c.data) === null);
    const refused = clients.filter((c) => statusOf(c.data) === 503);
    assert.equal(held.length, CAP);
    assert.equal(collector.inFlight, CAP);
    assert.ok(peak <= CAP, `peak in flight ${peak}`);
    for (const c of refused) {
      assert.match(c.data, /\r\nretry-after: 2\r\n/i);
      assert.match(c.data, /"reason":"in-flight"/);
    }
    // The held requests finish normally and free their places.
    for (const [i, c] of clients.entries()) {
      const body = bodies[i]!;
      if (held.includes(c)) c.write(body.slice(body.length >> 1));
    }
    assert.ok(await eventually(() => held.every((c) => statusOf(c.data) !== null)));
    assert.deepEqual(
      held.map((c) => statusOf(c.data)),
      Array(CAP).fill(200),
    );
    assert.ok(await eventually(() => collector.inFlight === 0));
    assert.equal((await post(t.url, makeBatch())).status, 200);
  });
});

describe("collector: memory above its threshold", () => {
  let t: TestServer;
  before(async () => {
    // A threshold any running process is above.
    t = await startCollector(createCollectorPlugin({ maxMemoryBytes: 1 }));
  });
  after(() => t.stop());

  test("503 memory with Retry-After, and nothing applied", async () => {
    const b = makeBatch();
    const r = await post(t.url, b);
    assert.equal(r.status, 503);
    assert.equal(r.body.reason, "memory");
    assert.equal(r.headers.get("retry-after"), "2");
    assert.equal(t.server.ctx.host.engine.get(SITE.id, b.session), undefined);
    assert.equal(collectorOf(t.server.app)!.inFlight, 0);
  });
});

describe("overload guard: absolute thresholds", () => {
  const limits: MemoryLimits = {
    maxPendingLogBytes: 32 * MIB,
    maxMemoryBytes: 512 * MIB,
    maxRssBytes: 0,
    maxStorePendingRows: 1000,
    maxInFlight: 2,
  };
  const log = { failed: null, pendingBytes: 0 };
  const store = { pendingRows: () => 0 };

  test("JS memory (heap used + external) and, when set, RSS", () => {
    let m: MemoryReading = { rss: 3000 * MIB, heapUsed: 300 * MIB, external: 100 * MIB };
    const g = new OverloadGuard(limits, log, store, () => m);
    const rss = new OverloadGuard({ ...limits, maxRssBytes: 2048 * MIB }, log, store, () => m);
    try {
      assert.equal(g.check(), null, "RSS is not checked unless a limit is set");
      assert.equal(rss.check(), "memory");
      m = { rss: 600 * MIB, heapUsed: 450 * MIB, external: 100 * MIB };
      g.sample();
      assert.equal(g.check(), "memory");
      assert.equal(g.admit(), "memory");
      assert.equal(g.active, 0, "a refused request is not in flight");
    } finally {
      g.stop();
      rss.stop();
    }
  });

  test("in flight: admitted up to the cap, refused beyond, freed on release", () => {
    const g = new OverloadGuard(limits, log, store, () => ({ rss: 0, heapUsed: 0, external: 0 }));
    try {
      assert.equal(g.admit(), null);
      assert.equal(g.admit(), null);
      assert.equal(g.admit(), "in-flight");
      assert.equal(g.active, 2);
      g.release();
      assert.equal(g.admit(), null);
      assert.equal(g.active, 2);
    } finally {
      g.stop();
    }
  });

  test("the defaults are absolute and below V8's heap limit", async () => {
    const { DEFAULT_COLLECTOR_OPTIONS: d } = await import("../src/collector/options.ts");
    const { getHeapStatistics } = await import("node:v8");
    assert.ok(d.maxMemoryBytes <= 1024 * MIB);
    assert.ok(d.maxMemoryBytes <= 0.6 * getHeapStatistics().heap_size_limit);
    assert.equal(d.maxInFlight, 256);
  });
});
